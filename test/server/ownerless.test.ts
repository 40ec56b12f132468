// Ownerless groups taken over (issue 10, item 7), end to end through real signed HTTP against the
// fakes, on each platform: the last owner leaves the channel or team; the group's three most active
// members (METRICS.md levels) are asked in chat, each in their language; two of them accept at the
// same moment; exactly one becomes the owner, the other is told who took it, and the community
// manager is told. On PostgreSQL when TEST_DATABASE_URL is set, else on embedded PGlite.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../apps/server/src/config.ts';
import { createLogger } from '../../apps/server/src/logger.ts';
import { startSteward } from '../../apps/server/src/steward.ts';
import type { Group, Person } from '../../core/src/index.ts';
import { executeActions } from '../support/adaptive-card-check.ts';
import { LocalBotFrameworkIssuer } from '../support/bot-framework-auth.ts';
import { eventually } from '../support/eventually.ts';
import { postToTeamsEndpoint } from '../support/fake-platforms.ts';
import { FakeSlack } from '../support/fake-slack/index.ts';
import { FAKE_APP, FAKE_TENANT, FakeTeams } from '../support/fake-teams/index.ts';
import { NORTHWIND_ON_SLACK, NORTHWIND_SLACK_IDS } from '../support/northwind.ts';
import { fakeSlackSettings, fakeTeamsSettings } from '../support/platform-settings.ts';
import { asInteraction, buttonClick } from '../support/slack-interactions.ts';
import { slackMessageEvent } from '../support/slack-message-events.ts';
import { asEvent, postToSlackEndpoint, slackFixture } from '../support/slack-requests.ts';
import {
  cardAction,
  channelMessage,
  inGeneralChannel,
  placeholders,
  type TeamsActivity,
  type TeamsFixtureName,
  type TeamsPlace,
  teamsActivity,
} from '../support/teams-activities.ts';
import { createTemporaryPostgresDatabase, TEST_SECRET_KEYS } from '../support/temporary-postgres.ts';

const serverUrl = process.env['TEST_DATABASE_URL'];
const DAY_S = 86_400;

/**
 * The time of the person's n-th message `daysAgo` UTC days before today: at noon, a minute apart,
 * so that a day's messages stay on that day whenever the test runs (near midnight a day's five
 * messages counted back from now would fall on two days and make an observer a participant).
 */
const messageTime = (daysAgo: number, n: number): Date => {
  const today = Math.floor(Date.now() / 1000 / DAY_S) * DAY_S;
  return new Date((today - daysAgo * DAY_S + DAY_S / 2 + n * 60) * 1000);
};
const WAIT_MS = 20_000;

/**
 * Who contributed on which days before today (METRICS.md levels): Boris on 7 days (a contributor),
 * Dmitri on 3 days in the last week with 2 messages each (a participant, 6 contributions), Erin on
 * 2 days (a participant, 3), Gina on 2 days (a participant, 2: the fourth, not asked), Frank once
 * (an observer, not asked). Alice, the owner, leaves.
 */
const ACTIVITY: Readonly<Record<string, readonly (readonly [daysAgo: number, messages: number])[]>> = {
  boris: [
    [1, 1],
    [3, 1],
    [5, 1],
    [8, 1],
    [10, 1],
    [12, 1],
    [14, 1],
  ],
  dmitri: [
    [1, 2],
    [2, 2],
    [4, 2],
  ],
  erin: [
    [2, 2],
    [3, 1],
  ],
  gina: [
    [1, 1],
    [2, 1],
  ],
  frank: [[1, 5]],
};

/** A database for one server: a temporary PostgreSQL database, or an embedded data folder. */
async function aDatabase(prefix: string): Promise<{ env: Record<string, string>; drop: () => Promise<void> }> {
  if (serverUrl) {
    const database = await createTemporaryPostgresDatabase(serverUrl);
    return { env: { DATABASE_URL: database.url, STEWARD_SECRET_KEYS: TEST_SECRET_KEYS }, drop: database.drop };
  }
  const dataDir = await mkdtemp(join(tmpdir(), prefix));
  return { env: { STEWARD_DATA_DIR: dataDir }, drop: () => rm(dataDir, { recursive: true, force: true }) };
}

