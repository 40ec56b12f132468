import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutboxWorker } from '../../apps/server/src/outbox-worker.ts';
import { renderCard } from '../../apps/slack/src/render/block-kit.ts';
import { SlackPlatform } from '../../apps/slack/src/web/slack-platform.ts';
import { renderAdaptiveCard } from '../../apps/teams/src/render/adaptive-card.ts';
import { RateLimiter as TeamsRateLimiter } from '../../apps/teams/src/web/rate-limiter.ts';
import { TeamsPlatform } from '../../apps/teams/src/web/teams-platform.ts';
import {
  type Card,
  type CoreDeps,
  enqueueAll,
  type OutboxOperation,
  type Platform,
  type Store,
} from '../../core/src/index.ts';
import { openTemporaryEmbeddedStore } from '../support/embedded-store.ts';
import { eventually } from '../support/eventually.ts';
import { aTenant } from '../support/factories.ts';
import { FakeSlack } from '../support/fake-slack/index.ts';
import { FAKE_APP, FAKE_TENANT, FakeTeams } from '../support/fake-teams/index.ts';
import { scaledClock, scaledLimiterClock } from '../support/scaled-clock.ts';
import { silentLogger } from '../support/silent-logger.ts';
import { printFigures } from './figures.ts';

// Real seconds per platform second: the hour-long outage lasts 18 s (a shared CI machine keeps up with that), the fakes' rate windows,
// Retry-After, the limiters and the outbox's backoff all shrink alike.
const SCALE = 0.005;
const HOUR_S = 3_600;
const OWNERS = 30;
const WORKSPACE = { id: 'T0OUTAGE', token: 'xoxb-outage', scopes: null };
const SLACK_CHANNEL = 'C0GENERAL';
const TEAM = 'd0000000-0000-4000-8000-00000000team';
const TEAM_GENERAL = '19:outage-general@thread.tacv2';
const slackUsers = Array.from({ length: OWNERS }, (_, n) => `U0OWNER${n}`);
const teamsUsers = Array.from({ length: OWNERS }, (_, n) => `a0000000-0000-4000-8000-${String(n).padStart(12, '0')}`);
const card = (title: string): Card => ({
  locale: 'en',
  title,
  summary: title,
  blocks: [{ kind: 'text', text: title }],
});

/**
 * An hour-long outage of Slack and of Microsoft at once, on sped-up clocks: every call meets a 503,
 * a 429 with Retry-After or a dropped connection, round and round. The server's outbox worker (one
 * lane per platform, the default delivery policy) must lose nothing and send nothing twice:
 * deliveries are counted at the fakes.
 */
