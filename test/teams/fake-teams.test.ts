import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from '@microsoft/teams.api';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FAKE_APP, FAKE_TENANT, FakeTeams, TEAMS_LIMITS } from '../support/fake-teams/index.ts';
import { FakeRateLimiter } from '../support/fake-teams/rate-limiter.ts';
import type { Json } from '../support/json.ts';

// The fake must answer as Microsoft does, so that what passes here passes against Teams. Bot
// Connector calls go through the Teams SDK's own REST client (@microsoft/teams.api), as the edge's
// do; Graph and the token endpoint are plain HTTP, as Graph's own reference shows them.

const TENANT = FAKE_TENANT.id;
const OTHER_TENANT = '0b5c7a11-2222-4333-8444-555566667777';
const ALICE = 'a11ce000-0000-4000-8000-000000000001';
const BOB = 'b0b00000-0000-4000-8000-000000000002';
const BLOCKER = 'b10c0000-0000-4000-8000-000000000003';
const NO_APP = '0a990000-0000-4000-8000-000000000004';
const TEAM = 'c0ffee00-0000-4000-8000-00000000000a';
const GENERAL = '19:general0000@thread.tacv2';
const PRIVATE = '19:private0000@thread.tacv2';
const BOT_FRAMEWORK_SCOPE = 'https://api.botframework.com/.default';
const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';

function seed(fake: FakeTeams): void {
  fake.addTenant({ id: OTHER_TENANT, permissions: ['User.Read.All'] });
  fake.addUser({
    id: ALICE,
    tenantId: TENANT,
    displayName: 'Alice Martin',
    mail: 'alice@example.com',
    preferredLanguage: 'fr-FR',
    timeZone: 'Romance Standard Time',
    mailboxLocale: 'fr-FR',
  });
  fake.addUser({
    id: BOB,
    tenantId: TENANT,
    displayName: 'Bob Ivanov',
    timeZone: 'Russian Standard Time',
    mailboxLocale: 'ru-RU',
    hasMailbox: false,
  });
  fake.addUser({ id: BLOCKER, tenantId: TENANT, displayName: 'Blocker', blockedBot: true });
  fake.addUser({ id: NO_APP, tenantId: TENANT, displayName: 'Newcomer', appInstalled: false });
  fake.addTeam({
    id: TEAM,
    tenantId: TENANT,
    displayName: 'Gardeners',
    members: [ALICE],
    channels: [
      {
        id: GENERAL,
        displayName: 'General',
        createdDateTime: new Date('2025-03-01T00:00:00Z'),
        tabs: [{ id: 'tab-1', displayName: 'Handbook', websiteUrl: 'https://example.com/handbook' }],
      },
      {
        id: PRIVATE,
        displayName: 'Secret',
        membershipType: 'private',
        members: [ALICE],
        files: [{ id: 'file-budget', name: 'Budget.xlsx', lastModifiedDateTime: new Date('2026-02-10T08:00:00Z') }],
      },
    ],
    files: [
      { id: 'file-root', name: 'Charter.docx', lastModifiedDateTime: new Date('2026-01-05T10:00:00Z') },
      {
        id: 'folder-general',
        name: 'General',
        lastModifiedDateTime: new Date('2026-01-01T00:00:00Z'),
        children: [{ id: 'file-minutes', name: 'Minutes.pdf', lastModifiedDateTime: new Date('2026-02-01T09:00:00Z') }],
      },
    ],
  });
}

async function token(fake: FakeTeams, tenant: string, scope: string): Promise<string> {
  const response = await fetch(`${fake.tokenUrl}/${tenant}/oauth2/v2.0/token`, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: FAKE_APP.id,
      client_secret: FAKE_APP.secret,
      scope,
    }),
  });
  const body = (await response.json()) as { access_token: string };
  return body.access_token;
}

function connector(fake: FakeTeams, accessToken: string, region = 'emea'): Client {
  return new Client(fake.serviceUrl(region), { token: accessToken });
}

async function graph(
  fake: FakeTeams,
  accessToken: string | null,
  path: string,
  init: { method?: string; body?: unknown } = {},
) {
  const response = await fetch(`${fake.graphUrl}${path}`, {
    method: init.method ?? 'GET',
    headers: { 'content-type': 'application/json', ...(accessToken ? { authorization: `Bearer ${accessToken}` } : {}) },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text === '' ? null : (JSON.parse(text) as Json) };
}

/** What the Teams SDK's client saw of a failed call: the status and Microsoft's error body. */
async function refusal(
  call: Promise<unknown>,
): Promise<{ status: number; headers: Record<string, string>; data: unknown }> {
  try {
    await call;
  } catch (error) {
    const response = (error as { response?: { status: number; headers: Record<string, string>; data: unknown } })
      .response;
    if (response) return response;
    throw error;
  }
  throw new Error('the call succeeded');
}

const oneOnOne = (member: string, tenant = TENANT) => ({
  isGroup: false,
  bot: { id: `28:${FAKE_APP.id}` },
  members: [{ id: member, role: 'user' as const }],
  tenantId: tenant,
  channelData: { tenant: { id: tenant } },
});

const card = (text: string) => ({
  type: 'message' as const,
  summary: text,
  attachments: [
    {
      contentType: 'application/vnd.microsoft.card.adaptive',
      content: { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text }] },
    },
  ],
});

const memberBody = (userId: string) => ({
  '@odata.type': '#microsoft.graph.aadUserConversationMember',
  roles: [],
  'user@odata.bind': `https://graph.microsoft.com/v1.0/users('${userId}')`,
});

