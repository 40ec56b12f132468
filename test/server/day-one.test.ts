// A real install on its first day (issue "A real install works from day one", Done when): a company
// on Slack and Teams, linked into one organisation with a community manager named in the
// configuration. Through real signed HTTP against the fakes, the app is added to a Slack channel and
// a Teams team; both become groups with the right owners, and activity lands on them. The person who
// owns one group on each platform is one person, who gets one weekly card; when she lets her weekly
// hour pass, the community manager is told. On PostgreSQL when TEST_DATABASE_URL is set (as .ci/run
// does), else on embedded PGlite.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../apps/server/src/config.ts';
import { createLogger } from '../../apps/server/src/logger.ts';
import { startSteward } from '../../apps/server/src/steward.ts';
import { deliverOutbox, type Person, type Store, sendDueWeeklyHours } from '../../core/src/index.ts';
import { LocalBotFrameworkIssuer } from '../support/bot-framework-auth.ts';
import { eventually } from '../support/eventually.ts';
import { platformsOnFakes, postToTeamsEndpoint, teamsFixture } from '../support/fake-platforms.ts';
import { FakeSlack } from '../support/fake-slack/index.ts';
import { FAKE_APP, FAKE_TENANT, FakeTeams } from '../support/fake-teams/index.ts';
import { fakeSlackSettings, fakeTeamsSettings } from '../support/platform-settings.ts';
import { aServerDatabase } from '../support/server-database.ts';
import { silentLogger } from '../support/silent-logger.ts';
import { asEvent, postToSlackEndpoint, slackFixture } from '../support/slack-requests.ts';
import type { TeamsFixtureName } from '../support/teams-activities.ts';
import { WallClock } from '../support/wall-clock.ts';

const SLACK_TEAM = 'T0STEWARD';
const SLACK_TOKEN = 'xoxb-day-one';
const ENTRA = FAKE_TENANT.id;
const TEAM = 'de51e000-0000-4000-8000-0000000000bb';
// The people of test/fixtures/teams' channel activities.
const TEAMS_ALICE = 'aaaaaaaa-0000-4000-8000-000000000001';
const TEAMS_BORIS = 'bbbbbbbb-0000-4000-8000-000000000002';
const TEAMS_CHLOE = 'cccccccc-0000-4000-8000-000000000003';
const TEAMS_OLGA = 'dddddddd-0000-4000-8000-0000000000d4';
const range = { from: '2026-01-01', to: '2026-12-31' };
const serverUrl = process.env['TEST_DATABASE_URL'];

