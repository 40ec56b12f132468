// Content review end to end (issue 11, item 2): a member flags a group's content as outdated, on
// Slack with the "Flag as outdated" message shortcut (a signed interaction, as Slack sends it) and
// on Teams with the message action (a composeExtension/submitAction invoke with a Bot Framework
// token). The owner's next weekly card, sent through the outbox to each fake on a clock in the
// test's hands, says who flagged it; Update asks the item's author, on their platform, with the
// link, once a week; Keep clears the flag; an interval set from the card changes when it is next due.
// On PostgreSQL when TEST_DATABASE_URL is set, else on embedded PGlite.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../apps/server/src/logger.ts';
import { startSteward } from '../../apps/server/src/steward.ts';
import {
  actionValue,
  type ContentItem,
  type CoreDeps,
  deliverOutbox,
  isoWeekOf,
  newId,
  type Person,
  performCardAction,
  type Store,
  sendDueWeeklyHours,
  viewWeeklyHour,
} from '../../core/src/index.ts';
import { LocalBotFrameworkIssuer } from '../support/bot-framework-auth.ts';
import { type StagedCompany, stageCompanyOnBothFakes } from '../support/company-on-both-fakes.ts';
import { eventually } from '../support/eventually.ts';
import { platformsOnFakes } from '../support/fake-platforms.ts';
import { FakeSlack } from '../support/fake-slack/index.ts';
import { FAKE_APP, FAKE_TENANT, FakeTeams } from '../support/fake-teams/index.ts';
import { NORTHWIND_ON_SLACK, NORTHWIND_ON_TEAMS, NORTHWIND_TEAMS_IDS } from '../support/northwind.ts';
import { silentLogger } from '../support/silent-logger.ts';
import { asEvent, asForm, postToSlackEndpoint, slackFixture } from '../support/slack-requests.ts';
import { WallClock } from '../support/wall-clock.ts';

const SLACK_TEAM = 'T0STEWARD';
const SLACK_TOKEN = 'xoxb-content-review';
const ENTRA = FAKE_TENANT.id;
const TEAM = 'de51e000-0000-4000-8000-0000000000cc';
const TEAMS_OLGA = NORTHWIND_TEAMS_IDS.olga;
const TEAMS_BORIS = NORTHWIND_TEAMS_IDS.boris;
const TEAMS_CHLOE = NORTHWIND_TEAMS_IDS.chloe;
const PINNED_TS = '1772445600.000200';
const PERMALINK = `https://northwind.slack.com/archives/C0DESIGN/p${PINNED_TS.replace('.', '')}`;
const ROTA = 'https://northwind.sharepoint.com/sites/research/Shared%20Documents/rota.docx';
const DAY_MS = 86_400_000;
const serverUrl = process.env['TEST_DATABASE_URL'];

/** Monday noon UTC of the week after next: every owner's card of that week is due by then. */
function aMondayAhead(now = new Date()): Date {
  const daysToMonday = (8 - now.getUTCDay()) % 7 || 7;
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + daysToMonday + 7, 12));
}