/** A server on the database with one community manager and the platform settings given. */
function startOn(
  database: { env: Record<string, string> },
  communityManager: string,
  platform: Record<string, string>,
) {
  const config = loadConfig({
    ...database.env,
    PORT: '0',
    HOST: '127.0.0.1',
    STEWARD_DEMO: 'false',
    STEWARD_COMMUNITY_MANAGERS: communityManager,
    ...platform,
  });
  return startSteward(config, createLogger('silent', false));
}

/** Sends every message of ACTIVITY through `post`, each answered 200. */
async function postActivity(post: (name: string, daysAgo: number, n: number) => Promise<Response>): Promise<void> {
  for (const [name, days] of Object.entries(ACTIVITY)) {
    for (const [daysAgo, messages] of days) {
      for (let n = 0; n < messages; n += 1) expect((await post(name, daysAgo, n)).status).toBe(200);
    }
  }
}

async function inboxDrained(url: string): Promise<void> {
  await eventually(async () => {
    const health = (await (await fetch(`${url}/healthz`)).json()) as { inbox: { pending: number; parked: number } };
    expect(health.inbox).toEqual({ pending: 0, parked: 0 });
  }, WAIT_MS);
}

async function theGroup(
  steward: Awaited<ReturnType<typeof startSteward>>,
  platform: 'slack' | 'teams',
  workspaceId: string,
): Promise<Group> {
  // The installation too is made in the background (the server does not wait on the platforms to start).
  return eventually(async () => {
    const installation = await steward.store.installations.find(platform, workspaceId);
    expect(installation).not.toBeNull();
    const [group] = await steward.store.groups.list(installation!.tenantId);
    expect(group).toBeDefined();
    return group!;
  }, WAIT_MS);
}

async function personByEmail(
  steward: Awaited<ReturnType<typeof startSteward>>,
  group: Group,
  email: string,
): Promise<Person> {
  return (await steward.store.people.findByEmail(group.tenantId, email))!;
}