describe('fake Teams: token endpoint', () => {
  const fake = new FakeTeams();

  beforeAll(() => fake.start());
  afterAll(() => fake.stop());
  beforeEach(() => {
    fake.reset();
    seed(fake);
  });

  const ask = (tenant: string, fields: Record<string, string>) =>
    fetch(`${fake.tokenUrl}/${tenant}/oauth2/v2.0/token`, { method: 'POST', body: new URLSearchParams(fields) }).then(
      async (response) => ({
        status: response.status,
        body: (await response.json()) as Json,
      }),
    );
  const credentials = { grant_type: 'client_credentials', client_id: FAKE_APP.id, client_secret: FAKE_APP.secret };

  it('issues client-credentials tokens that look like Entra JWTs, per tenant and resource', async () => {
    const bot = await ask('botframework.com', { ...credentials, scope: BOT_FRAMEWORK_SCOPE });
    expect(bot).toMatchObject({ status: 200, body: { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599 } });
    const [header, payload, signature] = (bot.body.access_token as string).split('.');
    expect(JSON.parse(Buffer.from(header ?? '', 'base64url').toString())).toMatchObject({ typ: 'JWT', alg: 'RS256' });
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString());
    expect(claims).toMatchObject({
      aud: 'https://api.botframework.com',
      appid: FAKE_APP.id,
      iss: 'https://api.botframework.com',
    });
    expect(claims.exp - claims.iat).toBe(3599);
    expect(signature).toMatch(/^[\w-]{20,}$/);

    const graphToken = await ask(TENANT, { ...credentials, scope: GRAPH_SCOPE });
    const graphClaims = JSON.parse(
      Buffer.from((graphToken.body.access_token as string).split('.')[1] ?? '', 'base64url').toString(),
    );
    expect(graphClaims).toMatchObject({
      aud: 'https://graph.microsoft.com',
      tid: TENANT,
      iss: `https://sts.windows.net/${TENANT}/`,
    });
    expect(fake.callsTo('token').map((call) => ({ path: call.path, body: call.body, status: call.status }))).toEqual([
      {
        path: '/login/botframework.com/oauth2/v2.0/token',
        body: { ...credentials, scope: BOT_FRAMEWORK_SCOPE },
        status: 200,
      },
      { path: `/login/${TENANT}/oauth2/v2.0/token`, body: { ...credentials, scope: GRAPH_SCOPE }, status: 200 },
    ]);
  });

  it('refuses what Entra refuses, with its OAuth errors and AADSTS codes', async () => {
    expect(await ask(TENANT, { ...credentials, client_secret: 'wrong', scope: GRAPH_SCOPE })).toMatchObject({
      status: 401,
      body: {
        error: 'invalid_client',
        error_description: expect.stringMatching(/^AADSTS7000215: Invalid client secret/),
        error_codes: [7000215],
      },
    });
    expect(await ask(TENANT, { ...credentials, client_id: 'someone-else', scope: GRAPH_SCOPE })).toMatchObject({
      status: 400,
      body: { error: 'unauthorized_client', error_codes: [700016] },
    });
    expect(await ask('no-such-tenant', { ...credentials, scope: GRAPH_SCOPE })).toMatchObject({
      status: 400,
      body: { error: 'invalid_request', error_codes: [90002] },
    });
    expect(await ask(TENANT, { ...credentials, scope: 'https://graph.microsoft.com/User.Read.All' })).toMatchObject({
      status: 400,
      body: { error: 'invalid_scope' },
    });
    expect(await ask(TENANT, { ...credentials, grant_type: 'password', scope: GRAPH_SCOPE })).toMatchObject({
      status: 400,
      body: { error: 'unsupported_grant_type' },
    });

    fake.addTenant({ id: 'unconsented-tenant', consented: false });
    expect(await ask('unconsented-tenant', { ...credentials, scope: GRAPH_SCOPE })).toMatchObject({
      status: 400,
      body: { error: 'unauthorized_client' },
    });
  });

  it('gives a single-tenant app tokens from its own tenant only, the Bot Connector’s included', async () => {
    const singleTenant = new FakeTeams({ app: { ...FAKE_APP, tenantId: TENANT } });
    await singleTenant.start();
    try {
      singleTenant.addTenant({ id: 'other-tenant', permissions: null });
      const askIt = (tenant: string, scope: string) =>
        fetch(`${singleTenant.tokenUrl}/${tenant}/oauth2/v2.0/token`, {
          method: 'POST',
          body: new URLSearchParams({ ...credentials, scope }),
        }).then(async (response) => ({
          status: response.status,
          body: (await response.json()) as Record<string, unknown>,
        }));
      expect(await askIt(TENANT, BOT_FRAMEWORK_SCOPE)).toMatchObject({ status: 200 });
      expect(await askIt('botframework.com', BOT_FRAMEWORK_SCOPE)).toMatchObject({
        status: 400,
        body: { error: 'unauthorized_client', error_codes: [700016] },
      });
      expect(await askIt('other-tenant', GRAPH_SCOPE)).toMatchObject({
        status: 400,
        body: { error: 'unauthorized_client', error_codes: [700016] },
      });
    } finally {
      await singleTenant.stop();
    }
  });
});

