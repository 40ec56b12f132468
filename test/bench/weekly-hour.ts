// npm run bench:weekly-hour — the weekly hour at DESIGN.md §5's scale: a tenant of 10,000 groups
// and 20,000 owners with 90 days of activity, every owner's card due at the same moment. It prints
// the time to compute all 20,000 cards on the embedded store (target < 60 s), then the time to
// deliver them through the fake Slack and Teams with their published limits, against the least
// time those limits allow for the calls made (target ≤ 1.1×, and no 429).
//
// BENCH_GROUPS scales the tenant (default 10,000; owners and people follow). The platforms' clocks
// (the fakes', our limiters' and the outbox's) run fast enough that, at the least their limits
// allow, calls come at BENCH_CALLS_PER_SECOND (default 170) a real second (see `timeScales`).
// BENCH_ANALYZE=0 skips the ANALYZE after seeding (see `analyze`).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import {
  type Clock,
  type CoreDeps,
  composeWeeklyHourCards,
  DEFAULT_DELIVERY,
  type IsoWeek,
  ITEMS_PER_SECTION,
  isDueForReview,
  isoWeekOf,
  newWeeklyHourRecord,
  type Platform,
  sendDueWeeklyHours,
  type Tenant,
  weekWindow,
} from '../../core/src/index.ts';
import { openEmbeddedStore, type PostgresStore } from '../../core/src/stores/postgres/index.ts';
import { aTenant } from '../support/factories.ts';
import { SLACK_LIMITS } from '../support/fake-slack/limits.ts';
import { TEAMS_LIMITS } from '../support/fake-teams/index.ts';
import { DeliveryRig, printPass } from './weekly-hour-delivery.ts';
import { dueByZone, type Layout, layoutFor, personId, seedTenant, TIME_ZONES } from './weekly-hour-tenant.ts';

const GROUPS = Number(process.env['BENCH_GROUPS'] ?? 10_000);
const CALLS_PER_SECOND = Number(process.env['BENCH_CALLS_PER_SECOND'] ?? 170);
const ANALYZE = process.env['BENCH_ANALYZE'] !== '0';
/** Owners per round of the due-cards job, and per composition: the job's default. */
const BATCH = 200;
/** Monday 15:00 UTC: every zone of the tenant is past its Monday 09:00, all in the same ISO week. */
const NOW = new Date('2026-11-23T15:00:00Z');

const seconds = (ms: number) => ms / 1000;
const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const frozen = (at: Date): Clock => ({ now: () => new Date(at) });

// ---------------------------------------------------------------------------------------------
// Where the store's time goes

interface StatementFigures {
  calls: number;
  busyMs: number;
}

/**
 * Times every statement the store sends through its one connection, by kind (verb and tables).
 * Statements queue on that connection, so a statement's share runs from when the connection was
 * free for it (its start, or the previous one's answer) to its answer: the shares add up to the
 * time the connection was busy, and the rest of the wall time is our own JavaScript.
 */
class StatementProfile {
  readonly #figures = new Map<string, StatementFigures>();
  #busyUntil = 0;

