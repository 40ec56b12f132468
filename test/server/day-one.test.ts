// A real install on its first day (issue "A real install works from day one", Done when): a company
// on Slack and Teams, linked into one organisation with a community manager named in the
// configuration. Through real signed HTTP against the fakes, the app is added to a Slack channel and
// a Teams team; both become groups with the right owners, and activity lands on them. The person who
// owns one group on each platform is one person, who gets one weekly card; when she lets her weekly
// hour pass, the community manager is told. On PostgreSQL when TEST_DATABASE_URL is set (as .ci/run
// does), else on embedded PGlite.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../apps/server/src/logger.ts';
import { startSteward } from '../../apps/server/src/steward.ts';
import { deliverOutbox, type Person, sendDueWeeklyHours } from '../../core/src/index.ts';
import { LocalBotFrameworkIssuer } from '../support/bot-framework-auth.ts';
import { type StagedCompany, stageCompanyOnBothFakes } from '../support/company-on-both-fakes.ts';
import { eventually } from '../support/eventually.ts';
import { platformsOnFakes } from '../support/fake-platforms.ts';
import { FakeSlack } from '../support/fake-slack/index.ts';
import { FAKE_TENANT, FakeTeams } from '../support/fake-teams/index.ts';
import { NORTHWIND_ON_SLACK, NORTHWIND_ON_TEAMS, NORTHWIND_TEAMS_IDS } from '../support/northwind.ts';
import { silentLogger } from '../support/silent-logger.ts';
import { asEvent, postToSlackEndpoint, slackFixture } from '../support/slack-requests.ts';
import { WallClock } from '../support/wall-clock.ts';

const SLACK_TEAM = 'T0STEWARD';
const SLACK_TOKEN = 'xoxb-day-one';
const ENTRA = FAKE_TENANT.id;
const TEAM = 'de51e000-0000-4000-8000-0000000000bb';
// The people of test/fixtures/teams' channel activities.
const TEAMS_ALICE = NORTHWIND_TEAMS_IDS.alice;
const TEAMS_BORIS = NORTHWIND_TEAMS_IDS.boris;
const TEAMS_CHLOE = NORTHWIND_TEAMS_IDS.chloe;
const TEAMS_OLGA = NORTHWIND_TEAMS_IDS.olga;
const range = { from: '2026-01-01', to: '2026-12-31' };
const serverUrl = process.env['TEST_DATABASE_URL'];

describe(`A company’s first day on Slack and Teams, as one organisation (${serverUrl ? 'PostgreSQL' : 'embedded PGlite'})`, () => {
  const slack = new FakeSlack();
  const teams = new FakeTeams();
  const issuer = new LocalBotFrameworkIssuer();
  let company: StagedCompany;

  beforeAll(async () => {
    company = await stageCompanyOnBothFakes(
      { slack, teams, issuer },
      {
        slack: {
          workspace: SLACK_TEAM,
          token: SLACK_TOKEN,
          people: [
            { ...NORTHWIND_ON_SLACK.alice, locale: 'fr-FR' },
            { id: 'U0BORIS', realName: 'Boris Ivanov', email: 'boris@northwind.example', tz: 'Europe/Paris' },
            NORTHWIND_ON_SLACK.carla,
          ],
        },
        teams: {
          people: [
            // Her e-mail as Graph has it, not as Slack does: one person all the same.
            { ...NORTHWIND_ON_TEAMS.alice, mail: 'Alice@Northwind.example' },
            NORTHWIND_ON_TEAMS.olga,
            NORTHWIND_ON_TEAMS.boris,
            NORTHWIND_ON_TEAMS.chloe,
          ],
          team: {
            id: TEAM,
            owners: [TEAMS_ALICE],
            members: [TEAMS_OLGA, TEAMS_BORIS, TEAMS_CHLOE],
          },
        },
        databasePrefix: 'steward-day-one-',
        // What the administrator configures: one organisation of both, and its community manager.
        settings: {
          STEWARD_WORKSPACES: `slack:${SLACK_TEAM},teams:${ENTRA}`,
          STEWARD_ORGANISATION_NAME: 'Northwind',
          STEWARD_COMMUNITY_MANAGERS: 'carla@northwind.example',
        },
      },
    );
    await theFirstDay();
  }, 120_000);

  afterAll(async () => {
    await company?.stop();
  });

  /**
   * The day, through the server: the app is added to #design by Alice and installed in the Research
   * team by Olga; then a message, a reply and a reaction on each. The server stops once its inbox is
   * empty: each test reads what it left.
   */
  async function theFirstDay(): Promise<void> {
    const steward = await startSteward(company.config, createLogger('silent', false));
    try {
      const added = slackFixture('member-joined-channel.json', { U0CHLOE: slack.botUserId, Ev0JOIN1: 'Ev0BOTJOIN1' });
      expect((await postToSlackEndpoint(steward.url, asEvent(added))).status).toBe(200);
      expect(
        (
          await company.postToTeams(
            steward.url,
            company.teamsActivity('installation-update-team.json', { __FROM_AAD__: TEAMS_OLGA }),
          )
        ).status,
      ).toBe(200);
      const tenantId = (await steward.store.installations.find('slack', SLACK_TEAM))!.tenantId;
      await eventually(async () => expect((await steward.store.groups.list(tenantId)).length).toBe(2), 15_000);
      for (const fixture of ['message.json', 'thread-reply.json', 'reaction-added.json']) {
        expect(
          (await postToSlackEndpoint(steward.url, asEvent(slackFixture(fixture, { U0CHLOE: 'U0CARLA' })))).status,
        ).toBe(200);
      }
      const onTeams = [
        company.teamsActivity('channel-message-thread-ids.json'),
        company.teamsActivity('channel-reply-thread-ids.json'),
        company.teamsActivity('message-reaction.json', { __REPLY_TO__: '1772452800999' }),
      ];
      for (const body of onTeams) expect((await company.postToTeams(steward.url, body)).status).toBe(200);
      await eventually(async () => {
        const health = (await (await fetch(`${steward.url}/healthz`)).json()) as { inbox: { pending: number } };
        expect(health.inbox.pending).toBe(0);
      }, 15_000);
    } finally {
      await steward.stop();
    }
  }

  it('makes a channel and a team groups of one organisation, owned by one Alice, with activity landing on both', async () => {
    const store = await company.openStore();
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
    const store = await company.openStore();
    try {
      const clock = new WallClock('2027-01-04T12:00:00Z');
      const deps = { store, clock };
      const tenantId = (await store.installations.find('slack', SLACK_TEAM))!.tenantId;
      const alice = (await store.people.findByEmail(tenantId, 'alice@northwind.example'))!;
      const carla = (await store.people.findByEmail(tenantId, 'carla@northwind.example'))!;
      expect(carla.roles).toContain('community_manager');
      const platforms = platformsOnFakes({
        slack,
        slackToken: SLACK_TOKEN,
        teams,
        serviceUrl: company.serviceUrl,
        store,
      });
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
