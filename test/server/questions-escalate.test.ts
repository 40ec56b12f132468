// Questions get answered (issue 11, item 3), end to end on both fakes, on a controlled clock. A
// company on Slack and Teams, one organisation, Carla its community manager. Through real signed
// HTTP, the app joins #design (Alice's) and the Research team (Alice owns it in Teams); people
// answer in threads for two weeks, then Erin asks two questions in #design and Chloé one in
// Research. The server then stops, and the ladder runs on a clock in the test's hands against the
// platforms' fakes: past 24 h the owner is reminded, past 48 h the most frequent answerers (never
// the asker) are asked to help in their language, past 72 h the question is in Carla's digest. One
// of Erin's questions is answered in between (through the server again): it stops climbing.
// On PostgreSQL when TEST_DATABASE_URL is set, else on embedded PGlite.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../apps/server/src/logger.ts';
import { startSteward } from '../../apps/server/src/steward.ts';
import { deliverOutbox, escalateQuestions, type Store, sendDueDigests } from '../../core/src/index.ts';
import { LocalBotFrameworkIssuer } from '../support/bot-framework-auth.ts';
import { type StagedCompany, stageCompanyOnBothFakes } from '../support/company-on-both-fakes.ts';
import { eventually } from '../support/eventually.ts';
import { platformsOnFakes } from '../support/fake-platforms.ts';
import { FakeSlack } from '../support/fake-slack/index.ts';
import { FAKE_APP, FAKE_TENANT, FakeTeams } from '../support/fake-teams/index.ts';
import {
  NORTHWIND_ON_SLACK,
  NORTHWIND_ON_TEAMS,
  NORTHWIND_SLACK_IDS,
  NORTHWIND_TEAMS_IDS,
} from '../support/northwind.ts';
import { silentLogger } from '../support/silent-logger.ts';
import { slackMessageEvent } from '../support/slack-message-events.ts';
import { asEvent, postToSlackEndpoint, slackFixture } from '../support/slack-requests.ts';
import {
  channelMessage,
  inGeneralChannel,
  placeholders,
  type TeamsActivity,
  type TeamsPlace,
  teamsActivity,
} from '../support/teams-activities.ts';
import { WallClock } from '../support/wall-clock.ts';

const SLACK_TEAM = 'T0STEWARD';
const SLACK_TOKEN = 'xoxb-questions';
const ENTRA = FAKE_TENANT.id;
const TEAM = 'de51e000-0000-4000-8000-0000000000cc';
const CHANNEL = '19:research-general@thread.tacv2';
const TEAMS = NORTHWIND_TEAMS_IDS;
const SLACK = NORTHWIND_SLACK_IDS;
const serverUrl = process.env['TEST_DATABASE_URL'];

const HOUR = 3_600_000;
/** When the three questions are asked: Monday 16 November 2026, 10:00 UTC (group targets: 24 h). */
const ASKED = new Date('2026-11-16T10:00:00Z');
const after = (hours: number) => new Date(ASKED.getTime() + hours * HOUR).toISOString();
const slackTs = (iso: string, n = 0) =>
  `${Math.floor(new Date(iso).getTime() / 1000)}.${String(100 + n).padStart(6, '0')}`;
const Q1 = slackTs(after(0), 1);
const Q2 = slackTs(after(0), 2);
const Q3 = String(ASKED.getTime() + 3);

/**
 * Replies in a thread of #design over the two weeks before (days of November, one reply a day):
 * Erin answers most, but she asks the questions; then Boris, Dmitri and Gina. Frank only posts.
 */
const SLACK_REPLIES: Readonly<Record<string, readonly number[]>> = {
  [SLACK.erin]: [2, 3, 4, 5, 6],
  [SLACK.boris]: [2, 4, 6, 9],
  [SLACK.dmitri]: [3, 5, 10],
  [SLACK.gina]: [11],
};
/** Replies in a thread of Research: Boris, then Olga; Chloé asks. */
const TEAMS_REPLIES: Readonly<Record<string, readonly number[]>> = { [TEAMS.boris]: [3, 4, 5], [TEAMS.olga]: [6, 9] };
const day = (n: number, hour = 9) => `2026-11-${String(n).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00Z`;