  constructor(pool: pg.Pool) {
    const query = pool.query.bind(pool) as (text: string, params?: unknown[]) => Promise<pg.QueryResult>;
    const timed = async (text: string, params?: unknown[]) => {
      const began = performance.now();
      try {
        return await query(text, params);
      } finally {
        const ended = performance.now();
        const figures = this.#figures.get(kindOf(text)) ?? { calls: 0, busyMs: 0 };
        figures.calls += 1;
        figures.busyMs += ended - Math.max(began, this.#busyUntil);
        this.#figures.set(kindOf(text), figures);
        this.#busyUntil = ended;
      }
    };
    pool.query = timed as unknown as typeof pool.query;
  }

  reset(): void {
    this.#figures.clear();
  }

  print(wallMs: number, top: number): void {
    const rows = [...this.#figures].sort(([, a], [, b]) => b.busyMs - a.busyMs);
    const busy = rows.reduce((sum, [, f]) => sum + f.busyMs, 0);
    const line = (label: string, calls: string, busyMs: number, mean: string) =>
      console.log(
        `    ${label.padEnd(48)} ${calls.padStart(7)} ${seconds(busyMs).toFixed(1).padStart(7)} ${mean.padStart(8)}`,
      );
    console.log(
      `    ${'statement (verb and tables)'.padEnd(48)} ${'calls'.padStart(7)} ${'busy s'.padStart(7)} ${'mean ms'.padStart(8)}`,
    );
    for (const [kind, f] of rows.slice(0, top)) line(kind, fmt(f.calls), f.busyMs, (f.busyMs / f.calls).toFixed(2));
    const rest = rows.slice(top);
    if (rest.length > 0)
      line(
        `(${rest.length} other kinds)`,
        fmt(rest.reduce((s, [, f]) => s + f.calls, 0)),
        rest.reduce((s, [, f]) => s + f.busyMs, 0),
        '',
      );
    line('the store’s connection, busy', '', busy, '');
    line('our JavaScript, the connection idle', '', Math.max(0, wallMs - busy), '');
  }
}

/** "SELECT member_days", "INSERT outbox", "SELECT weekly_hours … LIMIT": enough to tell statements apart. */
function kindOf(text: string): string {
  const sql = text.replace(/\s+/g, ' ').trim();
  const verb = /^(WITH|SELECT|INSERT|UPDATE|DELETE)\b/i.exec(sql)?.[1]?.toUpperCase() ?? sql.slice(0, 20);
  const tables = new Set<string>();
  // Tables read or written; "ON CONFLICT … DO UPDATE SET" names none.
  for (const [, table] of sql.replace(/DO UPDATE SET/gi, '').matchAll(/\b(?:FROM|JOIN|INTO|UPDATE)\s+([a-z_]+)/gi)) {
    if (table && !['unnest', 'generate_series', 'lateral'].includes(table.toLowerCase())) tables.add(table);
  }
  const limited = verb === 'SELECT' && /\bLIMIT \$/i.test(sql) ? ' … LIMIT' : '';
  return `${verb} ${[...tables].join('+')}${limited}`;
}

// ---------------------------------------------------------------------------------------------
// Computing the cards

/** Share of groups whose card has something in each section: the seed means to fill them all. */
async function sectionCoverage(store: PostgresStore, tenant: Tenant, groupCount: number): Promise<string> {
  const groups = (await store.groups.list(tenant.id)).slice(0, groupCount);
  const ids = groups.map((g) => g.id);
  const weeks = await store.contributions.groupWeeks(
    tenant.id,
    groups.map((g) => ({
      groupId: g.id,
      questionsAskedBefore: new Date(NOW.getTime() - g.responseTargetHours * 3_600_000),
    })),
    weekWindow(NOW, ITEMS_PER_SECTION),
  );
  const requests = new Set((await store.membershipRequests.listPendingIn(tenant.id, ids)).map((r) => r.groupId));
  const due = new Set(
    (await store.contentItems.listActiveIn(tenant.id, ids))
      .filter((c) => isDueForReview(c, 90, NOW))
      .map((c) => c.groupId),
  );
  const share = (n: number) => `${Math.round((n / groups.length) * 100)}%`;
  return [
    `new members ${share(weeks.filter((w) => w.newMembers.total > 0).length)}`,
    `overdue questions ${share(weeks.filter((w) => w.overdueQuestions.total > 0).length)}`,
    `requests ${share(requests.size)}`,
    `content to review ${share(due.size)}`,
    `top contributors ${share(weeks.filter((w) => w.topContributors.length > 0).length)}`,
    `gone quiet ${share(weeks.filter((w) => w.inactiveMembers.total > 0).length)}`,
  ].join(', ');
}

/** Every owner's id in the order the due-cards job takes them: by due time (zone), then id. */
function ownersInDueOrder(tenant: Tenant, layout: Layout, week: IsoWeek): string[] {
  const due = dueByZone(tenant, week);
  const dueOf = (n: number) => due[n % TIME_ZONES.length]!.getTime();
  return Array.from({ length: layout.owners }, (_, n) => n)
    .sort((a, b) => dueOf(a) - dueOf(b) || a - b)
    .map(personId);
}

/** The cards of `owners`, a batch at a time, as the job composes them but with nothing else. */
async function composeCards(deps: CoreDeps, tenant: Tenant, owners: readonly string[], week: IsoWeek) {
  let cards = 0;
  let firstBatchBytes = 0;
  for (let from = 0; from < owners.length; from += BATCH) {
    const requests = owners
      .slice(from, from + BATCH)
      .map((id) => ({ record: newWeeklyHourRecord(tenant.id, id, week, NOW), viewerId: id }));
    const composed = await composeWeeklyHourCards(deps, tenant, requests);
    cards += composed.length;
    if (from === 0) firstBatchBytes = composed.reduce((sum, card) => sum + JSON.stringify(card).length, 0);
  }
  return { cards, meanBytes: firstBatchBytes / Math.min(BATCH, owners.length) };
}

/**
 * Gives the planner statistics. PGlite has no autovacuum and the embedded store never runs
 * ANALYZE, so as shipped it plans without any: one batch of cards is timed before and after. At
 * this size the due-cards job would not finish without them: unscheduledOwners, which each run of
 * it starts with, then reads all of the tenant's people for every group (1,000 groups: 3.7 s;
 * 10,000 groups: unfinished after 9 minutes).
 */
async function analyze(
  pool: pg.Pool,
  deps: CoreDeps,
  tenant: Tenant,
  owners: readonly string[],
  week: IsoWeek,
): Promise<void> {
  const batch = owners.slice(0, BATCH);
  let began = performance.now();
  await composeCards(deps, tenant, batch, week);
  const before = performance.now() - began;
  if (!ANALYZE) {
    console.log(
      `  one batch of ${BATCH} cards without statistics: ${seconds(before).toFixed(2)} s (BENCH_ANALYZE=0: no ANALYZE)`,
    );
    return;
  }
  began = performance.now();
  await pool.query('ANALYZE');
  const analyzing = performance.now() - began;
  began = performance.now();
  await composeCards(deps, tenant, batch, week);
  const after = performance.now() - began;
  console.log(
    `  ANALYZE (${seconds(analyzing).toFixed(1)} s), as autovacuum would on PostgreSQL; the embedded store never runs it.` +
      ` One batch of ${BATCH} cards: ${seconds(before).toFixed(2)} s before, ${seconds(after).toFixed(2)} s after`,
  );
}

// ---------------------------------------------------------------------------------------------
// Delivering them

/**
 * Real seconds per platform second, per platform, so that at the least its limits allow, its calls
 * come at `CALLS_PER_SECOND` a real second: what this machine serves with room to spare (the
 * store's one connection binds first). Slack makes one call a card, chat.postMessage at 300 a
 * minute; Teams two, as it creates each 1:1 before the first card, both against 50 a second. The
 * platforms go one after the other, each on its own clock: sharing one, Teams (five times quicker)
 * would measure the machine, not its limiter.
 */
function timeScales(cards: Readonly<Record<Platform, number>>): Record<Platform, number> {
  const tenant = TEAMS_LIMITS.tenant[0]!;
  const calls = { slack: cards.slack, teams: 2 * cards.teams };
  const least = {
    slack: (calls.slack * 60) / SLACK_LIMITS['chat.postMessage'].perMinute,
    teams: (calls.teams * seconds(tenant.periodMs)) / tenant.limit,
  };
  const scale = (platform: Platform) => calls[platform] / CALLS_PER_SECOND / Math.max(least[platform], 1);
  return { slack: scale('slack'), teams: scale('teams') };
}

/**
 * One platform after the other leaves out what a shared outbox loop adds: a round waits for its
 * slowest card, so with both platforms' cards in its rounds, Teams' go at Slack's pace.
 */
async function deliverCards(store: PostgresStore, pool: pg.Pool, layout: Layout): Promise<void> {
  const { rows } = await pool.query<{ platform: Platform; n: number }>(
    "SELECT platform, count(*)::int AS n FROM outbox WHERE status = 'pending' GROUP BY platform",
  );
  const cards = { slack: 0, teams: 0, ...Object.fromEntries(rows.map((row) => [row.platform, row.n])) } as Record<
    Platform,
    number
  >;
  const scale = timeScales(cards);
  console.log(
    `\ndeliver them: the outbox worker's loop and policy (rounds of ${DEFAULT_DELIVERY.batch}) over SlackPlatform and TeamsPlatform` +
      ` (their own limiters) against the fake Slack and Teams (their published limits), one platform after the other;` +
      ` 1 real s = ${fmt(1 / scale.slack, 1)} Slack s, then ${fmt(1 / scale.teams, 1)} Teams s. No Teams owner has a 1:1 with the` +
      ` bot yet (the fake cannot be told of one), so each card creates it first: the least counts those calls.`,
  );
  const rig = new DeliveryRig({ scale });
  await rig.start(store, layout, NOW);
  try {
    printPass(await rig.deliver(store, pool, NOW, DEFAULT_DELIVERY));
  } finally {
    await rig.stop();
  }
}

// ---------------------------------------------------------------------------------------------

const layout = layoutFor(GROUPS);
const dataDir = await mkdtemp(join(tmpdir(), 'steward-bench-weekly-'));
let opened: Awaited<ReturnType<typeof openEmbeddedStore>> | null = null;
try {
  opened = await openEmbeddedStore(dataDir);
  const { store, pool } = opened;
  const tenant = aTenant({
    name: 'Bench',
    defaultWeeklyHour: { weekday: 1, time: '09:00' },
    defaultTimeZone: 'Europe/Paris',
  });
  await store.tenants.save(tenant);
  const week = isoWeekOf(NOW, tenant.defaultTimeZone);
  const deps: CoreDeps = { store, clock: frozen(NOW) };
  const owners = ownersInDueOrder(tenant, layout, week);

  console.log(
    `Weekly hour: ${fmt(layout.groups)} groups (half Slack, half Teams), ${fmt(layout.owners)} owners, ${fmt(layout.people)} people, embedded PGlite`,
  );
  const seeded = await seedTenant(pool, tenant, layout, NOW, week);
  console.log(
    `\nseeded in ${seeded.seconds.toFixed(1)} s (not measured); the rollups the card reads are written with set-based SQL, not as events:`,
  );
  console.log(
    `  ${Object.entries(seeded.rows)
      .map(([table, n]) => `${table} ${fmt(n)}`)
      .join(', ')}`,
  );
  console.log(
    `  slowest steps: ${seeded.steps
      .slice(0, 4)
      .map(([step, s]) => `${step} ${s.toFixed(1)} s`)
      .join(', ')}`,
  );
  console.log(`  card sections with data (first ${BATCH} groups): ${await sectionCoverage(store, tenant, BATCH)}`);
  await analyze(pool, deps, tenant, owners, week);

  // 1. Every owner's card at once: the due-cards job (claims, cards, outbox, next due times), then
  // the composition alone, on the same data.
  const profile = new StatementProfile(pool);
  let began = performance.now();
  const outcome = await sendDueWeeklyHours(deps, { batch: BATCH });
  const jobMs = performance.now() - began;
  const met = seconds(jobMs) < 60 && outcome.sent === layout.owners;
  console.log(
    `\ncompute all cards, every owner due at ${NOW.toISOString()} (their Monday 09:00, in ${TIME_ZONES.length} zones)`,
  );
  console.log(
    `  sendDueWeeklyHours, rounds of ${BATCH}: ${fmt(outcome.handled)} owners, ${fmt(outcome.sent)} cards in the outbox in` +
      ` ${seconds(jobMs).toFixed(1)} s (${fmt(outcome.sent / seconds(jobMs))} cards/s); target < 60 s: ${met ? 'ok' : 'MISSED'}`,
  );
  profile.print(jobMs, 12);

  profile.reset();
  began = performance.now();
  const composed = await composeCards(deps, tenant, owners, week);
  const composeMs = performance.now() - began;
  console.log(
    `\n  composeWeeklyHourCards alone, batches of ${BATCH}: ${fmt(composed.cards)} cards in ${seconds(composeMs).toFixed(1)} s` +
      ` (${fmt(composed.cards / seconds(composeMs))} cards/s; ${fmt(composed.meanBytes / 1024, 1)} KB of card JSON each)`,
  );
  profile.print(composeMs, 8);

  // 2. Delivering them.
  await deliverCards(store, pool, layout);
} finally {
  await opened?.store.close();
  await rm(dataDir, { recursive: true, force: true });
}
