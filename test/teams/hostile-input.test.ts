import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../apps/server/src/config.ts';
import { createLogger } from '../../apps/server/src/logger.ts';
import { type RunningSteward, startSteward } from '../../apps/server/src/steward.ts';
import { openEmbeddedDatabase } from '../../core/src/stores/postgres/index.ts';
import { LocalBotFrameworkIssuer } from '../support/bot-framework-auth.ts';
import { aGroup, aPerson, aTenant } from '../support/factories.ts';
import { FAKE_APP, FAKE_TENANT, FakeTeams } from '../support/fake-teams/index.ts';
import { fakeTeamsSettings } from '../support/platform-settings.ts';
import { cardAction, placeholders, type TeamsFixtureName, teamsActivity } from '../support/teams-activities.ts';
import { createTemporaryPostgresDatabase, TEST_SECRET_KEYS } from '../support/temporary-postgres.ts';

// Issue "A real install works from day one", item 7: a request that carries a valid Bot Framework
// token but is not an activity Teams could have sent gets 400, names no file or line, and writes
// nothing. Activities that are well formed but say something wrong (a timestamp nobody can read, a
// person Graph does not know) are still taken: the core parks them with the reason.
//
// The server runs in the `web` role (no worker handles the inbox), so that the rows counted after
// each answer are exactly what the request wrote. Rows are counted with SQL: on PostgreSQL when
// TEST_DATABASE_URL is set, else on a PGlite this suite serves itself and gives the server as its
// DATABASE_URL.

