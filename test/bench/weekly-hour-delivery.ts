// Delivery for `npm run bench:weekly-hour`: the outbox's cards through the fake Slack and Teams
// with their published limits, by the edges' own platforms and rate limiters, and the least time
// those limits allow for the calls that were made.
import { setTimeout as sleep } from 'node:timers/promises';
import type pg from 'pg';
import { renderCard } from '../../apps/slack/src/render/block-kit.ts';
import { SlackPlatform } from '../../apps/slack/src/web/slack-platform.ts';
import { renderAdaptiveCard } from '../../apps/teams/src/render/adaptive-card.ts';
import { RateLimiter as TeamsRateLimiter } from '../../apps/teams/src/web/rate-limiter.ts';
import { TeamsPlatform } from '../../apps/teams/src/web/teams-platform.ts';
import {
  type ChatPlatform,
  type CoreDeps,
  type DeliveryPolicy,
  deliverOutbox,
  type Logger,
  type Platform,
} from '../../core/src/index.ts';
import type { PostgresStore } from '../../core/src/stores/postgres/index.ts';
import { type FakeMethod, FakeSlack, type FakeCall as SlackCall } from '../support/fake-slack/index.ts';
import { SLACK_LIMITS } from '../support/fake-slack/limits.ts';
import {
  FAKE_APP,
  FakeTeams,
  TEAMS_LIMITS,
  type FakeCall as TeamsCall,
  type Window,
} from '../support/fake-teams/index.ts';
import { scaledClock, scaledLimiterClock } from '../support/scaled-clock.ts';
import {
  isSlackOwner,
  type Layout,
  SLACK_TEAM,
  SLACK_TOKEN,
  slackUserId,
  TEAMS_TENANT,
  teamsUserId,
} from './weekly-hour-tenant.ts';

const seconds = (ms: number) => ms / 1000;
const fmt = (n: number) => n.toLocaleString('en', { maximumFractionDigits: 0 });

/** Retries and failures the outbox logged, by code: a clean run has none. */
function outcomeLogger(): { logger: Logger; outcomes: Map<string, number> } {
  const outcomes = new Map<string, number>();
  const count = (fields: object, what: string) => {
    const key = `${what} ${String((fields as { code?: unknown }).code)}`;
    outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
  };
  const logger: Logger = {
    debug: () => {},
    info: (fields, message) => void (message === 'platform call will be tried again' && count(fields, 'retried')),
    warn: (fields, message) => void (message === 'platform call failed for good' && count(fields, 'failed')),
    error: (fields) => count(fields, 'error'),
    child: () => logger,
  };
  return { logger, outcomes };
}

interface LimitUse {
  readonly limit: string;
  readonly calls: number;
  /** The least time, in the platform's seconds, from the first of these calls to the last. */
  readonly least: number;
}

/**
 * Calls ÷ rate. (A sliding window that starts empty lets one window's worth go at once, so the
 * strict least is up to one period shorter: 1% of the binding limits here.)
 */
const leastFor = (calls: number, limit: number, periodS: number) => (calls * periodS) / limit;

function busiest<T>(list: readonly T[], key: (item: T) => string): number {
  return list.length === 0 ? 0 : Math.max(...[...Map.groupBy(list, key).values()].map((items) => items.length));
}

/** What the fake Slack's limits (its limits.ts) allow for the calls it counted (all but its 429s). */
function slackLimitUses(calls: readonly SlackCall[]): LimitUse[] {
  const counted = calls.filter((call) => call.outcome !== 'ratelimited');
  const uses: LimitUse[] = [];
  for (const [method, list] of Map.groupBy(counted, (call) => call.method)) {
    const limit = SLACK_LIMITS[method as FakeMethod];
    if (!limit) continue;
    uses.push({
      limit: `${method} ${limit.perMinute}/min`,
      calls: list.length,
      least: leastFor(list.length, limit.perMinute, 60),
    });
    if (limit.perChannel) {
      const most = busiest(list, (call) => String(call.params['channel']));
      const least = leastFor(most, limit.perChannel.perSecond, 1);
      uses.push({ limit: `${method} ${limit.perChannel.perSecond}/s a channel`, calls: most, least });
    }
  }
  return uses;
}