describe(`An ownerless Slack channel is taken over (${serverUrl ? 'PostgreSQL' : 'embedded PGlite'})`, () => {
  const TEAM = 'T0STEWARD';
  const TOKEN = 'xoxb-ownerless';
  const slack = new FakeSlack();
  const users = NORTHWIND_SLACK_IDS;
  let database: Awaited<ReturnType<typeof aDatabase>>;

  beforeAll(async () => {
    await slack.start();
    slack.addWorkspace({ id: TEAM, token: TOKEN });
    slack.addUser({ id: slack.botUserId, realName: 'Group Steward', isBot: true });
    for (const person of Object.values(NORTHWIND_ON_SLACK)) slack.addUser(person);
    slack.addChannel({
      id: 'C0DESIGN',
      name: 'design',
      creator: users.alice,
      members: Object.values(users),
      botIsMember: true,
    });
    database = await aDatabase('steward-ownerless-slack-');
  }, 60_000);

  afterAll(async () => {
    await database?.drop();
    await slack.stop();
  });

  /** A message of the person's in #design (or `channel`), `daysAgo` days before now (the n-th of that day). */
  const message = (user: string, daysAgo: number, n: number, channel?: string) =>
    slackMessageEvent({
      user,
      ts: (messageTime(daysAgo, n).getTime() / 1000).toFixed(6),
      text: 'Notes from the review',
      eventId: `Ev0${user}${daysAgo}M${n}`,
      ...(channel ? { channel } : {}),
    });
  /** The person's card asking them to take #design over, as the fake holds it, and its Accept button. */
  const offerTo = (user: string) => {
    const posted = slack.callsTo('chat.postMessage').find((call) => {
      const blocks = JSON.stringify(call.params['blocks'] ?? '');
      return (
        call.outcome === 'ok' &&
        call.params['channel'] === user &&
        blocks.includes('take_over.accept') &&
        blocks.includes('#design')
      );
    });
    if (!posted) return null;
    const blocks = JSON.stringify(posted.params['blocks']);
    const card = slack.messages.find((m) => JSON.stringify(m.blocks) === blocks)!;
    const button = (card.blocks as { elements?: { action_id?: string; value?: string }[] }[])
      .flatMap((block) => block.elements ?? [])
      .find((element) => element.action_id?.startsWith('take_over.accept#'))!;
    return { card, actionId: button.action_id!, offerId: button.value! };
  };
  type Offer = NonNullable<ReturnType<typeof offerTo>>;
  const accept = (steward: { url: string }, user: string, offer: Offer) => {
    const click = buttonClick({
      actionId: offer.actionId,
      value: offer.offerId,
      userId: user,
      message: { channel: offer.card.channel, ts: offer.card.ts },
    });
    return postToSlackEndpoint(steward.url, asInteraction(click));
  };
  const updatesOf = ({ card }: Offer) => {
    return slack
      .callsTo('chat.update')
      .filter((c) => c.outcome === 'ok' && c.params['ts'] === card.ts)
      .map((c) => JSON.stringify(c.params['blocks']));
  };

  it('asks the three most active members in their language, makes the first of two racing accepts the owner, and tells the others', async () => {
    const steward = await startOn(database, 'carla@northwind.example', fakeSlackSettings(slack, TOKEN));
    try {
      // Alice adds the app to #design, which she made: she is its one owner.
      const added = slackFixture('member-joined-channel.json', { U0CHLOE: slack.botUserId, Ev0JOIN1: 'Ev0BOTJOIN1' });
      expect((await postToSlackEndpoint(steward.url, asEvent(added))).status).toBe(200);
      const group = await theGroup(steward, 'slack', TEAM);
      const alice = await personByEmail(steward, group, 'alice@northwind.example');
      expect(group.ownerIds).toEqual([alice.id]);

      await postActivity((name, daysAgo, n) =>
        postToSlackEndpoint(steward.url, asEvent(message(users[name as keyof typeof users], daysAgo, n))),
      );
      await inboxDrained(steward.url);
      expect(
        slack
          .callsTo('chat.postMessage')
          .filter((c) => JSON.stringify(c.params['blocks'] ?? '').includes('take_over.accept')),
      ).toEqual([]);

      // Alice leaves the channel: the group has no owner left.
      const left = slackFixture('member-left-channel.json', {
        U0CHLOE: users.alice,
        Ev0LEAVE1: 'Ev0ALICELEFT',
        '1772460000.000060': `${Math.floor(Date.now() / 1000)}.000060`,
      });
      expect((await postToSlackEndpoint(steward.url, asEvent(left))).status).toBe(200);
      await eventually(
        () =>
          expect([users.boris, users.dmitri, users.erin].map((u) => offerTo(u) !== null)).toEqual([true, true, true]),
        WAIT_MS,
      );
      expect(JSON.stringify(offerTo(users.boris)!.card.blocks)).toContain('a besoin d’un propriétaire');
      expect(JSON.stringify(offerTo(users.dmitri)!.card.blocks)).toContain('нужен владелец');
      expect(JSON.stringify(offerTo(users.erin)!.card.blocks)).toContain('needs an owner');
      // The fourth participant and the observer are not asked; one offer for all three.
      expect([users.gina, users.frank, users.alice].map(offerTo)).toEqual([null, null, null]);
      expect(new Set([users.boris, users.dmitri, users.erin].map((u) => offerTo(u)!.offerId)).size).toBe(1);

      // Boris and Dmitri accept at the same moment.
      const [forBoris, forDmitri] = [offerTo(users.boris)!, offerTo(users.dmitri)!];
      const answers = await Promise.all([
        accept(steward, users.boris, forBoris),
        accept(steward, users.dmitri, forDmitri),
      ]);
      expect(answers.map((a) => a.status)).toEqual([200, 200]);
      await eventually(
        () => expect([updatesOf(forBoris).length, updatesOf(forDmitri).length]).toEqual([1, 1]),
        WAIT_MS,
      );
      const owners = (await steward.store.groups.get(group.tenantId, group.id))!.ownerIds;
      const [boris, dmitri] = [
        await personByEmail(steward, group, 'boris@northwind.example'),
        await personByEmail(steward, group, 'dmitri@northwind.example'),
      ];
      expect(owners.length).toBe(1);
      expect([boris.id, dmitri.id]).toContain(owners[0]);
      const [taker, takerCard, other] =
        owners[0] === boris.id ? [boris, forBoris, forDmitri] : [dmitri, forDmitri, forBoris];
      expect(updatesOf(takerCard)[0]).toMatch(/Vous êtes maintenant propriétaire|Теперь вы владелец/);
      expect(updatesOf(other)[0]).toContain(taker.displayName);
      expect(updatesOf(other)[0]).toMatch(/déjà repris|уже взяли/);

      // The community manager is told who took it over, once.
      await eventually(() => {
        const told = slack
          .callsTo('chat.postMessage')
          .filter(
            (c) =>
              c.outcome === 'ok' &&
              c.params['channel'] === users.carla &&
              JSON.stringify(c.params).includes(`${taker.displayName} took over #design`),
          );
        expect(told).toHaveLength(1);
      }, WAIT_MS);
      const audit = await steward.store.audit.list(group.tenantId, { subjectId: group.id, limit: 50 });
      expect(audit.filter((e) => e.action === 'group.take_over_offered')).toHaveLength(1);
      expect(audit.filter((e) => e.action === 'group.taken_over').map((e) => e.actorId)).toEqual([taker.id]);
    } finally {
      await steward.stop();
    }
  }, 120_000);
  it('offers a channel whose one owner’s Slack account is deleted (user_change) to its active member', async () => {
    const other = await aDatabase('steward-ownerless-slack-deleted-');
    slack.addChannel({
      id: 'C0RESEARCH',
      name: 'research',
      creator: users.gina,
      members: [users.gina, users.erin, users.frank],
      botIsMember: true,
    });
    const steward = await startOn(other, 'carla@northwind.example', fakeSlackSettings(slack, TOKEN));
    try {
      const added = slackFixture('member-joined-channel.json', {
        U0CHLOE: slack.botUserId,
        U0ALICE: users.gina,
        C0DESIGN: 'C0RESEARCH',
        Ev0JOIN1: 'Ev0BOTJOIN2',
      });
      expect((await postToSlackEndpoint(steward.url, asEvent(added))).status).toBe(200);
      const group = await theGroup(steward, 'slack', TEAM);
      expect(group.ownerIds).toEqual([(await personByEmail(steward, group, 'gina@northwind.example')).id]);
      for (const daysAgo of [1, 3])
        expect(
          (await postToSlackEndpoint(steward.url, asEvent(message(users.erin, daysAgo, 0, 'C0RESEARCH')))).status,
        ).toBe(200);
      await inboxDrained(steward.url);
      const before = slack
        .callsTo('chat.postMessage')
        .filter(
          (c) => c.params['channel'] === users.erin && JSON.stringify(c.params['blocks'] ?? '').includes('#research'),
        ).length;

      const deleted = JSON.parse(slackFixture('user-change.json')) as {
        event: { user: Record<string, unknown> };
        event_id: string;
      };
      deleted.event.user = {
        ...deleted.event.user,
        id: users.gina,
        name: 'gina',
        real_name: 'Gina Rossi',
        deleted: true,
        locale: 'en-GB',
        profile: { real_name: 'Gina Rossi', email: 'gina@northwind.example' },
      };
      deleted.event_id = 'Ev0GINADELETED';
      expect((await postToSlackEndpoint(steward.url, asEvent(JSON.stringify(deleted)))).status).toBe(200);
      await eventually(() => {
        const offered = slack
          .callsTo('chat.postMessage')
          .filter(
            (c) =>
              c.outcome === 'ok' &&
              c.params['channel'] === users.erin &&
              JSON.stringify(c.params['blocks'] ?? '').includes('#research needs an owner'),
          );
        expect(offered.length - before).toBe(1);
      }, WAIT_MS);
      // Frank contributed nothing there: he is not asked.
      expect(
        slack
          .callsTo('chat.postMessage')
          .some(
            (c) =>
              c.params['channel'] === users.frank && JSON.stringify(c.params['blocks'] ?? '').includes('#research'),
          ),
      ).toBe(false);
    } finally {
      await steward.stop();
      await other.drop();
    }
  }, 120_000);
});