describe('fake Teams: Bot Connector', () => {
  const fake = new FakeTeams();
  let botToken: string;

  beforeAll(() => fake.start());
  afterAll(() => fake.stop());
  beforeEach(async () => {
    fake.reset();
    seed(fake);
    botToken = await token(fake, 'botframework.com', BOT_FRAMEWORK_SCOPE);
  });

  it('wants a token the fake issued for the Bot Connector', async () => {
    const denied = {
      status: 401,
      data: { error: { code: 'Unauthorized', message: 'Authorization has been denied for this request.' } },
    };
    expect(await refusal(new Client(fake.serviceUrl()).conversations.create(oneOnOne(ALICE)))).toMatchObject(denied);
    expect(await refusal(connector(fake, 'not-a-token').conversations.create(oneOnOne(ALICE)))).toMatchObject(denied);
    const graphToken = await token(fake, TENANT, GRAPH_SCOPE);
    expect(await refusal(connector(fake, graphToken).conversations.create(oneOnOne(ALICE)))).toMatchObject(denied);

    fake.expireTokens();
    expect(await refusal(connector(fake, botToken).conversations.create(oneOnOne(ALICE)))).toMatchObject(denied);
  });

  it('creates a 1:1 once: the same person gets the same conversation id', async () => {
    const teams = connector(fake, botToken);
    const created = await teams.conversations.create(oneOnOne(ALICE));
    expect(created).toEqual({ id: expect.stringMatching(/^a:1[\w-]+$/) });
    expect(await teams.conversations.create(oneOnOne(`29:${ALICE}`))).toEqual(created);
    expect(fake.callsTo('createConversation')).toEqual([
      expect.objectContaining({
        method: 'POST',
        path: '/bot/emea/v3/conversations',
        body: oneOnOne(ALICE),
        status: 201,
      }),
      expect.objectContaining({ status: 201 }),
    ]);
    expect(fake.conversationWith(ALICE)?.id).toBe(created.id);
  });

  it('refuses conversations Teams refuses', async () => {
    const teams = connector(fake, botToken);
    expect(await refusal(teams.conversations.create(oneOnOne('unknown-user')))).toMatchObject({
      status: 400,
      data: { error: { code: 'BadArgument', message: 'Invalid user identity in provided tenant' } },
    });
    expect(await refusal(teams.conversations.create(oneOnOne(ALICE, OTHER_TENANT)))).toMatchObject({ status: 400 });
    expect(await refusal(teams.conversations.create({ ...oneOnOne(ALICE), isGroup: true }))).toMatchObject({
      status: 400,
    });
    expect(await refusal(teams.conversations.create(oneOnOne(BLOCKER)))).toMatchObject({
      status: 403,
      data: { error: { code: 'ConversationBlockedByUser', message: 'User blocked the conversation with the bot.' } },
    });
    expect(await refusal(teams.conversations.create(oneOnOne(NO_APP)))).toMatchObject({
      status: 403,
      data: { error: { code: 'ForbiddenOperationException' } },
    });
  });

  it('posts and updates activities in a conversation, on any region’s service URL', async () => {
    const { id } = await connector(fake, botToken).conversations.create(oneOnOne(ALICE));
    const posted = await connector(fake, botToken, 'amer').conversations.activities(id).create(card('Hello'));
    expect(posted).toEqual({ id: '1700000000001' });
    expect(fake.callsTo('sendActivity').at(-1)).toMatchObject({
      path: `/bot/amer/v3/conversations/${id}/activities`,
      status: 201,
      body: card('Hello'),
    });

    await connector(fake, botToken).conversations.activities(id).update(posted.id, card('Bye'));
    expect(fake.conversationWith(ALICE)?.activities).toEqual([{ id: posted.id, body: card('Bye'), updates: 1 }]);
    expect(fake.callsTo('updateActivity').at(-1)).toMatchObject({ method: 'PUT', status: 200 });

    // Our client percent-encodes the id ("a%3A1…"); the SDK does not: both reach the conversation.
    const encoded = await fetch(`${fake.serviceUrl()}v3/conversations/${encodeURIComponent(id)}/activities`, {
      method: 'POST',
      headers: { authorization: `Bearer ${botToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(card('Encoded')),
    });
    expect(encoded.status).toBe(201);
  });

  it('answers 404 for a conversation or activity it does not know, and for a deleted chat', async () => {
    const teams = connector(fake, botToken);
    expect(await refusal(teams.conversations.activities('a:unknown').create(card('Hi')))).toMatchObject({
      status: 404,
      data: { error: { code: 'ConversationNotFound', message: 'Conversation not found.' } },
    });
    const { id } = await teams.conversations.create(oneOnOne(ALICE));
    expect(await refusal(teams.conversations.activities(id).update('1699999999999', card('Hi')))).toMatchObject({
      status: 404,
      data: { error: { code: 'ActivityNotFoundInConversation' } },
    });

    fake.deleteConversation(id);
    expect(await refusal(teams.conversations.activities(id).create(card('Hi')))).toMatchObject({
      status: 404,
      data: { error: { code: 'ConversationNotFound' } },
    });
    // Creating it again makes the chat anew, under the same id.
    expect(await teams.conversations.create(oneOnOne(ALICE))).toEqual({ id });
    expect(await teams.conversations.activities(id).create(card('Hi again'))).toEqual({ id: expect.any(String) });
  });

  it('refuses to post to a person who blocked the bot after the chat was made, and oversized messages', async () => {
    fake.addUser({ id: 'later-blocker', tenantId: TENANT, displayName: 'Later' });
    const teams = connector(fake, botToken);
    const { id } = await teams.conversations.create(oneOnOne('later-blocker'));
    fake.addUser({ id: 'later-blocker', tenantId: TENANT, displayName: 'Later', blockedBot: true });
    expect(await refusal(teams.conversations.activities(id).create(card('Hi')))).toMatchObject({
      status: 403,
      data: { error: { code: 'ConversationBlockedByUser' } },
    });

    const { id: alice } = await teams.conversations.create(oneOnOne(ALICE));
    expect(await refusal(teams.conversations.activities(alice).create(card('x'.repeat(30_000))))).toMatchObject({
      status: 413,
      data: { error: { code: 'MessageSizeTooBig' } },
    });
  });

  it('posts and updates activities in a team’s channel, each post a new conversation there', async () => {
    const teams = connector(fake, botToken);
    const posted = await teams.conversations.activities(GENERAL).create(card('Welcome'));
    expect(posted).toEqual({ id: '1700000000001' });
    await teams.conversations.activities(GENERAL).update(posted.id, card('Welcomed'));
    expect(fake.channelPosts(GENERAL)).toEqual([{ id: posted.id, body: card('Welcomed'), updates: 1 }]);
    // Our client percent-encodes the channel id; it reaches the channel as well.
    const encoded = await fetch(`${fake.serviceUrl()}v3/conversations/${encodeURIComponent(GENERAL)}/activities`, {
      method: 'POST',
      headers: { authorization: `Bearer ${botToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(card('Encoded')),
    });
    expect(encoded.status).toBe(201);
    expect(fake.channelPosts(GENERAL)).toHaveLength(2);
  });

  it('refuses channel posts where the app is not: a private channel it was not added to, a team that removed it', async () => {
    const teams = connector(fake, botToken);
    const notInRoster = {
      status: 403,
      data: {
        error: { code: 'BotNotInConversationRoster', message: 'The bot is not part of the conversation roster.' },
      },
    };
    expect(await refusal(teams.conversations.activities(PRIVATE).create(card('Hi')))).toMatchObject(notInRoster);
    fake.team(TEAM).channels.get(PRIVATE)!.appInstalled = true;
    expect(await teams.conversations.activities(PRIVATE).create(card('Hi'))).toEqual({ id: expect.any(String) });

    fake.removeAppFromTeam(TEAM);
    expect(await refusal(teams.conversations.activities(GENERAL).create(card('Hi')))).toMatchObject(notInRoster);
    expect(await refusal(teams.conversations.activities(PRIVATE).create(card('Hi')))).toMatchObject(notInRoster);
    expect(await refusal(teams.conversations.activities('19:unknown@thread.tacv2').create(card('Hi')))).toMatchObject({
      status: 404,
      data: { error: { code: 'ConversationNotFound' } },
    });
  });

  it('lists a conversation’s members page by page', async () => {
    const teams = connector(fake, botToken);
    const { id } = await teams.conversations.create(oneOnOne(ALICE));
    expect(await teams.conversations.members(id).getPaged()).toEqual({
      members: [
        {
          id: `29:${ALICE}`,
          name: 'Alice Martin',
          aadObjectId: ALICE,
          email: 'alice@example.com',
          userPrincipalName: `${ALICE}@fake.onmicrosoft.com`,
          tenantId: TENANT,
          userRole: 'user',
        },
      ],
    });
    expect(fake.callsTo('getPagedMembers')).toEqual([expect.objectContaining({ method: 'GET', status: 200 })]);
  });
});

describe('fake Teams: Microsoft Graph', () => {
  const fake = new FakeTeams();
  let graphToken: string;

  beforeAll(() => fake.start());
  afterAll(() => fake.stop());
  beforeEach(async () => {
    fake.reset();
    seed(fake);
    graphToken = await token(fake, TENANT, GRAPH_SCOPE);
  });

  it('wants a Graph token of the tenant the resource lives in', async () => {
    expect(await graph(fake, null, `/v1.0/users/${ALICE}`)).toMatchObject({
      status: 401,
      body: {
        error: {
          code: 'InvalidAuthenticationToken',
          innerError: { date: expect.any(String), 'request-id': expect.any(String) },
        },
      },
    });
    const botToken = await token(fake, 'botframework.com', BOT_FRAMEWORK_SCOPE);
    expect((await graph(fake, botToken, `/v1.0/users/${ALICE}`)).status).toBe(401);
    // Another tenant's token does not see this tenant's people or teams.
    const otherToken = await token(fake, OTHER_TENANT, GRAPH_SCOPE);
    expect(await graph(fake, otherToken, `/v1.0/users/${ALICE}`)).toMatchObject({
      status: 404,
      body: { error: { code: 'Request_ResourceNotFound' } },
    });
  });

  it('describes a team, and lists its members page by page, owners by role', async () => {
    const big = '0b1e0000-0000-4000-8000-00000000000b';
    const people = Array.from({ length: 150 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    for (const id of people) fake.addUser({ id, tenantId: TENANT, displayName: `Person ${id.slice(-3)}` });
    fake.addTeam({
      id: big,
      tenantId: TENANT,
      displayName: 'Big',
      visibility: 'public',
      members: people,
      owners: [people[0]!],
      createdDateTime: new Date('2025-02-03T00:00:00Z'),
    });
    expect(await graph(fake, graphToken, `/v1.0/teams/${big}`)).toMatchObject({
      status: 200,
      body: {
        id: big,
        displayName: 'Big',
        visibility: 'public',
        isArchived: false,
        createdDateTime: '2025-02-03T00:00:00.000Z',
        internalId: expect.stringMatching(/^19:.*@thread\.tacv2$/),
      },
    });

    const first = (await graph(fake, graphToken, `/v1.0/teams/${big}/members`)).body!;
    expect(first.value).toHaveLength(100);
    expect(first.value[0]).toMatchObject({
      '@odata.type': '#microsoft.graph.aadUserConversationMember',
      roles: ['owner'],
      userId: people[0],
      displayName: 'Person 000',
    });
    expect(first.value[1]).toMatchObject({ roles: [], userId: people[1] });
    const next = new URL(first['@odata.nextLink']);
    const second = (await graph(fake, graphToken, `${next.pathname.replace(/^\/graph/, '')}${next.search}`)).body!;
    expect(second.value).toHaveLength(50);
    expect(second['@odata.nextLink']).toBeUndefined();

    const owners = `/v1.0/teams/${big}/members?$filter=${encodeURIComponent("roles/any(r:r eq 'owner')")}`;
    expect(await graph(fake, graphToken, owners)).toMatchObject({
      status: 400,
      body: { error: { code: 'BadRequest' } },
    });
    expect(
      (await graph(fake, graphToken, `${owners}&$top=100`)).body!.value.map((m: { userId: string }) => m.userId),
    ).toEqual([people[0]]);
    expect((await graph(fake, graphToken, `/v1.0/teams/no-such-team`)).status).toBe(404);
  });

  it('adds a member to a team with 201, and again with 201', async () => {
    const added = await graph(fake, graphToken, `/v1.0/teams/${TEAM}/members`, {
      method: 'POST',
      body: memberBody(ALICE),
    });
    expect(added).toEqual({
      status: 201,
      headers: expect.anything(),
      body: {
        '@odata.context': `https://graph.microsoft.com/v1.0/$metadata#teams('${TEAM}')/members/$entity`,
        '@odata.type': '#microsoft.graph.aadUserConversationMember',
        id: expect.any(String),
        roles: [],
        displayName: 'Alice Martin',
        visibleHistoryStartDateTime: '0001-01-01T00:00:00Z',
        userId: ALICE,
        email: 'alice@example.com',
        tenantId: TENANT,
      },
    });
    expect(
      (await graph(fake, graphToken, `/v1.0/teams/${TEAM}/members`, { method: 'POST', body: memberBody(BOB) })).status,
    ).toBe(201);
    expect(
      (await graph(fake, graphToken, `/v1.0/teams/${TEAM}/members`, { method: 'POST', body: memberBody(BOB) })).status,
    ).toBe(201);
    expect([...fake.team(TEAM).members]).toEqual([ALICE, BOB]);

    expect(
      await graph(fake, graphToken, '/v1.0/teams/no-such-team/members', { method: 'POST', body: memberBody(BOB) }),
    ).toMatchObject({
      status: 404,
      body: { error: { code: 'NotFound', message: 'No team found with Group Id no-such-team' } },
    });
    expect(
      (
        await graph(fake, graphToken, `/v1.0/teams/${TEAM}/members`, {
          method: 'POST',
          body: { ...memberBody(BOB), '@odata.type': '#x' },
        })
      ).status,
    ).toBe(400);
  });

  it('adds members to a private channel only: a standard channel answers 400', async () => {
    const channel = (id: string) => `/v1.0/teams/${TEAM}/channels/${encodeURIComponent(id)}/members`;
    expect(await graph(fake, graphToken, channel(PRIVATE), { method: 'POST', body: memberBody(BOB) })).toMatchObject({
      status: 201,
      body: { userId: BOB, '@odata.type': '#microsoft.graph.aadUserConversationMember' },
    });
    expect(fake.team(TEAM).channels.get(PRIVATE)?.members.has(BOB)).toBe(true);
    expect(await graph(fake, graphToken, channel(GENERAL), { method: 'POST', body: memberBody(BOB) })).toMatchObject({
      status: 400,
      body: { error: { code: 'BadRequest' } },
    });
  });

  it('lists channels and their tabs, with the app behind each tab when expanded, and removes a tab', async () => {
    const channels = await graph(fake, graphToken, `/v1.0/teams/${TEAM}/channels`);
    expect(channels.body?.value).toEqual([
      expect.objectContaining({
        id: GENERAL,
        displayName: 'General',
        membershipType: 'standard',
        createdDateTime: '2025-03-01T00:00:00.000Z',
        webUrl: expect.stringMatching(/^https:\/\/teams\.microsoft\.com\/l\/channel\//),
      }),
      expect.objectContaining({ id: PRIVATE, membershipType: 'private' }),
    ]);

    const tabs = `/v1.0/teams/${TEAM}/channels/${encodeURIComponent(GENERAL)}/tabs`;
    expect((await graph(fake, graphToken, tabs)).body?.value).toEqual([
      {
        id: 'tab-1',
        displayName: 'Handbook',
        webUrl: expect.stringMatching(/^https:\/\/teams\.microsoft\.com\/l\/entity\//),
        configuration: {
          entityId: null,
          contentUrl: 'https://example.com/handbook',
          removeUrl: null,
          websiteUrl: 'https://example.com/handbook',
        },
      },
    ]);
    expect((await graph(fake, graphToken, `${tabs}?$expand=teamsApp`)).body?.value[0].teamsApp).toEqual({
      id: 'com.microsoft.teamspace.tab.web',
      externalId: null,
      displayName: 'Website',
      distributionMethod: 'store',
    });

    expect(await graph(fake, graphToken, `${tabs}/tab-1`, { method: 'DELETE' })).toMatchObject({
      status: 204,
      body: null,
    });
    expect(await graph(fake, graphToken, `${tabs}/tab-1`, { method: 'DELETE' })).toMatchObject({
      status: 404,
      body: { error: { code: 'NotFound' } },
    });
    expect(fake.team(TEAM).channels.get(GENERAL)?.tabs).toEqual([]);
  });

  it('lists the team’s files as drive items, folder by folder and page by page', async () => {
    const root = await graph(fake, graphToken, `/v1.0/groups/${TEAM}/drive/root/children`);
    expect(root.body?.value).toEqual([
      expect.objectContaining({
        id: 'file-root',
        name: 'Charter.docx',
        lastModifiedDateTime: '2026-01-05T10:00:00.000Z',
        webUrl: 'https://fake.sharepoint.com/sites/Gardeners/Shared%20Documents/Charter.docx',
        file: { mimeType: 'application/octet-stream' },
      }),
      expect.objectContaining({ id: 'folder-general', name: 'General', folder: { childCount: 1 } }),
    ]);
    const folder = await graph(fake, graphToken, `/v1.0/groups/${TEAM}/drive/items/folder-general/children`);
    expect(folder.body?.value).toEqual([
      expect.objectContaining({
        id: 'file-minutes',
        webUrl: 'https://fake.sharepoint.com/sites/Gardeners/Shared%20Documents/General/Minutes.pdf',
      }),
    ]);

    const first = await graph(fake, graphToken, `/v1.0/groups/${TEAM}/drive/root/children?$top=1`);
    expect(first.body?.value).toHaveLength(1);
    const next = new URL(first.body?.['@odata.nextLink'] as string);
    const second = await graph(fake, graphToken, `${next.pathname.replace(/^\/graph/, '')}${next.search}`);
    expect(second.body?.value.map((item: { id: string }) => item.id)).toEqual(['folder-general']);
    expect(second.body).not.toHaveProperty('@odata.nextLink');
    expect((await graph(fake, graphToken, `/v1.0/groups/${TEAM}/drive/items/nothing/children`)).body?.error.code).toBe(
      'itemNotFound',
    );
  });

  it('gives each channel’s files folder and its drive, the private channel’s in a site of its own, and pages its children', async () => {
    const general = await graph(
      fake,
      graphToken,
      `/v1.0/teams/${TEAM}/channels/${encodeURIComponent(GENERAL)}/filesFolder`,
    );
    expect(general.body).toMatchObject({
      id: 'folder-general',
      name: 'General',
      folder: { childCount: 1 },
      parentReference: { driveId: `b!${TEAM}`, driveType: 'documentLibrary' },
    });
    const secret = await graph(
      fake,
      graphToken,
      `/v1.0/teams/${TEAM}/channels/${encodeURIComponent(PRIVATE)}/filesFolder`,
    );
    expect(secret.body).toMatchObject({
      name: 'Secret',
      webUrl: 'https://fake.sharepoint.com/sites/Gardeners-Secret/Shared%20Documents/Secret',
      folder: { childCount: 1 },
    });
    const drive = secret.body?.parentReference.driveId as string;
    expect(drive).not.toBe(`b!${TEAM}`);
    const children = await graph(fake, graphToken, `/v1.0/drives/${drive}/items/${secret.body?.id}/children?$top=1`);
    expect(children.body?.value).toEqual([
      expect.objectContaining({
        id: 'file-budget',
        name: 'Budget.xlsx',
        file: { mimeType: 'application/octet-stream' },
      }),
    ]);
    expect(children.body).not.toHaveProperty('@odata.nextLink');
    // The team's library does not hold the private channel's file.
    const root = await graph(fake, graphToken, `/v1.0/drives/b!${TEAM}/items/folder-general/children`);
    expect(root.body?.value.map((item: { id: string }) => item.id)).toEqual(['file-minutes']);
    expect(
      (await graph(fake, graphToken, `/v1.0/drives/${drive}/items/folder-general/children`)).body?.error.code,
    ).toBe('itemNotFound');
    expect(
      (
        await graph(
          fake,
          graphToken,
          `/v1.0/teams/${TEAM}/channels/${encodeURIComponent('19:gone@thread.tacv2')}/filesFolder`,
        )
      ).status,
    ).toBe(404);
  });

  it('reads a person with $select, and their mailbox settings with a Windows time zone', async () => {
    const user = await graph(
      fake,
      graphToken,
      `/v1.0/users/${ALICE}?$select=displayName,mail,userPrincipalName,preferredLanguage`,
    );
    expect(user.body).toEqual({
      '@odata.context':
        'https://graph.microsoft.com/v1.0/$metadata#users(displayName,mail,userPrincipalName,preferredLanguage)/$entity',
      displayName: 'Alice Martin',
      mail: 'alice@example.com',
      userPrincipalName: `${ALICE}@fake.onmicrosoft.com`,
      preferredLanguage: 'fr-FR',
    });
    expect((await graph(fake, graphToken, `/v1.0/users/${ALICE}`)).body).toMatchObject({
      id: ALICE,
      businessPhones: [],
      jobTitle: null,
    });
    expect(
      (await graph(fake, graphToken, `/v1.0/users/${ALICE}?$select=displayName,shoeSize`)).body?.error,
    ).toMatchObject({
      code: 'BadRequest',
      message: "Could not find a property named 'shoeSize' on type 'microsoft.graph.user'.",
    });
    expect((await graph(fake, graphToken, '/v1.0/users/nobody')).body?.error.code).toBe('Request_ResourceNotFound');

    expect((await graph(fake, graphToken, `/v1.0/users/${ALICE}/mailboxSettings`)).body).toMatchObject({
      timeZone: 'Romance Standard Time',
      language: { locale: 'fr-FR' },
      workingHours: { timeZone: { name: 'Romance Standard Time' } },
    });
    expect(await graph(fake, graphToken, `/v1.0/users/${BOB}/mailboxSettings`)).toMatchObject({
      status: 404,
      body: { error: { code: 'MailboxNotEnabledForRESTAPI' } },
    });
    expect((await graph(fake, graphToken, '/v1.0/users/nobody/mailboxSettings')).body?.error.code).toBe(
      'ErrorInvalidUser',
    );
  });

  it('refuses what the tenant’s admin did not grant, as each service words it', async () => {
    fake.addTenant({ id: OTHER_TENANT, permissions: ['Channel.ReadBasic.All'] });
    fake.addUser({ id: 'other-person', tenantId: OTHER_TENANT, displayName: 'Other' });
    fake.addTeam({ id: 'other-team', tenantId: OTHER_TENANT });
    const narrow = await token(fake, OTHER_TENANT, GRAPH_SCOPE);

    expect((await graph(fake, narrow, '/v1.0/teams/other-team/channels')).status).toBe(200);
    expect(await graph(fake, narrow, '/v1.0/users/other-person')).toMatchObject({
      status: 403,
      body: {
        error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' },
      },
    });
    expect((await graph(fake, narrow, '/v1.0/users/other-person/mailboxSettings')).body?.error.code).toBe(
      'ErrorAccessDenied',
    );
    expect(
      await graph(fake, narrow, '/v1.0/teams/other-team/members', { method: 'POST', body: memberBody('other-person') }),
    ).toMatchObject({
      status: 403,
      body: {
        error: {
          code: 'Forbidden',
          message: expect.stringContaining(
            "API requires one of 'TeamMember.ReadWriteNonOwnerRole.All, TeamMember.ReadWrite.All'",
          ),
        },
      },
    });
  });
});

describe('fake Teams: faults', () => {
  const fake = new FakeTeams();
  let botToken: string;
  let graphToken: string;

  beforeAll(() => fake.start());
  afterAll(() => fake.stop());
  beforeEach(async () => {
    fake.reset();
    seed(fake);
    botToken = await token(fake, 'botframework.com', BOT_FRAMEWORK_SCOPE);
    graphToken = await token(fake, TENANT, GRAPH_SCOPE);
  });

  it('fails the next calls as told, in each service’s shape, then answers again', async () => {
    const teams = connector(fake, botToken);
    fake.failNext('createConversation', { status: 503, retryAfter: 4 });
    fake.failNext('createConversation', { status: 502, html: '<html><body>Bad Gateway</body></html>' });
    fake.failNext('createConversation', { status: 429, retryAfter: 7 });
    fake.failNext('createConversation', {
      status: 403,
      error: { code: 'Forbidden', subCode: 'MessageWritesBlocked', message: 'Blocked.' },
    });
    fake.failNext('createConversation', { networkDrop: true });

    expect(await refusal(teams.conversations.create(oneOnOne(ALICE)))).toMatchObject({
      status: 503,
      headers: { 'retry-after': '4' },
      data: { error: { code: 'ServiceError' } },
    });
    expect(await refusal(teams.conversations.create(oneOnOne(ALICE)))).toMatchObject({
      status: 502,
      data: '<html><body>Bad Gateway</body></html>',
    });
    expect(await refusal(teams.conversations.create(oneOnOne(ALICE)))).toMatchObject({
      status: 429,
      headers: { 'retry-after': '7' },
      data: { error: { code: 'Throttled' } },
    });
    expect(await refusal(teams.conversations.create(oneOnOne(ALICE)))).toMatchObject({
      status: 403,
      data: { error: { code: 'Forbidden', subCode: 'MessageWritesBlocked' } },
    });
    await expect(teams.conversations.create(oneOnOne(ALICE))).rejects.toThrow();
    expect(await teams.conversations.create(oneOnOne(ALICE))).toEqual({ id: expect.any(String) });
    expect(fake.callsTo('createConversation').map((call) => call.status)).toEqual([503, 502, 429, 403, 0, 201]);

    fake.failNext('getUser', { status: 429, retryAfter: 2 });
    fake.failNext('token', { status: 503 });
    expect(await graph(fake, graphToken, `/v1.0/users/${ALICE}`)).toMatchObject({
      status: 429,
      body: { error: { code: 'TooManyRequests' } },
    });
    expect((await graph(fake, graphToken, `/v1.0/users/${ALICE}`)).status).toBe(200);
    const refused = await fetch(`${fake.tokenUrl}/${TENANT}/oauth2/v2.0/token`, {
      method: 'POST',
      body: new URLSearchParams({}),
    });
    expect({ status: refused.status, body: await refused.json() }).toMatchObject({
      status: 503,
      body: { error: 'temporarily_unavailable' },
    });
  });
});

describe('fake Teams: rate limits', () => {
  // 0.5: a Teams second lasts half a real one, so that a window passes within a test and a burst of
  // calls still lands inside one on a busy machine.
  const fake = new FakeTeams({ timeScale: 0.5, limits: { graph: [{ limit: 2, periodMs: 1_000 }] } });
  let botToken: string;
  let graphToken: string;

  beforeAll(() => fake.start());
  afterAll(() => fake.stop());
  beforeEach(async () => {
    fake.reset();
    seed(fake);
    botToken = await token(fake, 'botframework.com', BOT_FRAMEWORK_SCOPE);
    graphToken = await token(fake, TENANT, GRAPH_SCOPE);
  });

  it('holds one conversation to 7 sends a second and 8 in two, with 429 and Retry-After, then lets it go on', async () => {
    const teams = connector(fake, botToken);
    const { id } = await teams.conversations.create(oneOnOne(ALICE));
    const send = () => teams.conversations.activities(id).create(card('Hi'));

    await Promise.all(Array.from({ length: 7 }, send));
    const throttled = await refusal(send());
    expect(throttled).toMatchObject({
      status: 429,
      headers: { 'retry-after': '1' },
      data: { error: { code: 'Throttled', message: 'Too many requests.' } },
    });
    // Another conversation has its own windows.
    const { id: other } = await teams.conversations.create(oneOnOne(`29:${BOB}`));
    expect(await teams.conversations.activities(other).create(card('Hi'))).toEqual({ id: expect.any(String) });

    await sleep(fake.realMs(1) + 30);
    await send();
    // Eight in two seconds: the ninth waits for the first second's calls to leave the window.
    expect(await refusal(send())).toMatchObject({ status: 429, headers: { 'retry-after': '1' } });
    await sleep(fake.realMs(1) + 30);
    expect(await send()).toEqual({ id: expect.any(String) });
    expect(fake.callsTo('sendActivity').map((call) => call.status)).toEqual([
      201, 201, 201, 201, 201, 201, 201, 429, 201, 201, 429, 201,
    ]);
  });

  it('holds a team’s channel to 7 posts a second, as any conversation', async () => {
    const post = () => connector(fake, botToken).conversations.activities(GENERAL).create(card('Hi'));
    await Promise.all(Array.from({ length: 7 }, post));
    expect(await refusal(post())).toMatchObject({ status: 429, data: { error: { code: 'Throttled' } } });
  });

  it('holds a tenant to its Graph budget and lets another tenant through', async () => {
    const read = () => graph(fake, graphToken, `/v1.0/users/${ALICE}`);
    expect((await Promise.all([read(), read()])).map((answer) => answer.status)).toEqual([200, 200]);
    const throttled = await read();
    expect(throttled).toMatchObject({ status: 429, body: { error: { code: 'TooManyRequests' } } });
    expect(throttled.headers.get('retry-after')).toBe('1');

    fake.addUser({ id: 'other-person', tenantId: OTHER_TENANT, displayName: 'Other' });
    const otherToken = await token(fake, OTHER_TENANT, GRAPH_SCOPE);
    expect((await graph(fake, otherToken, '/v1.0/users/other-person')).status).toBe(200);

    await sleep(fake.realMs(1) + 30);
    expect((await read()).status).toBe(200);
  });
});

describe('fake Teams: the tenant’s 50 calls a second', () => {
  // Real time: 51 calls must land within one second, which the loopback does with room to spare.
  const fake = new FakeTeams();
  let botToken: string;

  beforeAll(() => fake.start());
  afterAll(() => fake.stop());

  it('refuses the 51st Bot Connector call of a second in one tenant, not in another', async () => {
    seed(fake);
    const people = Array.from({ length: 51 }, (_, n) => `person-${n}`);
    for (const id of people) fake.addUser({ id, tenantId: TENANT, displayName: id });
    fake.addTenant({ id: OTHER_TENANT });
    fake.addUser({ id: 'other-person', tenantId: OTHER_TENANT, displayName: 'Other' });
    botToken = await token(fake, 'botframework.com', BOT_FRAMEWORK_SCOPE);
    const teams = connector(fake, botToken);

    const ids: string[] = [];
    for (const batch of [people.slice(0, 30), people.slice(30)]) {
      ids.push(
        ...(await Promise.all(batch.map((person) => teams.conversations.create(oneOnOne(person))))).map(
          (created) => created.id,
        ),
      );
      await sleep(1_050);
    }

    const answers = await Promise.allSettled(
      ids.map((id) => teams.conversations.activities(id).create(card('Weekly'))),
    );
    expect(answers.filter((answer) => answer.status === 'fulfilled')).toHaveLength(50);
    expect(await teams.conversations.create(oneOnOne('other-person', OTHER_TENANT))).toEqual({
      id: expect.any(String),
    });
    const refused = answers.find((answer) => answer.status === 'rejected');
    expect(
      (refused!.reason as { response: { status: number; headers: Record<string, string> } }).response,
    ).toMatchObject({
      status: 429,
      headers: { 'retry-after': '1' },
    });
  });
});

describe('fake Teams: the per-thread windows over an hour', () => {
  it('never admits more than 7 a second, 8 in 2 s, 60 in 30 s or 1800 in an hour to one conversation', () => {
    const limiter = new FakeRateLimiter();
    const budgets = [{ key: 'thread', windows: TEAMS_LIMITS.send }];
    const admitted: number[] = [];
    // As fast as the fake allows: at every tenth of a second, as many calls as it admits.
    for (let now = 0; now < 3_600_000; now += 100) {
      while (limiter.admit(budgets, now) === null) admitted.push(now);
    }
    const most = (periodMs: number) => {
      let best = 0;
      for (let first = 0, last = 0; last < admitted.length; last += 1) {
        while ((admitted[last] ?? 0) - (admitted[first] ?? 0) >= periodMs) first += 1;
        best = Math.max(best, last - first + 1);
      }
      return best;
    };
    expect([most(1_000), most(2_000), most(30_000), most(3_600_000)]).toEqual([7, 8, 60, 1800]);
    expect(admitted).toHaveLength(1800);
    expect(admitted.at(-1)).toBeLessThan(900_000);
    expect(limiter.admit(budgets, 3_599_900)).toBeGreaterThan(0);
  });
});