/** What the fake Teams' limits (its limits.ts) allow for the Bot Connector calls it counted. */
function teamsLimitUses(calls: readonly TeamsCall[]): LimitUse[] {
  const counted = calls.filter((call) => call.service === 'connector' && call.status !== 429);
  const least = (n: number, windows: readonly Window[]) =>
    Math.max(...windows.map((w) => leastFor(n, w.limit, seconds(w.periodMs))));
  const tenant = TEAMS_LIMITS.tenant[0]!;
  const sends = busiest(
    counted.filter((c) => c.operation === 'sendActivity'),
    (call) => call.path.split('/activities')[0] ?? '',
  );
  const creates = busiest(
    counted.filter((c) => c.operation === 'createConversation'),
    (call) => JSON.stringify((call.body as { members?: unknown }).members),
  );
  return [
    {
      limit: `connector ${tenant.limit}/${seconds(tenant.periodMs)} s a tenant`,
      calls: counted.length,
      least: least(counted.length, TEAMS_LIMITS.tenant),
    },
    { limit: 'send, per 1:1 chat', calls: sends, least: least(sends, TEAMS_LIMITS.send) },
    { limit: 'create, per person', calls: creates, least: least(creates, TEAMS_LIMITS.create) },
  ];
}

interface PlatformFigures {
  readonly platform: Platform;
  readonly cards: number;
  /** Calls by method or operation, as the fake recorded them (429s included). */
  readonly calls: string;
  readonly uses: readonly LimitUse[];
  /** Platform seconds from the start of delivery to the last call. */
  readonly actual: number;
  readonly least: number;
  readonly throttled: number;
}

function platformFigures<C extends { readonly at: Date }>(
  platform: Platform,
  cards: number,
  scale: number,
  startedAt: number,
  calls: readonly C[],
  name: (call: C) => string,
  uses: LimitUse[],
  throttled: number,
): PlatformFigures {
  const last = calls.reduce((latest, call) => Math.max(latest, call.at.getTime()), startedAt);
  return {
    platform,
    cards,
    calls: [...Map.groupBy(calls, name)].map(([method, list]) => `${method} ${fmt(list.length)}`).join(', '),
    uses,
    actual: seconds(last - startedAt) / scale,
    least: Math.max(0, ...uses.map((use) => use.least)),
    throttled,
  };
}

const duration = (s: number) => (s >= 600 ? `${(s / 60).toFixed(1)} min` : `${s.toFixed(1)} s`);

export interface PassResult {
  readonly figures: readonly PlatformFigures[];
  /** Real milliseconds each platform's delivery took. */
  readonly realMs: Readonly<Partial<Record<Platform, number>>>;
  readonly outcomes: ReadonlyMap<string, number>;
}

export function printPass({ realMs, figures, outcomes }: PassResult): void {
  console.log(
    `  ${'platform'.padEnd(8)} ${'cards'.padStart(7)} ${'least'.padStart(10)} ${'actual'.padStart(10)} ${'ratio'.padStart(6)} ${'429s'.padStart(5)} ${'real'.padStart(7)}   binding limit`,
  );
  for (const f of figures) {
    const binding = f.uses.reduce((a, b) => (b.least > a.least ? b : a));
    console.log(
      `  ${f.platform.padEnd(8)} ${fmt(f.cards).padStart(7)} ${duration(f.least).padStart(10)} ${duration(f.actual).padStart(10)} ${(f.actual / f.least).toFixed(3).padStart(6)}` +
        ` ${String(f.throttled).padStart(5)} ${`${seconds(realMs[f.platform] ?? 0).toFixed(1)} s`.padStart(7)}   ${binding.limit}: ${fmt(binding.calls)} calls`,
    );
  }
  const least = Math.max(...figures.map((f) => f.least));
  const actual = Math.max(...figures.map((f) => f.actual));
  const throttled = figures.reduce((sum, f) => sum + f.throttled, 0);
  const verdict = actual / least <= 1.1 && throttled === 0 ? 'ok' : 'MISSED';
  console.log(
    `  ${'both'.padEnd(8)} ${fmt(figures.reduce((s, f) => s + f.cards, 0)).padStart(7)} ${duration(least).padStart(10)} ${duration(actual).padStart(10)} ${(actual / least).toFixed(3).padStart(6)}` +
      ` ${String(throttled).padStart(5)} ${''.padStart(7)}   side by side; target ≤ 1.1 and no 429: ${verdict}`,
  );
  for (const f of figures) console.log(`  ${f.platform} calls: ${f.calls}`);
  console.log(
    `  outbox retries and failures: ${outcomes.size === 0 ? 'none' : [...outcomes].map(([k, n]) => `${k} ×${n}`).join(', ')}`,
  );
}

export interface RigOptions {
  /** Real seconds per platform second, per platform: its fake's clock, our limiter's and the outbox's. */
  readonly scale: Readonly<Record<Platform, number>>;
}

/**
 * The fake Slack and Teams, knowing the tenant's owners, and Group Steward's two platforms pointed
 * at them as the edges make them (renderers, limiters), on the fakes' scaled clocks.
 */
export class DeliveryRig {
  readonly scale: Readonly<Record<Platform, number>>;
  readonly #slack: FakeSlack;
  readonly #teams: FakeTeams;
  #platforms: Record<Platform, ChatPlatform> | null = null;