describe(`An ownerless Teams team is taken over (${serverUrl ? 'PostgreSQL' : 'embedded PGlite'})`, () => {
  const ENTRA = FAKE_TENANT.id;
  const TEAM = '0e0e1e55-0000-4000-8000-0000000000cc';
  const CHANNEL = '19:research-general@thread.tacv2';
  const ids = {
    alice: 'aaaaaaaa-0000-4000-8000-0000000000a1',
    boris: 'bbbbbbbb-0000-4000-8000-0000000000b2',
    dmitri: 'dddddddd-0000-4000-8000-0000000000d3',
    erin: 'eeeeeeee-0000-4000-8000-0000000000e4',
    gina: '99999999-0000-4000-8000-000000000095',
    frank: 'ffffffff-0000-4000-8000-0000000000f6',
    olga: '00000000-0000-4000-8000-0000000000a7',
  } as const;
  const teams = new FakeTeams();
  const issuer = new LocalBotFrameworkIssuer();
  let openIdMetadataUrl: string;
  let serviceUrl: string;
  let database: Awaited<ReturnType<typeof aDatabase>>;

  beforeAll(async () => {
    openIdMetadataUrl = await issuer.start();
    await teams.start();
    serviceUrl = teams.serviceUrl();
    teams.addTenant({ id: ENTRA, permissions: null });
    const person = (id: string, displayName: string, mail: string, preferredLanguage: string) =>
      teams.addUser({ id, tenantId: ENTRA, displayName, mail, preferredLanguage });
    person(ids.alice, 'Alice Martin', 'alice@northwind.example', 'en-GB');
    person(ids.boris, 'Boris Lefèvre', 'boris@northwind.example', 'fr-FR');
    person(ids.dmitri, 'Dmitri Orlov', 'dmitri@northwind.example', 'ru-RU');
    person(ids.erin, 'Erin Walsh', 'erin@northwind.example', 'en-IE');
    person(ids.gina, 'Gina Rossi', 'gina@northwind.example', 'en-GB');
    person(ids.frank, 'Frank Meyer', 'frank@northwind.example', 'en-GB');
    person(ids.olga, 'Olga Petrova', 'olga@northwind.example', 'en-GB');
    const { alice, ...members } = ids;
    teams.addTeam({
      id: TEAM,
      tenantId: ENTRA,
      displayName: 'Research',
      owners: [alice],
      members: Object.values(members),
      channels: [{ id: CHANNEL, displayName: 'General' }],
    });
    database = await aDatabase('steward-ownerless-teams-');
  }, 60_000);

  afterAll(async () => {
    await database?.drop();
    await teams.stop();
    await issuer.stop();
  });

  const place = (): TeamsPlace => ({ tenantId: ENTRA, teamId: TEAM, serviceUrl, appId: FAKE_APP.id });
  /** A recorded activity from this tenant's Research team, whose General channel is CHANNEL. */
  const fixture = (name: TeamsFixtureName, fill: Record<string, string> = {}) =>
    inGeneralChannel(teamsActivity(name, { ...placeholders(place()), ...fill }), CHANNEL);
  const post = (url: string, activity: TeamsActivity) =>
    postToTeamsEndpoint(url, issuer, serviceUrl, JSON.stringify(activity));
  /** A message of the person's in the team's General channel, `daysAgo` days before now. */
  const message = (aad: string, daysAgo: number, n: number) => {
    // A Teams message id is its post time in milliseconds: each person posts a few ms apart.
    const at = new Date(messageTime(daysAgo, n).getTime() + Number.parseInt(aad.slice(-2), 16));
    const written = { id: String(at.getTime()), at: at.toISOString(), text: 'Notes from the review', channel: CHANNEL };
    return channelMessage(place(), { aadObjectId: aad, name: 'Someone' }, written);
  };
  /** The card asking the person to take Research over, as the bot posted it, and the offer its Accept button carries. */
  const offerTo = (aad: string) => {
    const sent = teams
      .conversationWith(aad)
      ?.activities.find((a) => executeActions(a.body).some((action) => action.verb === 'take_over.accept'));
    if (!sent) return null;
    const accept = executeActions(sent.body).find((action) => action.verb === 'take_over.accept');
    const offerId = accept?.data['value'];
    return { text: JSON.stringify(sent), offerId: typeof offerId === 'string' ? offerId : null };
  };
  const accept = async (url: string, aad: string, offerId: string) => {
    const invoke = {
      ...cardAction(place(), { aadObjectId: aad, name: 'Someone' }, 'take_over.accept', { value: offerId }),
      id: `invoke-${aad}`,
    };
    const answer = await post(url, invoke);
    expect(answer.status).toBe(200);
    return JSON.stringify(((await answer.json()) as { value: unknown }).value);
  };

  it('asks the three most active members in their language, makes the first of two racing accepts the owner, and tells the others', async () => {
    const steward = await startOn(database, 'olga@northwind.example', fakeTeamsSettings(teams, openIdMetadataUrl));
    try {
      // Olga installs the app in the Research team, whose one owner is Alice.
      expect(
        (await post(steward.url, fixture('installation-update-team.json', { __FROM_AAD__: ids.olga }))).status,
      ).toBe(200);
      const group = await theGroup(steward, 'teams', ENTRA);
      const alice = await personByEmail(steward, group, 'alice@northwind.example');
      expect(group.ownerIds).toEqual([alice.id]);

      await postActivity((name, daysAgo, n) => post(steward.url, message(ids[name as keyof typeof ids], daysAgo, n)));
      await inboxDrained(steward.url);

      // Alice leaves the team: it has no owner left.
      const removed = fixture('team-member-added.json');
      const leave = {
        ...removed,
        id: 'f:alice-removed',
        timestamp: new Date().toISOString(),
        membersAdded: undefined,
        membersRemoved: [{ id: `29:${ids.alice}`, aadObjectId: ids.alice }],
        channelData: { ...removed.channelData, eventType: 'teamMemberRemoved' },
      };
      expect((await post(steward.url, leave)).status).toBe(200);
      await eventually(
        () =>
          expect([ids.boris, ids.dmitri, ids.erin].map((u) => offerTo(u)?.offerId ?? null).every(Boolean)).toBe(true),
        WAIT_MS,
      );
      expect(offerTo(ids.boris)!.text).toContain('a besoin d’un propriétaire');
      expect(offerTo(ids.dmitri)!.text).toContain('нужен владелец');
      expect(offerTo(ids.erin)!.text).toContain('needs an owner');
      expect([ids.gina, ids.frank, ids.alice].map(offerTo)).toEqual([null, null, null]);
      const offerId = offerTo(ids.boris)!.offerId!;
      expect(offerTo(ids.dmitri)!.offerId).toBe(offerId);

      // Boris and Dmitri accept at the same moment; each is answered with the card as it now stands.
      const [forBoris, forDmitri] = await Promise.all([
        accept(steward.url, ids.boris, offerId),
        accept(steward.url, ids.dmitri, offerId),
      ]);
      const owners = (await steward.store.groups.get(group.tenantId, group.id))!.ownerIds;
      const [boris, dmitri] = [
        await personByEmail(steward, group, 'boris@northwind.example'),
        await personByEmail(steward, group, 'dmitri@northwind.example'),
      ];
      expect(owners.length).toBe(1);
      expect([boris.id, dmitri.id]).toContain(owners[0]);
      const borisWon = owners[0] === boris.id;
      const taker = borisWon ? boris : dmitri;
      expect(borisWon ? forBoris : forDmitri).toMatch(/Vous êtes maintenant propriétaire|Теперь вы владелец/);
      expect(borisWon ? forDmitri : forBoris).toContain(taker.displayName);
      expect(borisWon ? forDmitri : forBoris).toMatch(/déjà repris|уже взяли/);

      // The community manager is told who took it over, once.
      await eventually(() => {
        const told = (teams.conversationWith(ids.olga)?.activities ?? []).filter((a) =>
          JSON.stringify(a).includes(`${taker.displayName} took over Research`),
        );
        expect(told).toHaveLength(1);
      }, WAIT_MS);
    } finally {
      await steward.stop();
    }
  }, 120_000);
});