const TENANT = FAKE_TENANT.id;
const TEAM = '99999999-8888-4777-8666-555555555555';
const ALICE = 'aaaaaaaa-0000-4000-8000-000000000001';
const STRANGER = 'eeeeeeee-0000-4000-8000-00000000000e';
const TABLES = [
  'tenants',
  'installations',
  'conversations',
  'people',
  'inbox',
  'outbox',
  'contribution_events',
] as const;
/** What a stack trace or a file path in an answer would look like. */
const LEAK = /\bat \S+ \(|\.[cm]?[jt]s\b|node_modules|\/work\/|\/home\/|\/tmp\//;
const serverUrl = process.env['TEST_DATABASE_URL'];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A copy of `activity` with the value at a dotted path (array indexes as numbers) replaced, or removed. */
function withField(activity: Json, path: string, value: Json | undefined): Json {
  const copy = structuredClone(activity) as Record<string, Json>;
  const keys = path.split('.');
  let at = copy as Record<string, Json>;
  for (const key of keys.slice(0, -1)) at = at[key] as Record<string, Json>;
  const last = keys.at(-1)!;
  if (value === undefined) delete at[last];
  else at[last] = value;
  return copy;
}

async function countingDatabase(): Promise<{ url: string; dispose: () => Promise<void> }> {
  if (serverUrl) {
    const database = await createTemporaryPostgresDatabase(serverUrl);
    return { url: database.url, dispose: database.drop };
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'steward-hostile-'));
  const database = await openEmbeddedDatabase({ dataDir, maxConnections: 16 });
  return {
    url: database.connectionString,
    dispose: async () => {
      await database.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

describe(`Teams /api/messages: hostile input with a valid token gets 400 and writes nothing (${serverUrl ? 'PostgreSQL' : 'PGlite'})`, () => {
  const issuer = new LocalBotFrameworkIssuer();
  const fake = new FakeTeams();
  let database: { url: string; dispose: () => Promise<void> };
  let counter: pg.Client;
  let steward: RunningSteward;
  let serviceUrl: string;
  // Every activity an id of its own: a refusal must not hide behind the inbox's dedupe of an earlier one.
  let nextId = 1_772_463_600_000;

  /** A fixture of test/fixtures/teams as JSON, placeholders filled, with a fresh activity id. */
  const fixture = (name: TeamsFixtureName, fill: Record<string, string> = {}): Json => {
    const place = { tenantId: TENANT, teamId: TEAM, serviceUrl, appId: FAKE_APP.id };
    const activity = teamsActivity(name, { ...placeholders(place), ...fill }) as unknown as Record<string, Json>;
    return { ...activity, id: String(nextId++) };
  };
  const personal = (from = ALICE) =>
    fixture('personal-message.json', {
      __FROM_AAD__: from,
      __FROM_BF_ID__: `29:${from}`,
      __FROM_NAME__: 'Alice Martin',
      __TEXT__: 'help',
      __MESSAGE_ID__: '0',
    });
  const invoke = (): Json => {
    const pressed = cardAction(
      { tenantId: TENANT, teamId: TEAM, serviceUrl, appId: FAKE_APP.id },
      { aadObjectId: ALICE, name: 'Alice Martin' },
      'group.delete',
      { value: 'x' },
    );
    return { ...(pressed as unknown as Record<string, Json>), id: String(nextId++) };
  };
  const post = (body: string, options: { token?: boolean; contentType?: string } = {}) =>
    fetch(`${steward.url}/api/messages`, {
      method: 'POST',
      headers: {
        'content-type': options.contentType ?? 'application/json',
        ...(options.token === false ? {} : { authorization: `Bearer ${issuer.serviceToken(FAKE_APP.id, serviceUrl)}` }),
      },
      body,
    });
  const counts = async () => {
    const { rows } = await counter.query<Record<string, string>>(
      `SELECT ${TABLES.map((table) => `(SELECT count(*) FROM ${table}) AS ${table}`).join(', ')}`,
    );
    return Object.fromEntries(Object.entries(rows[0]!).map(([table, count]) => [table, Number(count)]));
  };

  beforeAll(async () => {
    const openIdMetadataUrl = await issuer.start();
    await fake.start();
    serviceUrl = fake.serviceUrl();
    fake.addUser({ id: ALICE, tenantId: TENANT, displayName: 'Alice Martin', mail: 'alice@northwind.example' });
    database = await countingDatabase();
    const config = loadConfig({
      DATABASE_URL: database.url,
      STEWARD_SECRET_KEYS: TEST_SECRET_KEYS,
      STEWARD_ROLE: 'web',
      PORT: '0',
      HOST: '127.0.0.1',
      STEWARD_DEMO: 'false',
      ...fakeTeamsSettings(fake, openIdMetadataUrl),
    });
    steward = await startSteward(config, createLogger('silent', false));
    const tenant = aTenant({ name: 'Northwind' });
    await steward.store.tenants.save(tenant);
    await steward.store.installations.save({
      platform: 'teams',
      workspaceId: TENANT,
      tenantId: tenant.id,
      enterpriseInstall: false,
      installedAt: new Date(),
      secrets: { serviceUrl },
      revokedAt: null,
    });
    const alice = aPerson(tenant.id, {
      displayName: 'Alice Martin',
      identities: [{ platform: 'teams', workspaceId: TENANT, userId: ALICE }],
    });
    await steward.store.people.save(alice);
    await steward.store.groups.save(
      aGroup(tenant.id, [alice.id], {
        name: 'Design',
        platformRef: { platform: 'teams', workspaceId: TENANT, id: TEAM },
      }),
    );
    counter = new pg.Client({ connectionString: database.url });
    await counter.connect();
  }, 120_000);

  afterAll(async () => {
    await counter?.end();
    await steward?.stop();
    await database?.dispose();
    await fake.stop();
    await issuer.stop();
  });

  it('takes a well-formed activity and stores it (the counts below see a write)', async () => {
    const before = await counts();
    expect((await post(JSON.stringify(personal()))).status).toBe(200);
    expect(await counts()).toMatchObject({ inbox: before['inbox']! + 1, conversations: before['conversations']! + 1 });
  });

  const bodies: [string, string][] = [
    ['a null body', 'null'],
    ['an array of activities', JSON.stringify([{ type: 'message', id: '1' }])],
    ['a string', '"message"'],
    ['a number', '42'],
    ['an empty object', '{}'],
    ['an empty body', ''],
    ['half a JSON document', '{"type": "message", "id": '],
  ];
  it.each(bodies)('refuses %s with 400, no stack or path, and writes nothing', async (_name, body) => {
    const before = await counts();
    const answer = await post(body);
    expect(answer.status).toBe(400);
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await answer.text()).not.toMatch(LEAK);
    expect(await counts()).toEqual(before);
  });

  const GT = { $gt: '' };
  const fields: [string, string, Json | undefined, () => Json][] = [
    ['a message', 'type', 42, personal],
    ['a message', 'type', GT, personal],
    ['a message', 'type', ['message'], personal],
    ['a message', 'id', 42, personal],
    ['a message', 'id', GT, personal],
    ['a message', 'id', ['1772463600789'], personal],
    ['a message', 'id', undefined, personal],
    ['a message', 'from', 'Alice', personal],
    ['a message', 'from.id', 42, personal],
    ['a message', 'from.id', GT, personal],
    ['a message', 'from.aadObjectId', GT, personal],
    ['a message', 'from.aadObjectId', 42, personal],
    ['a message', 'from.aadObjectId', [ALICE], personal],
    ['a message', 'from.aadObjectId', 'not-an-entra-id', personal],
    ['a message', 'conversation', 'a:1personal', personal],
    ['a message', 'conversation.id', GT, personal],
    ['a message', 'conversation.id', 42, personal],
    ['a message', 'conversation.id', [], personal],
    ['a message', 'conversation.tenantId', GT, personal],
    ['a message', 'channelData.tenant.id', GT, personal],
    ['a message', 'channelData.tenant.id', 42, personal],
    ['a message', 'channelData.tenant.id', [TENANT], personal],
    ['a message', 'serviceUrl', 42, personal],
    ['a message', 'serviceUrl', GT, personal],
    ['a message', 'serviceUrl', ['https://smba.trafficmanager.net/emea/'], personal],
    ['a message', 'serviceUrl', 'file:///etc/passwd', personal],
    ['a message', 'serviceUrl', undefined, personal],
    ['a message', 'timestamp', 1772463600, personal],
    ['a message', 'text', GT, personal],
    ['a message', 'entities', GT, personal],
    ['a channel message', 'channelData.team.id', GT, () => fixture('channel-message.json')],
    ['a channel message', 'channelData.team.id', 42, () => fixture('channel-message.json')],
    ['a channel message', 'channelData.team.aadGroupId', GT, () => fixture('channel-message.json')],
    ['a member added', 'membersAdded', GT, () => fixture('team-member-added.json')],
    ['a member added', 'membersAdded', 'cccccccc-0000-4000-8000-000000000003', () => fixture('team-member-added.json')],
    ['a member added', 'membersAdded', [42], () => fixture('team-member-added.json')],
    ['a member added', 'membersAdded.0.id', GT, () => fixture('team-member-added.json')],
    ['a member added', 'membersAdded.0.aadObjectId', GT, () => fixture('team-member-added.json')],
    ['a reaction', 'reactionsAdded.0.type', GT, () => fixture('message-reaction.json')],
    [
      'an installation',
      'channelData.team.aadGroupId',
      GT,
      () => fixture('installation-update-team.json', { __FROM_AAD__: ALICE }),
    ],
    ['a card action', 'value', 'approve', invoke],
    ['a card action', 'value', null, invoke],
    ['a card action', 'value.action', [], invoke],
    ['a card action', 'value.action.verb', 42, invoke],
    ['a card action', 'value.action.verb', GT, invoke],
    ['a card action', 'value.action.verb', ['membership_request.approve'], invoke],
    ['a card action', 'value.action.data', 'x', invoke],
    ['a card action', 'value.action.data', [1, 2], invoke],
    ['a card action', 'value.action.data', 42, invoke],
  ];
  it.each(fields)('refuses %s whose %s is %j, with 400, and writes nothing', async (_name, path, value, base) => {
    const before = await counts();
    const answer = await post(JSON.stringify(withField(base(), path, value)));
    expect(answer.status).toBe(400);
    expect(await answer.json()).toEqual({ error: 'invalid_activity' });
    expect(await counts()).toEqual(before);
  });

  it('answers a malformed activity 400 and a well-formed one 401 without a token, writing nothing', async () => {
    const before = await counts();
    expect((await post(JSON.stringify(withField(personal(), 'from.aadObjectId', GT)), { token: false })).status).toBe(
      400,
    );
    const unsigned = await post(JSON.stringify(personal(STRANGER)), { token: false });
    expect(unsigned.status).toBe(401);
    expect(await unsigned.text()).not.toMatch(LEAK);
    expect(await counts()).toEqual(before);
  });

  it('refuses an activity sent as something other than JSON', async () => {
    const before = await counts();
    expect((await post(JSON.stringify(personal()), { contentType: 'text/plain' })).status).toBe(400);
    expect(await counts()).toEqual(before);
  });

  it('takes a well-formed activity whose timestamp nobody can read: stored, and parked with the reason', async () => {
    const before = await counts();
    expect(
      (await post(JSON.stringify(withField(fixture('channel-message.json'), 'timestamp', 'yesterday at noon')))).status,
    ).toBe(200);
    expect((await counts())['inbox']).toBe(before['inbox']! + 1);
    const { rows } = await counter.query<{ status: string; last_error: string }>(
      "SELECT status, last_error FROM inbox WHERE kind = 'activity'",
    );
    expect(rows).toEqual([{ status: 'parked', last_error: 'bad_timestamp' }]);
  });

  it('takes a well-formed message from someone Graph does not know: the core decides about them', async () => {
    const before = await counts();
    expect((await post(JSON.stringify(personal(STRANGER)))).status).toBe(200);
    expect((await counts())['inbox']).toBe(before['inbox']! + 1);
  });

  // Well formed, so taken; what the data names is the core's to check (ids are UUIDs in the store).
  const pressed: [string, Json][] = [
    [
      'settings.save',
      {
        weekday: '1',
        time: '09:00',
        groupId: 'not-an-id',
        purpose: '',
        reviewIntervalDays: '30',
        membershipPolicy: 'open',
      },
    ],
    [
      'settings.save',
      { weekday: '1', time: '09:00', groupId: GT, purpose: GT, reviewIntervalDays: GT, membershipPolicy: GT },
    ],
    ['settings.save', { weekday: 1, time: 900, groupId: 42 }],
    ['membership_request.approve', { value: GT }],
    ['membership_request.deny', { value: "x'; DROP TABLE people; --", inputId: 'input', input: GT }],
    ['membership_request.view', { value: 42 }],
    ['weekly_hour.done', { value: [1, 2] }],
    ['weekly_hour.view', { value: 'nobody:2026-W10' }],
  ];
  it.each(pressed)('answers a card action %s whose data is %j without a 500, writing nothing', async (verb, data) => {
    const before = await counts();
    const answer = await post(
      JSON.stringify(withField(withField(invoke(), 'value.action.verb', verb), 'value.action.data', data)),
    );
    expect(answer.status).toBe(200);
    expect(await answer.text()).not.toMatch(LEAK);
    expect(await counts()).toEqual(before);
  });

  it('answers a card action from someone Graph does not know with a message, writing no person', async () => {
    const before = await counts();
    const stranger = withField(
      withField(invoke(), 'from.aadObjectId', STRANGER),
      'conversation.id',
      `a:1personal-${STRANGER}`,
    );
    const answer = await post(JSON.stringify(stranger));
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.activity.message' });
    expect(await counts()).toMatchObject({
      people: before['people'],
      inbox: before['inbox'],
      outbox: before['outbox'],
    });
  });

  it('answers a well-formed card action with a verb it does not know with a message, writing nothing', async () => {
    const answer = await post(JSON.stringify(invoke()));
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.activity.message' });
  });
});