  constructor(options: RigOptions) {
    this.scale = options.scale;
    this.#slack = new FakeSlack({
      timeScale: options.scale.slack,
      workspaces: [{ id: SLACK_TEAM, token: SLACK_TOKEN, scopes: null }],
    });
    this.#teams = new FakeTeams({ timeScale: options.scale.teams });
  }

  async start(store: PostgresStore, layout: Layout, now: Date): Promise<void> {
    await this.#slack.start();
    await this.#teams.start();
    for (let n = 0; n < layout.owners; n++) {
      if (isSlackOwner(layout, n)) this.#slack.addUser({ id: slackUserId(n), realName: `Person ${n}` });
      else this.#teams.addUser({ id: teamsUserId(n), tenantId: TEAMS_TENANT, displayName: `Person ${n}` });
    }
    const fakeTeams = this.#teams;
    this.#platforms = {
      slack: new SlackPlatform({
        tokenFor: async (workspaceId) => (workspaceId === SLACK_TEAM ? SLACK_TOKEN : null),
        apiUrl: this.#slack.url,
        render: (card) => renderCard(card),
        clock: scaledLimiterClock(this.scale.slack),
      }),
      teams: new TeamsPlatform({
        appId: FAKE_APP.id,
        appPassword: FAKE_APP.secret,
        tokenUrl: fakeTeams.tokenUrl,
        graphUrl: fakeTeams.graphUrl,
        conversations: store.conversations,
        serviceUrlFor: async (tenantId) => (tenantId === TEAMS_TENANT ? fakeTeams.serviceUrl() : null),
        render: (card) => renderAdaptiveCard(card),
        clock: scaledClock(now, this.scale.teams),
        limiter: new TeamsRateLimiter(scaledLimiterClock(this.scale.teams)),
      }),
    };
  }

  async stop(): Promise<void> {
    await this.#slack.stop();
    await this.#teams.stop();
  }

  /**
   * Delivers the pending cards one platform after the other, each on its own clock: the outbox's
   * clock too (locks, Retry-After, backoff) runs at the platform's speed, so a retry costs what it
   * would. The other platform's messages wait meanwhile (not before the end of time).
   */
  async deliver(store: PostgresStore, pool: pg.Pool, now: Date, policy: DeliveryPolicy): Promise<PassResult> {
    const { logger, outcomes } = outcomeLogger();
    const realMs: Partial<Record<Platform, number>> = {};
    const figures: PlatformFigures[] = [];
    for (const platform of ['slack', 'teams'] as const) {
      await pool.query(
        "UPDATE outbox SET not_before = CASE WHEN platform = $1 THEN $2::timestamptz ELSE 'infinity'::timestamptz END WHERE status = 'pending'",
        [platform, now],
      );
      const { rows } = await pool.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM outbox WHERE status = 'pending' AND platform = $1",
        [platform],
      );
      const cards = rows[0]?.n ?? 0;
      const slackFrom = this.#slack.calls.length;
      const teamsFrom = this.#teams.calls.length;
      const startedAt = Date.now();
      realMs[platform] = await this.#deliverAll(store, pool, now, platform, policy, logger);
      if (platform === 'slack') {
        const calls = this.#slack.calls.slice(slackFrom);
        figures.push(
          platformFigures(
            'slack',
            cards,
            this.scale.slack,
            startedAt,
            calls,
            (c) => c.method,
            slackLimitUses(calls),
            calls.filter((c) => c.outcome === 'ratelimited').length,
          ),
        );
      } else {
        const calls = this.#teams.calls.slice(teamsFrom);
        figures.push(
          platformFigures(
            'teams',
            cards,
            this.scale.teams,
            startedAt,
            calls,
            (c) => c.operation ?? 'other',
            teamsLimitUses(calls),
            calls.filter((c) => c.status === 429).length,
          ),
        );
      }
    }
    await pool.query("UPDATE outbox SET not_before = $1 WHERE status = 'pending'", [now]);
    return { figures, realMs, outcomes };
  }

  /** An outbox worker's loop (apps/server's OutboxWorker) until none of the platform's messages is pending. */
  async #deliverAll(
    store: PostgresStore,
    pool: pg.Pool,
    now: Date,
    platform: Platform,
    policy: DeliveryPolicy,
    logger: Logger,
  ): Promise<number> {
    if (!this.#platforms) throw new Error('start the rig first');
    const began = performance.now();
    const deps: CoreDeps = { store, clock: scaledClock(now, this.scale[platform]) };
    for (;;) {
      const handled = await deliverOutbox(deps, this.#platforms, logger, policy);
      if (handled > 0) continue;
      const { rows } = await pool.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM outbox WHERE status = 'pending' AND platform = $1",
        [platform],
      );
      if ((rows[0]?.n ?? 0) === 0) return performance.now() - began;
      await sleep(Math.max(1, 100 * this.scale[platform])); // retries waiting for their time: 100 ms of the platform's
    }
  }
}
