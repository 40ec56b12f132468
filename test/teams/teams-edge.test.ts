import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../apps/server/src/config.ts';
import { createLogger } from '../../apps/server/src/logger.ts';
import { type RunningSteward, startSteward } from '../../apps/server/src/steward.ts';
import {
  actionValue,
  type Card,
  enqueue,
  type Group,
  localDayOf,
  mention,
  type Person,
  systemClock,
  type Tenant,
} from '../../core/src/index.ts';
import { LocalBotFrameworkIssuer } from '../support/bot-framework-auth.ts';
import { aGroupSharedWith, thisWeeksCard } from '../support/co-owned-group.ts';
import { eventually } from '../support/eventually.ts';
import { aGroup, aPerson, aRequest, aTenant } from '../support/factories.ts';
import { FAKE_APP, FakeTeams } from '../support/fake-teams/index.ts';
import { fakeTeamsSettings } from '../support/platform-settings.ts';
import {
  cardAction,
  fromRegion,
  personalMessage,
  placeholders,
  type TeamsActivity,
  type TeamsFixtureName,
  type TeamsPlace,
  teamsActivity,
} from '../support/teams-activities.ts';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const TEAM = '99999999-8888-4777-8666-555555555555';
const ALICE = 'aaaaaaaa-0000-4000-8000-000000000001';
const CHLOE = 'cccccccc-0000-4000-8000-000000000003';
const CAMILLE = 'cccccccc-0000-4000-8000-00000000000c';
const DANA = 'dddddddd-0000-4000-8000-00000000000d';
const GENERAL = '19:design-general@thread.tacv2';
const RANDOM = '19:design-random@thread.tacv2';
const range = { from: '2026-01-01', to: '2026-12-31' };