describe(`A company’s first day on Slack and Teams, as one organisation (${serverUrl ? 'PostgreSQL' : 'embedded PGlite'})`, () => {
  const slack = new FakeSlack();
  const teams = new FakeTeams();
  const issuer = new LocalBotFrameworkIssuer();
  let config: ReturnType<typeof loadConfig>;
  let openStore: () => Promise<Store>;
  let cleanup: () => Promise<void>;
  let serviceUrl: string;

  beforeAll(async () => {
    await slack.start();
    slack.addWorkspace({ id: SLACK_TEAM, token: SLACK_TOKEN });
    slack.addUser({ id: slack.botUserId, realName: 'Group Steward', isBot: true });
    slack.addUser({
      id: 'U0ALICE',
      realName: 'Alice Martin',
      email: 'alice@northwind.example',
      tz: 'Europe/Paris',
      locale: 'fr-FR',
    });
    slack.addUser({ id: 'U0BORIS', realName: 'Boris Ivanov', email: 'boris@northwind.example', tz: 'Europe/Paris' });
    slack.addUser({
      id: 'U0CARLA',
      realName: 'Carla Rossi',
      email: 'carla@northwind.example',
      tz: 'Europe/Rome',
      locale: 'en-GB',
    });
    slack.addChannel({
      id: 'C0DESIGN',
      name: 'design',
      creator: 'U0ALICE',
      members: ['U0ALICE', 'U0BORIS', 'U0CARLA'],
      botIsMember: true,
    });

    const openIdMetadataUrl = await issuer.start();
    await teams.start();
    serviceUrl = teams.serviceUrl();
    teams.addTenant({ id: ENTRA, permissions: null });
    teams.addUser({ id: TEAMS_ALICE, tenantId: ENTRA, displayName: 'Alice Martin', mail: 'Alice@Northwind.example' });
    teams.addUser({ id: TEAMS_OLGA, tenantId: ENTRA, displayName: 'Olga Petrova', mail: 'olga@northwind.example' });
    teams.addUser({ id: TEAMS_BORIS, tenantId: ENTRA, displayName: 'Boris Ivanov', mail: 'boris@northwind.example' });
    teams.addUser({ id: TEAMS_CHLOE, tenantId: ENTRA, displayName: 'Chloé Dubois', mail: 'chloe@northwind.example' });
    teams.addTeam({
      id: TEAM,
      tenantId: ENTRA,
      displayName: 'Research',
      owners: [TEAMS_ALICE],
      members: [TEAMS_OLGA, TEAMS_BORIS, TEAMS_CHLOE],
      channels: [{ id: '19:design-general@thread.tacv2', displayName: 'General' }],
    });

    const database = await aServerDatabase('steward-day-one-');
    config = loadConfig({
      ...database.env,
      PORT: '0',
      HOST: '127.0.0.1',
      STEWARD_DEMO: 'false',
      // What the administrator configures: one organisation of both, and its community manager.
      STEWARD_WORKSPACES: `slack:${SLACK_TEAM},teams:${ENTRA}`,
      STEWARD_ORGANISATION_NAME: 'Northwind',
      STEWARD_COMMUNITY_MANAGERS: 'carla@northwind.example',
      ...fakeSlackSettings(slack, SLACK_TOKEN),
      ...fakeTeamsSettings(teams, openIdMetadataUrl),
    });
    openStore = database.openStore;
    cleanup = database.drop;
    await theFirstDay();
  }, 120_000);

  afterAll(async () => {
    await cleanup?.();
    await slack.stop();
    await teams.stop();
    await issuer.stop();
  });

  const teamsActivity = (name: TeamsFixtureName, fill: Record<string, string> = {}) =>
    teamsFixture(name, {
      __TENANT__: ENTRA,
      __TEAM__: TEAM,
      __SERVICE_URL__: serviceUrl,
      __APP_ID__: FAKE_APP.id,
      ...fill,
    });
  const postToTeams = (url: string, body: string) => postToTeamsEndpoint(url, issuer, serviceUrl, body);

  /**
   * The day, through the server: the app is added to #design by Alice and installed in the Research
   * team by Olga; then a message, a reply and a reaction on each. The server stops once its inbox is
   * empty: each test reads what it left.
   */
  async function theFirstDay(): Promise<void> {
    const steward = await startSteward(config, createLogger('silent', false));
    try {
      const added = slackFixture('member-joined-channel.json', { U0CHLOE: slack.botUserId, Ev0JOIN1: 'Ev0BOTJOIN1' });
      expect((await postToSlackEndpoint(steward.url, asEvent(added))).status).toBe(200);
      expect(
        (await postToTeams(steward.url, teamsActivity('installation-update-team.json', { __FROM_AAD__: TEAMS_OLGA })))
          .status,
      ).toBe(200);
      const tenantId = (await steward.store.installations.find('slack', SLACK_TEAM))!.tenantId;
      await eventually(async () => expect((await steward.store.groups.list(tenantId)).length).toBe(2), 15_000);
      for (const fixture of ['message.json', 'thread-reply.json', 'reaction-added.json']) {
        expect(
          (await postToSlackEndpoint(steward.url, asEvent(slackFixture(fixture, { U0CHLOE: 'U0CARLA' })))).status,
        ).toBe(200);
      }
      const onTeams = [
        teamsActivity('channel-message-thread-ids.json'),
        teamsActivity('channel-reply-thread-ids.json'),
        teamsActivity('message-reaction.json', { __REPLY_TO__: '1772452800999' }),
      ];
      for (const body of onTeams) expect((await postToTeams(steward.url, body)).status).toBe(200);
      await eventually(async () => {
        const health = (await (await fetch(`${steward.url}/healthz`)).json()) as { inbox: { pending: number } };
        expect(health.inbox.pending).toBe(0);
      }, 15_000);
    } finally {
      await steward.stop();
    }
  }

  it('makes a channel and a team groups of one organisation, owned by one Alice, with activity landing on both', async () => {
    const store = await openStore();
    try {
      const tenantId = (await store.installations.find('slack', SLACK_TEAM))!.tenantId;
      expect((await store.installations.find('teams', ENTRA))?.tenantId).toBe(tenantId);
      expect((await store.tenants.get(tenantId))?.name).toBe('Northwind');
      const groups = await store.groups.list(tenantId);
      expect(groups.map((g) => g.name).sort()).toEqual(['#design', 'Research']);
      const [design, research] = [
        groups.find((g) => g.name === '#design')!,
        groups.find((g) => g.name === 'Research')!,
      ];

      // Alice added the app to #design and made it; she owns Research in Teams: one person owns both.
      const alice = (await store.people.findByEmail(tenantId, 'alice@northwind.example'))!;
      expect(alice.identities.map((i) => i.platform).sort()).toEqual(['slack', 'teams']);
      expect(design.ownerIds).toEqual([alice.id]);
      expect(research.ownerIds).toEqual([alice.id]);

      const counted = async (groupId: string) =>
        (await store.contributions.groupDays(tenantId, groupId, range)).reduce(
          (n, d) => ({
            posts: n.posts + d.posts,
            replies: n.replies + d.replies,
            reactions: n.reactions + d.reactions,
          }),
          { posts: 0, replies: 0, reactions: 0 },
        );
      expect(await counted(design.id)).toEqual({ posts: 1, replies: 1, reactions: 1 });
      expect(await counted(research.id)).toEqual({ posts: 1, replies: 1, reactions: 1 });
      expect(await store.inbox.countByStatus()).toEqual({ pending: 0, parked: 0 });
    } finally {
      await store.close();
    }
  });

  it('sends Alice one weekly card, not one per platform, and tells the community manager when she lets it pass', async () => {
    // The weeks pass on a clock in the test's hands: the server is down, its store and the platforms are up.
    const store = await openStore();
    try {
      const clock = new WallClock('2027-01-04T12:00:00Z');
      const deps = { store, clock };
      const tenantId = (await store.installations.find('slack', SLACK_TEAM))!.tenantId;
      const alice = (await store.people.findByEmail(tenantId, 'alice@northwind.example'))!;
      const carla = (await store.people.findByEmail(tenantId, 'carla@northwind.example'))!;
      expect(carla.roles).toContain('community_manager');
      const platforms = platformsOnFakes({ slack, slackToken: SLACK_TOKEN, teams, serviceUrl, store });
      const cardsTo = (person: Person) => {
        const slackId = person.identities.find((i) => i.platform === 'slack')?.userId;
        const teamsId = person.identities.find((i) => i.platform === 'teams')?.userId;
        const onSlack = slack
          .callsTo('chat.postMessage')
          .filter((call) => call.outcome === 'ok' && call.params['channel'] === slackId).length;
        const onTeams = teamsId ? (teams.conversationWith(teamsId)?.activities.length ?? 0) : 0;
        return onSlack + onTeams;
      };
      const week = async (mondayNoon: string) => {
        clock.set(mondayNoon);
        await sendDueWeeklyHours(deps);
        while ((await deliverOutbox(deps, platforms, silentLogger)) > 0);
      };

      const [aliceBefore, carlaBefore] = [cardsTo(alice), cardsTo(carla)];
      await week('2027-01-04T12:00:00Z');
      expect(cardsTo(alice) - aliceBefore).toBe(1);
      expect(cardsTo(carla) - carlaBefore).toBe(0);
      // Alice does nothing with her card, three weeks in a row: Carla is told, once.
      await week('2027-01-11T12:00:00Z');
      await week('2027-01-18T12:00:00Z');
      await week('2027-01-25T12:00:00Z');
      expect(cardsTo(alice) - aliceBefore).toBe(4);
      expect(cardsTo(carla) - carlaBefore).toBeGreaterThanOrEqual(1);
      const told = slack
        .callsTo('chat.postMessage')
        .filter((call) => call.outcome === 'ok' && call.params['channel'] === 'U0CARLA');
      expect(JSON.stringify(told.at(-1)?.params)).toContain('Alice Martin');
    } finally {
      await store.close();
    }
  }, 120_000);
});