describe('an hour-long platform outage delays messages and loses none', () => {
  const slack = new FakeSlack({ timeScale: SCALE, workspaces: [WORKSPACE] });
  const teams = new FakeTeams({ timeScale: SCALE });
  let store: Store;
  let dispose: () => Promise<void>;

  beforeAll(async () => {
    await Promise.all([slack.start(), teams.start()]);
    ({ store, dispose } = await openTemporaryEmbeddedStore());
    for (const id of slackUsers) slack.addUser({ id, realName: id });
    slack.addChannel({ id: SLACK_CHANNEL, botIsMember: true });
    for (const [n, id] of teamsUsers.entries())
      teams.addUser({ id, tenantId: FAKE_TENANT.id, displayName: `Owner ${n}` });
    teams.addTeam({ id: TEAM, tenantId: FAKE_TENANT.id, channels: [{ id: TEAM_GENERAL, displayName: 'General' }] });
  });
  afterAll(async () => {
    await dispose();
    await Promise.all([slack.stop(), teams.stop()]);
  });

  it('delivers every card exactly once on both platforms once they are back', { timeout: 120_000 }, async () => {
    const deps: CoreDeps = { store, clock: scaledClock(new Date('2026-11-23T08:00:00Z'), SCALE) };
    await store.conversations.save({
      platform: 'teams',
      workspaceId: FAKE_TENANT.id,
      key: `team:${TEAM}`,
      conversationId: TEAM_GENERAL,
      serviceUrl: teams.serviceUrl(),
      updatedAt: deps.clock.now(),
    });
    const platforms = {
      slack: new SlackPlatform({
        tokenFor: async () => WORKSPACE.token,
        apiUrl: slack.url,
        render: renderCard,
        clock: scaledLimiterClock(SCALE),
      }),
      teams: new TeamsPlatform({
        appId: FAKE_APP.id,
        appPassword: FAKE_APP.secret,
        tokenUrl: teams.tokenUrl,
        graphUrl: teams.graphUrl,
        conversations: store.conversations,
        serviceUrlFor: async () => teams.serviceUrl(),
        render: renderAdaptiveCard,
        clock: deps.clock,
        limiter: new TeamsRateLimiter(scaledLimiterClock(SCALE)),
      }),
    };
    const faults = [{ status: 503 }, { status: 429, retryAfter: 30 }, { networkDrop: true as const }];
    slack.outage(HOUR_S, faults);
    teams.outage(HOUR_S, faults);
    const outageStarted = Date.now();

    const tenant = aTenant();
    await store.tenants.save(tenant);
    type Call = { platform: Platform; call: OutboxOperation; dedupeKey: string };
    const calls = (platform: Platform, users: readonly string[], workspaceId: string, group: string): Call[] => [
      ...users.map(
        (userId): Call => ({
          platform,
          call: {
            operation: 'send_card',
            payload: { to: { platform, workspaceId, userId }, card: card(`Weekly hour of ${userId}`) },
          },
          dedupeKey: `weekly:${userId}`,
        }),
      ),
      {
        platform,
        call: {
          operation: 'post_in_group',
          payload: { group: { platform, workspaceId, id: group }, card: card('Welcome') },
        },
        dedupeKey: `welcome:${group}`,
      },
    ];
    await enqueueAll(deps, tenant.id, [
      ...calls('slack', slackUsers, WORKSPACE.id, SLACK_CHANNEL),
      ...calls('teams', teamsUsers, FAKE_TENANT.id, TEAM),
    ]);

    const worker = new OutboxWorker(deps, platforms, silentLogger, 10);
    worker.start();
    const slackCards = () => slack.callsTo('chat.postMessage').filter((call) => call.outcome === 'ok');
    const teamsCards = () => teams.callsTo('sendActivity').filter((call) => call.status >= 200 && call.status < 300);
    try {
      await eventually(() => {
        expect(slackCards()).toHaveLength(OWNERS + 1);
        expect(teamsCards()).toHaveLength(OWNERS + 1);
      }, 90_000);
      // Longer than any retry could still be waiting: nothing more arrives.
      await new Promise((resolve) => setTimeout(resolve, 10 * 60_000 * SCALE));
    } finally {
      await worker.stop();
    }

    const fakeSecondsIn = (at: Date) => (at.getTime() - outageStarted) / 1000 / SCALE;
    const slackFailures = slack.calls.filter((call) => call.outcome !== 'ok');
    const teamsFailures = teams.calls.filter((call) => call.status === 0 || call.status >= 400);
    const expectedCards = 2 * (OWNERS + 1);
    // What arrived at the fakes: places that got a card, and cards in all.
    const teamsCounts = [
      ...teamsUsers.map((id) => teams.conversationWith(id)?.activities.length ?? 0),
      teams.channelPosts(TEAM_GENERAL).length,
    ];
    const reached =
      new Set(slack.messages.map((message) => message.channel)).size + teamsCounts.filter((count) => count > 0).length;
    const arrived = slack.messages.length + teamsCounts.reduce((sum, count) => sum + count, 0);
    const lastDelivery = Math.max(...[...slackCards(), ...teamsCards()].map((call) => fakeSecondsIn(call.at)));
    printFigures('an hour-long outage of Slack and Microsoft at once (sped-up clock, ×200)', [
      { name: 'cards enqueued (both platforms)', value: expectedCards },
      { name: 'failed calls during the outage', value: slackFailures.length + teamsFailures.length },
      { name: 'delivered', value: arrived, expected: String(expectedCards) },
      { name: 'lost', value: expectedCards - reached, expected: '0' },
      { name: 'sent twice', value: arrived - reached, expected: '0' },
      {
        name: 'last card after the outage began',
        value: `${Math.round(lastDelivery)} platform s`,
        expected: `< ${HOUR_S + 15 * 60}`,
      },
      { name: 'wall time', value: `${Math.round((Date.now() - outageStarted) / 1000)} s` },
    ]);

    expect(expectedCards - reached).toBe(0);
    expect(arrived - reached).toBe(0);
    // Once per person and per group, at the fakes.
    expect(
      slackCards()
        .map((call) => call.params['channel'])
        .sort(),
    ).toEqual([...slackUsers, SLACK_CHANNEL].sort());
    expect(slack.messages).toHaveLength(OWNERS + 1);
    for (const userId of teamsUsers) expect(teams.conversationWith(userId)?.activities).toHaveLength(1);
    expect(teams.channelPosts(TEAM_GENERAL)).toHaveLength(1);

    // The outage was real: it failed calls of every kind until its last minute, and nothing got
    // through before it ended; both platforms' messages went soon after it.
    expect(new Set(slackFailures.map((call) => call.outcome))).toEqual(
      new Set(['http_503', 'ratelimited', 'network_drop']),
    );
    expect(new Set(teamsFailures.map((call) => call.status))).toEqual(new Set([503, 429, 0]));
    for (const failures of [slackFailures, teamsFailures]) {
      expect(Math.max(...failures.map((call) => fakeSecondsIn(call.at)))).toBeGreaterThan(HOUR_S - 60);
    }
    for (const delivered of [slackCards(), teamsCards()]) {
      const seconds = delivered.map((call) => fakeSecondsIn(call.at));
      expect(Math.min(...seconds)).toBeGreaterThanOrEqual(HOUR_S - 1);
      expect(Math.max(...seconds)).toBeLessThan(HOUR_S + 15 * 60);
    }

    // And the store agrees: every message sent, none failed, none waiting.
    expect(await store.outbox.listFailed(tenant.id, 100)).toEqual([]);
  });
});