describe(`Unanswered questions climb the ladder on Slack and Teams (${serverUrl ? 'PostgreSQL' : 'embedded PGlite'})`, () => {
  const slack = new FakeSlack();
  const teams = new FakeTeams();
  const issuer = new LocalBotFrameworkIssuer();
  let company: StagedCompany;
  let eventNumber = 0;

  beforeAll(async () => {
    const people = NORTHWIND_ON_SLACK;
    company = await stageCompanyOnBothFakes(
      { slack, teams, issuer },
      {
        slack: {
          workspace: SLACK_TEAM,
          token: SLACK_TOKEN,
          people: [
            { ...people.alice, tz: 'Europe/London' },
            people.boris,
            people.dmitri,
            people.erin,
            people.gina,
            people.frank,
            people.carla,
          ],
        },
        teams: {
          people: [
            NORTHWIND_ON_TEAMS.alice,
            NORTHWIND_ON_TEAMS.olga,
            { ...NORTHWIND_ON_TEAMS.boris, displayName: 'Boris Lefèvre' },
            NORTHWIND_ON_TEAMS.chloe,
          ],
          team: {
            id: TEAM,
            owners: [TEAMS.alice],
            members: [TEAMS.olga, TEAMS.boris, TEAMS.chloe],
            channels: [{ id: CHANNEL, displayName: 'General' }],
          },
        },
        databasePrefix: 'steward-questions-',
        settings: {
          STEWARD_WORKSPACES: `slack:${SLACK_TEAM},teams:${ENTRA}`,
          STEWARD_ORGANISATION_NAME: 'Northwind',
          STEWARD_COMMUNITY_MANAGERS: 'carla@northwind.example',
        },
      },
    );
    await throughTheServer(async (url) => {
      const added = slackFixture('member-joined-channel.json', { U0CHLOE: slack.botUserId, Ev0JOIN1: 'Ev0BOTJOIN1' });
      expect((await postToSlackEndpoint(url, asEvent(added))).status).toBe(200);
      expect((await postToTeams(url, installedBy(TEAMS.olga))).status).toBe(200);
      await eventually(async () => {
        const installation = await (await openedStoreOf(url)).installations.find('slack', SLACK_TEAM);
        expect(installation).not.toBeNull();
      }, 15_000);
    });
    await throughTheServer(async (url) => {
      const root = slackTs(day(2, 8));
      await postSlack(url, slackMessage(SLACK.alice, root, 'Kick-off notes for the redesign'));
      for (const [user, days] of Object.entries(SLACK_REPLIES)) {
        for (const d of days)
          await postSlack(url, slackMessage(user, slackTs(day(d), eventNumber), 'Added my part', root));
      }
      await postSlack(url, slackMessage(SLACK.frank, slackTs(day(12)), 'Holiday photos'));
      await postSlack(url, slackMessage(SLACK.erin, Q1, 'Where do the new icons live?'));
      await postSlack(url, slackMessage(SLACK.erin, Q2, 'Who signs off the palette?'));

      const teamsRoot = String(new Date(day(2, 8)).getTime());
      await postTeams(url, TEAMS.alice, teamsRoot, day(2, 8), 'Research plan for the quarter', null, 'en-GB');
      for (const [aad, days] of Object.entries(TEAMS_REPLIES)) {
        for (const d of days)
          await postTeams(
            url,
            aad,
            String(new Date(day(d)).getTime() + eventNumber),
            day(d),
            'Noted',
            teamsRoot,
            aad === TEAMS.olga ? 'ru-RU' : 'fr-FR',
          );
      }
      await postTeams(url, TEAMS.chloe, Q3, ASKED.toISOString(), 'Which survey tool do we use?', null, 'en-GB');
    });
  }, 180_000);

  afterAll(async () => {
    await company?.stop();
  });

  // ——— the platforms' side, through the server ———

  const stores = new Map<string, Store>();
  const openedStoreOf = async (url: string) => stores.get(url)!;

  /** Starts the server, does `work` with its address, waits for its inbox to empty, stops it. */
  async function throughTheServer(work: (url: string) => Promise<void>): Promise<void> {
    const steward = await startSteward(company.config, createLogger('silent', false));
    stores.set(steward.url, steward.store);
    try {
      await work(steward.url);
      await eventually(async () => {
        const health = (await (await fetch(`${steward.url}/healthz`)).json()) as {
          inbox: { pending: number; parked: number };
        };
        expect(health.inbox).toEqual({ pending: 0, parked: 0 });
      }, 20_000);
    } finally {
      stores.delete(steward.url);
      await steward.stop();
    }
  }

  /** A message in #design (a reply when `threadTs` is given), at the Slack timestamp `ts`. */
  function slackMessage(user: string, ts: string, text: string, threadTs?: string): string {
    eventNumber += 1;
    return slackMessageEvent({
      user,
      ts,
      text,
      eventId: `Ev0Q${eventNumber}`,
      ...(threadTs ? { thread: { ts: threadTs, parentUser: SLACK.alice } } : {}),
    });
  }
  const postSlack = async (url: string, body: string) =>
    expect((await postToSlackEndpoint(url, asEvent(body))).status).toBe(200);

  const place = (): TeamsPlace => ({
    tenantId: ENTRA,
    teamId: TEAM,
    serviceUrl: company.serviceUrl,
    appId: FAKE_APP.id,
  });
  const postToTeams = (url: string, activity: TeamsActivity) => company.postToTeams(url, JSON.stringify(activity));
  /** The app added to the Research team by this person. */
  const installedBy = (aad: string) =>
    inGeneralChannel(
      teamsActivity('installation-update-team.json', { ...placeholders(place()), __FROM_AAD__: aad }),
      CHANNEL,
    );
  /** A message in Research's General channel (a reply when `replyTo` is given), as the Bot Connector sends it. */
  async function postTeams(
    url: string,
    aad: string,
    id: string,
    at: string,
    text: string,
    replyTo: string | null,
    locale: string,
  ): Promise<void> {
    eventNumber += 1;
    const activity = channelMessage(
      place(),
      { aadObjectId: aad, name: 'Someone' },
      { id, at, text, locale, channel: CHANNEL, teamByThreadIdOnly: true, ...(replyTo ? { replyTo } : {}) },
    );
    expect((await postToTeams(url, activity)).status).toBe(200);
  }

  // ——— the ladder, on the test's clock ———

  async function onTheClock(work: (run: (iso: string) => Promise<void>, store: Store) => Promise<void>): Promise<void> {
    const store = await company.openStore();
    try {
      const clock = new WallClock(ASKED.toISOString());
      const deps = { store, clock };
      const platforms = platformsOnFakes({
        slack,
        slackToken: SLACK_TOKEN,
        teams,
        serviceUrl: company.serviceUrl,
        store,
      });
      // Each run twice: a second run at the same instant must send nothing more.
      await work(async (iso) => {
        clock.set(iso);
        await escalateQuestions(deps);
        await escalateQuestions(deps);
        await sendDueDigests(deps);
        while ((await deliverOutbox(deps, platforms, silentLogger)) > 0);
      }, store);
    } finally {
      await store.close();
    }
  }

  /** What the bot posted to a Slack person, as the fake's API calls: the whole request as text. */
  const slackTo = (user: string) =>
    slack
      .callsTo('chat.postMessage')
      .filter((call) => call.outcome === 'ok' && call.params['channel'] === user)
      .map((call) => JSON.stringify(call.params));
  /** What the bot posted in its Teams 1:1 with a person, as text. */
  const teamsTo = (aad: string) =>
    (teams.conversationWith(aad)?.activities ?? []).map((activity) => JSON.stringify(activity));
  const about = (posts: readonly string[], ...words: string[]) =>
    posts.filter((post) => words.every((word) => post.includes(word)));
  const threadOf = (ts: string) => `https://app.slack.com/client/${SLACK_TEAM}/C0DESIGN/thread/C0DESIGN-${ts}`;

  it('reminds the owner past the target, asks the most frequent answerers past twice, lists the question for the manager past three times; an answer stops it', async () => {
    await onTheClock(async (run) => {
      await run(after(23));
      expect(about(slackTo(SLACK.alice), 'waiting for an answer')).toEqual([]);

      // Past 24 h: Alice is reminded of each question, on the platform of its group, with a link to answer.
      await run(after(25));
      const reminders = about(slackTo(SLACK.alice), 'A question in #design is waiting for an answer');
      expect(reminders).toHaveLength(2);
      expect(about(reminders, 'Erin Walsh', threadOf(Q1))).toHaveLength(1);
      expect(about(reminders, threadOf(Q2))).toHaveLength(1);
      expect(about(teamsTo(TEAMS.alice), 'A question in Research is waiting for an answer', 'Chlo')).toHaveLength(1);
      expect(slackTo(SLACK.boris)).toEqual([]);
    });

    // Q2 is answered before 48 h: Boris replies in its thread.
    await throughTheServer(async (url) =>
      postSlack(url, slackMessage(SLACK.boris, slackTs(after(30), 9), 'In the brand folder', Q2)),
    );

    await onTheClock(async (run) => {
      await run(after(47));
      expect(about(slackTo(SLACK.boris), 'help')).toEqual([]);

      // Past 48 h: the three who answer most in #design, Erin the asker aside, each in their language.
      await run(after(49));
      const askedOnSlack = (user: string) => about(slackTo(user), threadOf(Q1));
      expect(askedOnSlack(SLACK.boris)).toHaveLength(1);
      // Boris is on both platforms, his language learnt from whichever spoke first: Dmitri and Gina show the languages.
      expect(askedOnSlack(SLACK.dmitri)).toHaveLength(1);
      expect(askedOnSlack(SLACK.dmitri)[0]).toContain('Поможете ответить на вопрос в группе #design');
      expect(askedOnSlack(SLACK.gina)).toHaveLength(1);
      expect(askedOnSlack(SLACK.gina)[0]).toContain('Can you help with a question in #design?');
      expect(askedOnSlack(SLACK.erin)).toEqual([]);
      expect(askedOnSlack(SLACK.frank)).toEqual([]);
      // Q2 was answered: nobody is asked about it, and Alice was reminded of it once only.
      for (const user of Object.values(SLACK))
        expect(about(slackTo(user), threadOf(Q2))).toHaveLength(user === SLACK.alice ? 1 : 0);
      // On Teams: Boris and Olga answered in Research; Chloé asked.
      expect(about(teamsTo(TEAMS.boris), 'Research', 'Chlo')).toHaveLength(1);
      expect(about(teamsTo(TEAMS.olga), 'Research', 'Chlo')).toHaveLength(1);
      expect(teamsTo(TEAMS.chloe)).toEqual([]);

      // The digest of this week went on Monday, before any question waited that long.
      expect(about(slackTo(SLACK.carla), 'Questions waiting longest')).toEqual([]);
      // Past 72 h the questions go to the digest: nothing is sent for it now, nor again, however many runs come.
      const sent =
        slack.callsTo('chat.postMessage').length +
        teamsTo(TEAMS.alice).length +
        teamsTo(TEAMS.boris).length +
        teamsTo(TEAMS.olga).length;
      await run(after(73));
      await run(after(100));
      expect(
        slack.callsTo('chat.postMessage').length +
          teamsTo(TEAMS.alice).length +
          teamsTo(TEAMS.boris).length +
          teamsTo(TEAMS.olga).length,
      ).toBe(sent);

      // Next Monday, 09:30 in Rome: Carla's digest lists the two questions still waiting, with their group, age and thread.
      await run('2026-11-23T08:30:00Z');
      const digests = about(slackTo(SLACK.carla), 'Questions waiting longest');
      expect(digests).toHaveLength(1);
      expect(digests[0]).toContain(threadOf(Q1));
      expect(digests[0]).toContain(`${threadOf(Q1)}|#design: waiting for 7 d>`);
      expect(digests[0]).toContain('|Research: waiting for 7 d>');
      expect(digests[0]).not.toContain(threadOf(Q2));
    });
  }, 180_000);
});