describe('Teams edge, end to end through Bot Framework-signed HTTP', () => {
  const issuer = new LocalBotFrameworkIssuer();
  const fake = new FakeTeams();
  let dataDir: string;
  let steward: RunningSteward;
  let tenant: Tenant;
  let alice: Person;
  let group: Group;
  let serviceUrl: string;
  const chats = new Map<string, string>();

  const place = (): TeamsPlace => ({ tenantId: TENANT, teamId: TEAM, serviceUrl, appId: FAKE_APP.id });
  /** An activity from test/fixtures/teams, from this tenant and team. */
  const activity = (name: TeamsFixtureName) => teamsActivity(name, placeholders(place()));
  /** A button of one of our cards pressed by this person. */
  const press = (userId: string, name: string, verb: string, data: Record<string, unknown>) =>
    cardAction(place(), { aadObjectId: userId, name }, verb, data);
  const post = (activity: TeamsActivity, token: string | null = issuer.serviceToken(FAKE_APP.id, serviceUrl)) =>
    fetch(`${steward.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(activity),
    });
  /** A 1:1 chat the connector knows, as Teams makes when someone opens the app. */
  const chatWith = async (userId: string) => {
    const known = chats.get(userId);
    if (known) return known;
    const token = (await (
      await fetch(`${fake.tokenUrl}/botframework.com/oauth2/v2.0/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: FAKE_APP.id,
          client_secret: FAKE_APP.secret,
          scope: 'https://api.botframework.com/.default',
        }),
      })
    ).json()) as { access_token: string };
    const created = (await (
      await fetch(`${serviceUrl}v3/conversations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token.access_token}` },
        body: JSON.stringify({
          isGroup: false,
          bot: { id: `28:${FAKE_APP.id}` },
          members: [{ id: userId }],
          tenantId: TENANT,
          channelData: { tenant: { id: TENANT } },
        }),
      })
    ).json()) as { id: string };
    chats.set(userId, created.id);
    return created.id;
  };
  // Each message a person writes has an id of its own (a time in ms, as Teams makes them).
  let messageId = 1_772_463_600_789;
  const personal = async (userId: string, name: string, text: string, id = String(messageId++)) =>
    personalMessage(place(), { aadObjectId: userId, name }, text, { id, conversationId: await chatWith(userId) });
  const lastCardTo = (userId: string) => {
    const activities = fake.conversationWith(userId)?.activities ?? [];
    return JSON.stringify(activities.at(-1)?.body ?? null);
  };

  beforeAll(async () => {
    const openIdMetadataUrl = await issuer.start();
    await fake.start();
    serviceUrl = fake.serviceUrl();
    fake.addTenant({ id: TENANT, permissions: null });
    fake.addUser({
      id: ALICE,
      tenantId: TENANT,
      displayName: 'Alice Martin',
      mail: 'alice@northwind.example',
      timeZone: 'Romance Standard Time',
      mailboxLocale: 'fr-FR',
    });
    fake.addUser({
      id: CHLOE,
      tenantId: TENANT,
      displayName: 'Chloé Dubois',
      mail: 'chloe@northwind.example',
      timeZone: 'Romance Standard Time',
      mailboxLocale: 'en-GB',
    });
    fake.addTeam({
      id: TEAM,
      tenantId: TENANT,
      displayName: 'Design',
      members: [ALICE],
      channels: [
        { id: GENERAL, displayName: 'General' },
        { id: RANDOM, displayName: 'Random' },
      ],
    });

    dataDir = await mkdtemp(join(tmpdir(), 'steward-teams-'));
    const config = loadConfig({
      STEWARD_DATA_DIR: dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      STEWARD_DEMO: 'false',
      ...fakeTeamsSettings(fake, openIdMetadataUrl),
    });
    steward = await startSteward(config, createLogger('silent', false));

    // The tenant as an admin would have set it up: installed, its team a group owned by Alice.
    tenant = aTenant({ name: 'Northwind' });
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
    alice = aPerson(tenant.id, {
      displayName: 'Alice Martin',
      email: 'alice@northwind.example',
      locale: 'fr',
      identities: [{ platform: 'teams', workspaceId: TENANT, userId: ALICE }],
    });
    await steward.store.people.save(alice);
    group = aGroup(tenant.id, [alice.id], {
      name: 'Design',
      platformRef: { platform: 'teams', workspaceId: TENANT, id: TEAM },
    });
    await steward.store.groups.save(group);
  }, 60_000);

  afterAll(async () => {
    await steward?.stop();
    await fake.stop();
    await issuer.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('refuses an activity without a token or signed by another key, and stores nothing', async () => {
    const body = activity('channel-message.json');
    expect((await post(body, null)).status).toBe(401);
    expect(
      (await post(body, issuer.serviceToken(FAKE_APP.id, serviceUrl, { key: LocalBotFrameworkIssuer.strangerKey() })))
        .status,
    ).toBe(401);
    expect((await post(body, issuer.serviceToken('another-app', serviceUrl))).status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await steward.store.contributions.groupDays(tenant.id, group.id, range)).toEqual([]);
  });

  it('stores channel messages as contributions, a question and its answer, learning people from Graph', async () => {
    expect((await post(activity('channel-message.json'))).status).toBe(200);
    fake.addUser({
      id: 'bbbbbbbb-0000-4000-8000-000000000002',
      tenantId: TENANT,
      displayName: 'Boris Ivanov',
      mail: 'boris@northwind.example',
      timeZone: 'Russian Standard Time',
      mailboxLocale: 'ru-RU',
    });
    expect((await post(activity('channel-reply.json'))).status).toBe(200);
    await eventually(async () =>
      expect((await steward.store.contributions.groupDays(tenant.id, group.id, range))[0]).toMatchObject({
        day: '2026-03-02',
        posts: 1,
        replies: 1,
        questionsAsked: 1,
        questionsAnswered: 1,
      }),
    );
    const boris = await steward.store.people.findByIdentity(tenant.id, {
      platform: 'teams',
      workspaceId: TENANT,
      userId: 'bbbbbbbb-0000-4000-8000-000000000002',
    });
    expect(boris).toMatchObject({ displayName: 'Boris Ivanov', timeZone: 'Europe/Moscow', locale: 'ru' });
  });

  it('records a team member added as a join', async () => {
    expect((await post(activity('team-member-added.json'))).status).toBe(200);
    await eventually(async () =>
      expect(
        await steward.store.memberships.get(
          tenant.id,
          group.id,
          (
            await steward.store.people.findByIdentity(tenant.id, {
              platform: 'teams',
              workspaceId: TENANT,
              userId: CHLOE,
            })
          )?.id ?? '',
        ),
      ).toMatchObject({ leftAt: null }),
    );
  });

  it('answers commands in the 1:1 chat, in the person’s language', async () => {
    expect((await post(await personal(ALICE, 'Alice Martin', 'groups'))).status).toBe(200);
    await eventually(() => expect(lastCardTo(ALICE)).toContain('propriétaire'));
    // Teams keeps its teams' owners: the owners commands say where to change them.
    expect((await post(await personal(ALICE, 'Alice Martin', 'owners add someone'))).status).toBe(200);
    await eventually(() => expect(lastCardTo(ALICE)).toContain('changez-les dans Teams'));
  });

  it('takes the locale and time zone of someone’s first message when Graph has no mailbox settings for them', async () => {
    // Teams sends them with every message a person writes (`locale`, `localTimezone` and the
    // `clientInfo` entity, as in test/fixtures/teams/personal-message.json); here from Montréal.
    fake.addUser({
      id: CAMILLE,
      tenantId: TENANT,
      displayName: 'Camille Roy',
      mail: 'camille@northwind.example',
      hasMailbox: false,
    });
    const montreal = fromRegion(await personal(CAMILLE, 'Camille Roy', 'help'), {
      timeZone: 'America/Toronto',
      locale: 'fr-CA',
    });
    expect((await post(montreal)).status).toBe(200);
    await eventually(() => expect(lastCardTo(CAMILLE)).toContain('J’aide les propriétaires de groupes'));
    expect(
      await steward.store.people.findByIdentity(tenant.id, { platform: 'teams', workspaceId: TENANT, userId: CAMILLE }),
    ).toMatchObject({
      locale: 'fr',
      timeZone: 'America/Toronto',
    });
    // Not the tenant's defaults, which the person would otherwise have been given.
    expect(tenant).toMatchObject({ defaultLocale: 'en', defaultTimeZone: 'Europe/Paris' });

    // The same from a button pressed (an invoke) by someone the bot meets that way.
    fake.addUser({ id: DANA, tenantId: TENANT, displayName: 'Dana Petrova', hasMailbox: false });
    const pressed = fromRegion(press(DANA, 'Dana Petrova', 'group.delete', { value: group.id }), {
      timeZone: 'Asia/Almaty',
      locale: 'ru-KZ',
    });
    expect(await (await post(pressed)).json()).toMatchObject({ type: 'application/vnd.microsoft.activity.message' });
    expect(
      await steward.store.people.findByIdentity(tenant.id, { platform: 'teams', workspaceId: TENANT, userId: DANA }),
    ).toMatchObject({ locale: 'ru', timeZone: 'Asia/Almaty' });
  });

  it('answers a command Teams delivers twice (the same activity id) once', async () => {
    const repeated = await personal(ALICE, 'Alice Martin', 'help', '1772463699999');
    const before = fake.conversationWith(ALICE)?.activities.length ?? 0;
    expect((await post(repeated)).status).toBe(200);
    expect((await post(repeated)).status).toBe(200);
    await eventually(() => expect(fake.conversationWith(ALICE)?.activities.length).toBe(before + 1));
    // A later command is answered: the one answer above was not simply the last one in a queue.
    expect((await post(await personal(ALICE, 'Alice Martin', 'groups'))).status).toBe(200);
    await eventually(() => expect(fake.conversationWith(ALICE)?.activities.length).toBe(before + 2));
  });

  it('sends a join request to the owner as an Adaptive Card, and approves it through Action.Execute', async () => {
    await steward.store.memberships.recordLeave(
      tenant.id,
      group.id,
      (await steward.store.people.findByIdentity(tenant.id, { platform: 'teams', workspaceId: TENANT, userId: CHLOE }))!
        .id,
      new Date(),
    );
    expect((await post(await personal(CHLOE, 'Chloé Dubois', 'join Design'))).status).toBe(200);
    await eventually(() => expect(lastCardTo(CHLOE)).toContain('Your request to join Design was sent to its owners.'));
    const [request] = await steward.store.membershipRequests.listPending(tenant.id, group.id);
    await eventually(() => expect(lastCardTo(ALICE)).toContain(request!.id), 8_000);
    expect(lastCardTo(ALICE)).toContain('"verb":"membership_request.approve"');
    // Every owner who got it sees it as it stands: Teams refreshes it for them through the core.
    expect(lastCardTo(ALICE)).toContain(`"userIds":["8:orgid:${ALICE}"]`);

    const invoke = press(ALICE, 'Alice Martin', 'membership_request.approve', { value: request!.id });
    const answer = await post(invoke);
    expect(answer.status).toBe(200);
    const body = (await answer.json()) as { statusCode: number; type: string; value: unknown };
    expect(body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(JSON.stringify(body.value)).toContain('Alice Martin');
    expect(JSON.stringify(body.value)).not.toContain('membership_request.approve');
    expect(await steward.store.membershipRequests.get(tenant.id, request!.id)).toMatchObject({
      status: 'approved',
      decidedBy: alice.id,
    });
    await eventually(() => expect(fake.callsTo('addTeamMember').at(-1)?.path).toContain(TEAM), 8_000);

    const refresh = press(ALICE, 'Alice Martin', 'membership_request.view', { value: request!.id });
    const refreshed = (await (await post(refresh)).json()) as { type: string; value: unknown };
    expect(refreshed.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(JSON.stringify(refreshed.value)).toContain('Approuvée par Alice Martin le');
  });

  it('approves from a menu of the weekly card: the value picked in its choice set, and the end all values share, reach the core', async () => {
    const requester = aPerson(tenant.id, { displayName: 'Dmitri Sokolov' });
    await steward.store.people.save(requester);
    const request = aRequest(tenant.id, group.id, requester.id);
    await steward.store.membershipRequests.create(request);
    // What Teams sends for a menu's button (see renderAdaptiveCard's chooser): its data and the card's inputs.
    const [start, end] = [request.id.slice(0, 8), request.id.slice(8)];
    const invoke = press(ALICE, 'Alice Martin', 'membership_request.approve', {
      choiceId: 'choice.2',
      valueSuffix: end,
      'choice.2': start,
      input: 'not for approve',
    });
    const answer = await post(invoke);
    expect(answer.status).toBe(200);
    expect(await steward.store.membershipRequests.get(tenant.id, request.id)).toMatchObject({
      status: 'approved',
      decidedBy: alice.id,
      reason: null,
    });
  });

  it('checks again that the person may decide: someone else gets a message, not the card', async () => {
    expect((await post(await personal(CHLOE, 'Chloé Dubois', 'join Design'))).status).toBe(200);
    const pending = await eventually(async () => {
      const [request] = await steward.store.membershipRequests.listPending(tenant.id, group.id);
      expect(request).toBeDefined();
      return request!;
    });
    const invoke = press(CHLOE, 'Chloé Dubois', 'membership_request.approve', { value: pending.id });
    const body = (await (await post(invoke)).json()) as { type: string; value: string };
    expect(body).toMatchObject({ type: 'application/vnd.microsoft.activity.message' });
    expect(body.value).toContain('Design');
    expect((await steward.store.membershipRequests.get(tenant.id, pending.id))?.status).toBe('pending');
  });

  it('denies with the reason typed in the card Teams showed under the button', async () => {
    // A request of its own, not one an earlier test left pending.
    const requester = aPerson(tenant.id, { displayName: 'Farid Haddad' });
    await steward.store.people.save(requester);
    const pending = aRequest(tenant.id, group.id, requester.id);
    await steward.store.membershipRequests.create(pending);
    // Action.Execute inside the Action.ShowCard: its data, with the input's text under the id it names.
    const data = { value: pending.id, inputId: 'input', input: '  Design reviewers only  ' };
    const invoke = press(ALICE, 'Alice Martin', 'membership_request.deny', data);
    const body = (await (await post(invoke)).json()) as { type: string; value: unknown };
    expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(JSON.stringify(body.value)).toContain('Design reviewers only');
    expect(await steward.store.membershipRequests.get(tenant.id, pending.id)).toMatchObject({
      status: 'denied',
      reason: 'Design reviewers only',
      decidedBy: alice.id,
    });
  });

  it('approves once when Teams delivers the same approval again (the same activity id), and answers each delivery alike', async () => {
    expect((await post(await personal(CHLOE, 'Chloé Dubois', 'join Design'))).status).toBe(200);
    const pending = await eventually(async () => {
      const [request] = await steward.store.membershipRequests.listPending(tenant.id, group.id);
      expect(request).toBeDefined();
      return request!;
    });
    const invitesBefore = fake.callsTo('addTeamMember').length;
    const approvalsToChloe = () =>
      (fake.conversationWith(CHLOE)?.activities ?? []).filter((sent) =>
        JSON.stringify(sent.body).includes('was approved by'),
      ).length;
    const approvalsBefore = approvalsToChloe();
    const invoke = press(ALICE, 'Alice Martin', 'membership_request.approve', { value: pending.id });

    // Twice at once (the first answer was late), then once more (it was lost).
    const answers = [...(await Promise.all([post(invoke), post(invoke)])), await post(invoke)];
    const bodies = await Promise.all(
      answers.map(async (answer) => ({
        status: answer.status,
        body: (await answer.json()) as { type: string; value: unknown },
      })),
    );
    expect(bodies[0]).toMatchObject({ status: 200, body: { type: 'application/vnd.microsoft.card.adaptive' } });
    expect(bodies[1]).toEqual(bodies[0]);
    expect(bodies[2]).toEqual(bodies[0]);

    expect(await steward.store.membershipRequests.get(tenant.id, pending.id)).toMatchObject({
      status: 'approved',
      decidedBy: alice.id,
    });
    const audited = await steward.store.audit.list(tenant.id, { subjectId: pending.id, limit: 10 });
    expect(audited.filter((entry) => entry.action === 'membership_request.approved')).toHaveLength(1);
    await eventually(() => expect(fake.callsTo('addTeamMember')).toHaveLength(invitesBefore + 1), 8_000);
    await eventually(() => expect(approvalsToChloe()).toBe(approvalsBefore + 1), 8_000);
    // Nothing more comes after a while: the outbox had one invitation and one message to send.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(fake.callsTo('addTeamMember')).toHaveLength(invitesBefore + 1);
    expect(approvalsToChloe()).toBe(approvalsBefore + 1);
  });

  it('answers a verb it does not know with a message, in the person’s language', async () => {
    const invoke = press(ALICE, 'Alice Martin', 'group.delete', { value: group.id });
    const body = (await (await post(invoke)).json()) as { type: string; value: string };
    expect(body.type).toBe('application/vnd.microsoft.activity.message');
    expect(await steward.store.groups.get(tenant.id, group.id)).not.toBeNull();
  });

  it('posts a card in the team’s General channel through the outbox, whichever channel the team last spoke in, mentioning people', async () => {
    // A message in another channel of the team: the team is still reached in its General channel.
    const elsewhere = activity('channel-message.json');
    elsewhere.id = '1772445600999';
    elsewhere.conversation.id = `${RANDOM};messageid=1772445600999`;
    expect((await post(elsewhere)).status).toBe(200);
    await eventually(async () =>
      expect(await steward.store.conversations.find('teams', TENANT, `team:${TEAM}`)).toMatchObject({
        conversationId: GENERAL,
        serviceUrl,
      }),
    );

    const welcome: Card = {
      locale: 'en',
      title: 'Welcome',
      summary: 'Welcome Chloé',
      blocks: [{ kind: 'text', text: `Welcome ${mention('Chloé Dubois', CHLOE)}!` }],
    };
    const { message } = await enqueue({ store: steward.store, clock: systemClock }, tenant.id, 'teams', {
      operation: 'post_in_group',
      payload: { group: group.platformRef, card: welcome },
    });
    const posted = await eventually(() => {
      const [post] = fake.channelPosts(GENERAL);
      expect(post).toBeDefined();
      return post!;
    }, 8_000);
    const content = (posted.body as { attachments: { content: { body: unknown; msteams: unknown } }[] }).attachments[0]
      ?.content;
    expect(JSON.stringify(content?.body)).toContain('Welcome <at>Chloé Dubois</at>!');
    expect(content?.msteams).toEqual({
      entities: [{ type: 'mention', text: '<at>Chloé Dubois</at>', mentioned: { id: CHLOE, name: 'Chloé Dubois' } }],
    });
    expect(fake.channelPosts(RANDOM)).toEqual([]);
    await eventually(async () =>
      expect(await steward.store.outbox.get(tenant.id, message.id)).toMatchObject({
        status: 'sent',
        result: { conversationId: GENERAL },
      }),
    );
  });

  it('gives owners their settings as a card form, shows a wrong field on it, and saves a valid one', async () => {
    expect((await post(await personal(ALICE, 'Alice Martin', 'settings'))).status).toBe(200);
    await eventually(() => expect(lastCardTo(ALICE)).toContain('"verb":"settings.save"'));
    const save = async (time: string) => {
      const data = {
        weekday: '5',
        time,
        groupId: group.id,
        purpose: 'Design reviews and crits',
        reviewIntervalDays: 30,
        membershipPolicy: 'approval',
        requestDeadlineHours: 72,
        responseTargetHours: 6,
      };
      const invoke = press(ALICE, 'Alice Martin', 'settings.save', data);
      return JSON.stringify(((await (await post(invoke)).json()) as { value: unknown }).value);
    };
    expect(await save('17h')).toContain('Écrivez l’heure au format HH:MM, par exemple 09:30.');
    expect((await steward.store.groups.get(tenant.id, group.id))?.purpose).toBeNull();
    expect(await save('17:00')).toContain('Réglages enregistrés.');
    expect(await steward.store.groups.get(tenant.id, group.id)).toMatchObject({
      purpose: 'Design reviews and crits',
      reviewIntervalDays: 30,
      requestDeadlineHours: 72,
      responseTargetHours: 6,
    });
    expect((await steward.store.people.get(tenant.id, alice.id))?.weeklyHour).toEqual({ weekday: 5, time: '17:00' });
  });

  it('saves time off with a covering co-owner, the preferred platform and the welcome text from the settings form', async () => {
    // Alice is on Slack too, and owns a second team with Edda: the form offers both choices.
    const both = {
      ...alice,
      identities: [...alice.identities, { platform: 'slack' as const, workspaceId: 'T0NORTH', userId: 'U0ALICE' }],
    };
    await steward.store.people.save(both);
    const { coOwner: edda, group: shared } = await aGroupSharedWith(steward.store, alice, {
      platform: 'teams',
      workspaceId: TENANT,
      coOwner: { displayName: 'Edda Weiss', userId: 'eeeeeeee-0000-4000-8000-00000000000e' },
      group: { name: 'Research', id: '99999999-8888-4777-8666-0000000000aa' },
    });
    const cardsBefore = fake.conversationWith(ALICE)?.activities.length ?? 0;
    expect((await post(await personal(ALICE, 'Alice Martin', 'settings'))).status).toBe(200);
    await eventually(() => expect(fake.conversationWith(ALICE)?.activities.length).toBeGreaterThan(cardsBefore));
    expect(lastCardTo(ALICE)).toContain(`"value":"${edda.id}"`);
    expect(lastCardTo(ALICE)).toContain('"id":"preferredPlatform"');

    const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
    const save = async (cover: string) => {
      const data = {
        weekday: '1',
        time: '09:00',
        groupId: shared.id,
        purpose: '',
        reviewIntervalDays: 90,
        membershipPolicy: 'approval',
        welcomeText: 'Bienvenue dans Research !',
        preferredPlatform: 'teams',
        timeOffFrom: day(3),
        timeOffUntil: day(24),
        timeOffCoverId: cover,
      };
      const invoke = press(ALICE, 'Alice Martin', 'settings.save', data);
      return JSON.stringify(((await (await post(invoke)).json()) as { value: unknown }).value);
    };
    // Someone who co-owns nothing with Alice cannot cover her.
    expect(await save(CHLOE)).toContain('Choisissez un copropriétaire de l’un de vos groupes, ou personne.');
    expect((await steward.store.people.get(tenant.id, alice.id))?.timeOff).toBeNull();

    expect(await save(edda.id)).toContain('Réglages enregistrés.');
    expect(await steward.store.people.get(tenant.id, alice.id)).toMatchObject({
      preferredPlatform: 'teams',
      timeOff: { from: day(3), until: day(24), coverId: edda.id },
    });
    expect((await steward.store.groups.get(tenant.id, shared.id))?.welcomeText).toBe('Bienvenue dans Research !');
  });
  it('takes time off from the weekly card: the day and the co-owner picked in its form reach the core, and the card confirms in French', async () => {
    const { coOwner: flo } = await aGroupSharedWith(steward.store, alice, {
      platform: 'teams',
      workspaceId: TENANT,
      coOwner: { displayName: 'Flo Renard', userId: 'ffffffff-0000-4000-8000-00000000000f' },
      group: { name: 'Ops', id: '99999999-8888-4777-8666-0000000000bb' },
    });
    const week = await thisWeeksCard(steward.store, alice);
    // What Teams sends for the form's button (renderAdaptiveCard's formElements): its data and the card's inputs.
    const pressTimeOff = async (lastDay: string) => {
      const data = {
        value: actionValue([alice.id], { ownerId: alice.id, week }),
        formIds: 'input.4 choice.2',
        'input.4': lastDay,
        'choice.2': flo.id,
        input: 'not the form',
      };
      return (await (await post(press(ALICE, 'Alice Martin', 'weekly_hour.time_off', data))).json()) as {
        type: string;
        value: unknown;
      };
    };
    const before = (await steward.store.people.get(tenant.id, alice.id))?.timeOff ?? null;
    // A day in the past is refused on the card itself, and nothing changes.
    const wrong = await pressTimeOff('2020-01-01');
    expect(wrong.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(JSON.stringify(wrong.value)).toContain('Choisissez le dernier jour de votre absence');
    expect((await steward.store.people.get(tenant.id, alice.id))?.timeOff ?? null).toEqual(before);

    const lastDay = new Date(Date.now() + 15 * 86_400_000).toISOString().slice(0, 10);
    const saved = await pressTimeOff(lastDay);
    expect(saved.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(JSON.stringify(saved.value)).toContain('Absence enregistrée');
    expect(JSON.stringify(saved.value)).toContain('Flo Renard');
    expect((await steward.store.people.get(tenant.id, alice.id))?.timeOff).toEqual({
      from: localDayOf(alice, new Date()),
      until: lastDay,
      coverId: flo.id,
    });
  });
});