describe(`Content flagged as outdated reaches the owner's card on Slack and Teams (${serverUrl ? 'PostgreSQL' : 'embedded PGlite'})`, () => {
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
            NORTHWIND_ON_SLACK.alice,
            {
              id: 'U0BORIS',
              realName: 'Boris Ivanov',
              email: 'boris@northwind.example',
              tz: 'Europe/Paris',
              locale: 'en-GB',
            },
            NORTHWIND_ON_SLACK.carla,
          ],
        },
        teams: {
          people: [NORTHWIND_ON_TEAMS.olga, NORTHWIND_ON_TEAMS.boris, NORTHWIND_ON_TEAMS.chloe],
          team: {
            id: TEAM,
            owners: [TEAMS_OLGA],
            members: [TEAMS_BORIS, TEAMS_CHLOE],
          },
        },
        databasePrefix: 'steward-content-review-',
      },
    );
    const steward = await startSteward(company.config, createLogger('silent', false));
    try {
      await theMembersFlagContent(steward);
    } finally {
      await steward.stop();
    }
  }, 120_000);

  afterAll(async () => {
    await company?.stop();
  });

  const inboxEmpty = async (url: string) =>
    eventually(async () => {
      const health = (await (await fetch(`${url}/healthz`)).json()) as { inbox: { pending: number } };
      expect(health.inbox.pending).toBe(0);
    }, 15_000);

  /**
   * Through the server: the app joins #design (Alice's) and Research (Olga's). Carla's message in
   * #design is pinned; Boris flags it with the message shortcut. On Teams, Chloé flags the rota,
   * a file of the team, with the message action on a message linking it.
   */
  async function theMembersFlagContent(steward: Awaited<ReturnType<typeof startSteward>>): Promise<void> {
    const joined = slackFixture('member-joined-channel.json', { U0CHLOE: slack.botUserId, Ev0JOIN1: 'Ev0BOTJOIN1' });
    expect((await postToSlackEndpoint(steward.url, asEvent(joined))).status).toBe(200);
    expect(
      (
        await company.postToTeams(
          steward.url,
          company.teamsActivity('installation-update-team.json', { __FROM_AAD__: TEAMS_OLGA }),
        )
      ).status,
    ).toBe(200);
    const slackTenant = await eventually(
      async () => (await steward.store.installations.find('slack', SLACK_TEAM))!.tenantId,
      15_000,
    );
    const teamsTenant = await eventually(
      async () => (await steward.store.installations.find('teams', ENTRA))!.tenantId,
      15_000,
    );
    await eventually(async () => expect(await steward.store.groups.list(slackTenant)).toHaveLength(1), 15_000);
    const [research] = await eventually(async () => {
      const groups = await steward.store.groups.list(teamsTenant);
      expect(groups).toHaveLength(1);
      return groups;
    }, 15_000);
    await inboxEmpty(steward.url);

    // …/events/pin_added: the pinned message, its writer and its permalink.
    const pinned = {
      token: 'XXYYZZ',
      team_id: SLACK_TEAM,
      api_app_id: 'A0STEWARD',
      type: 'event_callback',
      event_id: 'Ev0PIN1',
      event_time: Math.floor(Date.now() / 1000),
      event: {
        type: 'pin_added',
        user: 'U0ALICE',
        channel_id: 'C0DESIGN',
        item: {
          type: 'message',
          channel: 'C0DESIGN',
          created: 1772445601,
          created_by: 'U0ALICE',
          message: { type: 'message', user: 'U0CARLA', ts: PINNED_TS, text: 'On-call rota', permalink: PERMALINK },
        },
        event_ts: (Date.now() / 1000).toFixed(6),
      },
    };
    expect((await postToSlackEndpoint(steward.url, asEvent(JSON.stringify(pinned)))).status).toBe(200);
    await inboxEmpty(steward.url);

    // …/reference/interaction-payloads/shortcuts#message_actions, form-encoded as `payload`.
    const shortcut = {
      type: 'message_action',
      token: 'XXYYZZ',
      action_ts: (Date.now() / 1000).toFixed(6),
      team: { id: SLACK_TEAM, domain: 'northwind' },
      user: { id: 'U0BORIS', username: 'boris', team_id: SLACK_TEAM },
      channel: { id: 'C0DESIGN', name: 'design' },
      is_enterprise_install: false,
      enterprise: null,
      callback_id: 'flag_outdated',
      trigger_id: '1772463900.1234567890.abcdef0123456789',
      response_url: slack.responseUrl('flag'),
      message_ts: PINNED_TS,
      message: { type: 'message', user: 'U0CARLA', ts: PINNED_TS, text: 'On-call rota' },
    };
    expect((await postToSlackEndpoint(steward.url, asForm({ payload: JSON.stringify(shortcut) }))).status).toBe(200);
    await eventually(async () => expect(JSON.stringify(slack.responses)).toContain('marked outdated'), 15_000);

    // A file of the team, as the inventory sync keeps it, made by Boris.
    const borisOnTeams = await eventually(
      async () =>
        (await steward.store.people.findByIdentity(teamsTenant, {
          platform: 'teams',
          workspaceId: ENTRA,
          userId: TEAMS_BORIS,
        }))!,
      15_000,
    );
    await steward.store.contentItems.save({
      id: newId(),
      tenantId: teamsTenant,
      groupId: research!.id,
      kind: 'file',
      platformRef: { platform: 'teams', workspaceId: ENTRA, id: 'rota.docx' },
      title: 'Rota',
      link: ROTA,
      lastChangedAt: new Date(),
      lastReviewedAt: null,
      reviewIntervalDays: null,
      state: 'active',
      authorId: borisOnTeams.id,
    });
    // learn.microsoft.com/microsoftteams/platform/messaging-extensions/how-to/action-commands/respond-to-task-module-submit
    const invoke = {
      type: 'invoke',
      name: 'composeExtension/submitAction',
      id: 'f:flag-outdated-1',
      timestamp: new Date().toISOString(),
      serviceUrl: company.serviceUrl,
      channelId: 'msteams',
      from: { id: '29:1chloe-bf-id', name: 'Chloé Dubois', aadObjectId: TEAMS_CHLOE },
      conversation: {
        isGroup: true,
        conversationType: 'channel',
        tenantId: ENTRA,
        id: '19:design-general@thread.tacv2;messageid=1772452800000',
      },
      recipient: { id: `28:${FAKE_APP.id}`, name: 'Group Steward' },
      channelData: {
        tenant: { id: ENTRA },
        team: { id: '19:design-general@thread.tacv2', aadGroupId: TEAM },
        channel: { id: '19:design-general@thread.tacv2' },
        source: { name: 'message' },
      },
      value: {
        commandId: 'flagOutdated',
        commandContext: 'message',
        data: { note: 'Olga left the rota in May' },
        messagePayload: {
          id: '1772452800000',
          linkToMessage: 'https://teams.microsoft.com/l/message/19:design-general@thread.tacv2/1772452800000',
          body: {
            contentType: 'html',
            content: `<p>This week's <a href="${ROTA.replaceAll('&', '&amp;')}">rota</a></p>`,
          },
          from: { user: { id: TEAMS_BORIS, displayName: 'Boris Ivanov' } },
        },
      },
    };
    const flagged = await company.postToTeams(steward.url, JSON.stringify(invoke));
    expect(flagged.status).toBe(200);
    expect(JSON.stringify(await flagged.json())).toContain('marked outdated');
  }

  /** The week's cards on the test's clock, delivered to both fakes. */
  async function aWeekLater(store: Store) {
    const clock = new WallClock(aMondayAhead().toISOString());
    const deps: CoreDeps = { store, clock };
    const platforms = platformsOnFakes({
      slack,
      slackToken: SLACK_TOKEN,
      teams,
      serviceUrl: company.serviceUrl,
      store,
    });
    const deliver = async () => {
      while ((await deliverOutbox(deps, platforms, silentLogger)) > 0);
    };
    await sendDueWeeklyHours(deps);
    await deliver();
    return { clock, deps, deliver };
  }

  const slackTo = (user: string) =>
    slack
      .callsTo('chat.postMessage')
      .filter((call) => call.outcome === 'ok' && call.params['channel'] === user)
      .map((call) => JSON.stringify(call.params));
  const teamsTo = (user: string) =>
    (teams.conversationWith(user)?.activities ?? []).map((activity) => JSON.stringify(activity));

  /** Keep, Update and the item's own interval, pressed on the owner's card as the edges pass them. */
  async function reviewOnTheCard(
    deps: CoreDeps,
    clock: WallClock,
    owner: Person,
    item: ContentItem,
    deliver: () => Promise<void>,
  ) {
    const on = { ownerId: owner.id, week: isoWeekOf(clock.now(), owner.timeZone) };
    const press = (id: 'content_item.keep' | 'content_item.update' | 'content_item.set_interval', input?: string) =>
      performCardAction(deps, owner, { id, value: actionValue([item.id], on), ...(input ? { input } : {}) });

    const update = await press('content_item.update');
    expect(update.ok).toBe(true);
    await deliver();
    const again = await press('content_item.update');
    expect(again.ok ? 'sent twice' : again.code).toBe('already_acted');

    const kept = await press('content_item.keep');
    expect(kept.ok).toBe(true);
    expect(JSON.stringify(kept)).not.toContain('Flagged as outdated');
    expect((await deps.store.contentItems.get(item.tenantId, item.id))?.flag).toBeNull();

    const timed = await press('content_item.set_interval', '2');
    expect(timed.ok).toBe(true);
    expect((await deps.store.contentItems.get(item.tenantId, item.id))?.reviewIntervalDays).toBe(2);
    const bad = await press('content_item.set_interval', '0');
    expect(bad.ok ? 'accepted' : bad.code).toBe('invalid_input');

    // Kept today with its own 2 days: not due tomorrow, due in three days (the group's is 90).
    const listed = async () =>
      JSON.stringify(await viewWeeklyHour(deps, owner, on)).includes(actionValue([item.id], on));
    clock.advance(DAY_MS);
    expect(await listed()).toBe(false);
    clock.advance(2 * DAY_MS);
    expect(await listed()).toBe(true);
  }

  it('puts the flag on the owner’s next card on both platforms; Update asks the author with the link; Keep clears it; the card’s interval times the next review', async () => {
    const store = await company.openStore();
    try {
      const slackTenant = (await store.installations.find('slack', SLACK_TEAM))!.tenantId;
      const teamsTenant = (await store.installations.find('teams', ENTRA))!.tenantId;
      const alice = (await store.people.findByIdentity(slackTenant, {
        platform: 'slack',
        workspaceId: SLACK_TEAM,
        userId: 'U0ALICE',
      }))!;
      const carla = (await store.people.findByIdentity(slackTenant, {
        platform: 'slack',
        workspaceId: SLACK_TEAM,
        userId: 'U0CARLA',
      }))!;
      const olga = (await store.people.findByIdentity(teamsTenant, {
        platform: 'teams',
        workspaceId: ENTRA,
        userId: TEAMS_OLGA,
      }))!;
      const [design] = await store.groups.list(slackTenant);
      const [research] = await store.groups.list(teamsTenant);
      const [pin] = await store.contentItems.listByGroup(slackTenant, design!.id, 'active');
      const [rota] = await store.contentItems.listByGroup(teamsTenant, research!.id, 'active');
      // The pin event said who wrote the message; each flag says who, and the Teams one why.
      expect(pin).toMatchObject({ kind: 'pinned_message', link: PERMALINK, authorId: carla.id, flag: { note: null } });
      expect(rota?.flag).toMatchObject({ note: 'Olga left the rota in May' });

      const { clock, deps, deliver } = await aWeekLater(store);
      expect(slackTo('U0ALICE').join()).toContain('Flagged as outdated by Boris Ivanov');
      expect(teamsTo(TEAMS_OLGA).join()).toContain('Flagged as outdated by Chloé Dubois');
      expect(teamsTo(TEAMS_OLGA).join()).toContain('Olga left the rota in May');

      await reviewOnTheCard(deps, clock, alice, pin!, deliver);
      const askedCarla = slackTo('U0CARLA');
      expect(askedCarla).toHaveLength(1);
      expect(askedCarla[0]).toContain(PERMALINK);
      expect(askedCarla[0]).toContain('Alice Martin asks you to update');

      await reviewOnTheCard(deps, clock, olga, rota!, deliver);
      const askedBoris = teamsTo(TEAMS_BORIS);
      expect(askedBoris).toHaveLength(1);
      expect(askedBoris[0]).toContain(ROTA);

      const audited = await store.audit.list(slackTenant, { subjectId: pin!.id, limit: 20 });
      expect(audited.map((e) => e.action)).toEqual(
        expect.arrayContaining([
          'content_item.flagged',
          'content_item.update_asked',
          'content_item.kept',
          'content_item.interval_set',
        ]),
      );
    } finally {
      await store.close();
    }
  }, 120_000);
});
