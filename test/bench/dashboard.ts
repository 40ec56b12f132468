// npm run bench:dashboard — the community managers' reads at the size DESIGN.md §5 plans for:
// 10,000 groups, 100,000 people and 90 days of rollups, on the embedded store and on PostgreSQL
// (BENCH_DATABASE_URL, kept; else TEST_DATABASE_URL, where a database of its own is made and
// dropped). Prints p50/p95 of each measurement against its target. BENCH_STORES=pglite or
// postgres measures one store only.
//
// A measurement is one entry of a list (`Measurement`): the core's reads, then the same through
// the HTTP API of the server's app, signed in (dashboard-api.ts). BENCH_GROUPS=1000 makes a
// smaller company (ten people a group, as at full size) for a quick check.
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { shiftDay } from '../../core/src/domain/days.ts';
import { utcDay } from '../../core/src/domain/rollups.ts';
import { systemClock } from '../../core/src/ports/clock.ts';
import type { Store } from '../../core/src/ports/store/index.ts';
import { openEmbeddedStore, PostgresStore } from '../../core/src/stores/postgres/index.ts';
import type { CoreDeps } from '../../core/src/use-cases/deps.ts';
import { groupDetail } from '../../core/src/use-cases/health/group-detail.ts';
import { allGroupsOverview, groupsOverview } from '../../core/src/use-cases/health/overview.ts';
import { SNAPSHOT_BUDGET, takeHealthSnapshots } from '../../core/src/use-cases/health/snapshot.ts';
import { aTenant } from '../support/factories.ts';
import { createTemporaryPostgresDatabase } from '../support/temporary-postgres.ts';
import { apiMeasurements, startApi } from './dashboard-api.ts';

const GROUPS = Number(process.env['BENCH_GROUPS'] ?? 10_000);
const PEOPLE = 10 * GROUPS;
const DAYS = 90;
/** Each group has 40 members, so each person is in 4 groups. */
const MEMBERS_PER_GROUP = 40;

/** One line of the table printed: something timed `runs` times, with its target for the p95 (or the single run). */
export interface Measurement {
  readonly name: string;
  readonly runs: number;
  /** Milliseconds the p95 must stay under. */
  readonly targetMs: number;
  /** Does the thing once; `run` is 0, 1, … so runs can vary what they ask. */
  readonly measure: (run: number) => Promise<unknown>;
}

export interface Timing {
  readonly name: string;
  readonly runs: number;
  readonly p50: number;
  readonly p95: number;
  readonly targetMs: number;
}

const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

export async function time(measurement: Measurement): Promise<Timing> {
  const durations: number[] = [];
  for (let run = 0; run < measurement.runs; run++) {
    const began = performance.now();
    await measurement.measure(run);
    durations.push(performance.now() - began);
  }
  durations.sort((a, b) => a - b);
  return {
    name: measurement.name,
    runs: measurement.runs,
    p50: percentile(durations, 50),
    p95: percentile(durations, 95),
    targetMs: measurement.targetMs,
  };
}

export function printTimings(title: string, timings: readonly Timing[]): void {
  const width = Math.max(...timings.map((t) => t.name.length), 12);
  const ms = (n: number) =>
    (n >= 10_000 ? `${(n / 1000).toFixed(1)} s` : `${n.toFixed(n < 10 ? 1 : 0)} ms`).padStart(9);
  console.log(`\n${title}`);
  console.log(`  ${'measurement'.padEnd(width)}  runs        p50        p95     target  verdict`);
  for (const t of timings) {
    const verdict = t.p95 < t.targetMs ? 'ok' : 'OVER';
    console.log(
      `  ${t.name.padEnd(width)}  ${String(t.runs).padStart(4)}  ${ms(t.p50)}  ${ms(t.p95)}  ${ms(t.targetMs)}  ${verdict}`,
    );
  }
}

/**
 * The company, written set-based (generate_series) straight into the tables the store reads:
 * groups of varied activity (a tenth idle), two owners most of them, one for a fifth, no purpose
 * for a seventh; 40 members each; 90 days of group days, member days, contributor spans and
 * questions; 8 weeks of weekly hours; content; pending requests; and the snapshot's rows of the
 * 90 days before yesterday, marked final, so that the job's run is the daily one.
 */
async function seedCompany(client: pg.Client, tenantId: string, now: Date): Promise<void> {
  const today = utcDay(now);
  const g = (n: string) => `md5('g' || ${n})::uuid`;
  const p = (n: string) => `md5('p' || ${n})::uuid`;
  const level = 'gi % 10';
  const steps: [string, string][] = [
    [
      'people',
      `INSERT INTO people (tenant_id, id, display_name, time_zone, locale)
      SELECT $1, ${p('i')}, 'Person ' || i, 'Europe/Paris', 'en' FROM generate_series(0, ${PEOPLE - 1}) i`,
    ],
    [
      'groups',
      `INSERT INTO groups (tenant_id, id, name, platform, workspace_id, platform_id, purpose, owner_ids, membership_policy,
        review_interval_days, created_at)
      SELECT $1, ${g('gi')}, 'Group ' || lpad(gi::text, 5, '0'), CASE WHEN gi % 3 = 0 THEN 'teams' ELSE 'slack' END, 'W1', 'C' || gi,
        CASE WHEN gi % 7 = 0 THEN NULL ELSE 'What group ' || gi || ' is for' END,
        CASE WHEN gi % 5 = 0 THEN ARRAY[${p('gi * 10')}] ELSE ARRAY[${p('gi * 10')}, ${p('gi * 10 + 1')}] END,
        'open', 90, $2::timestamptz - interval '200 days'
      FROM generate_series(0, ${GROUPS - 1}) gi`,
    ],
    [
      'memberships',
      `INSERT INTO memberships (tenant_id, group_id, person_id, joined_at, left_at)
      SELECT $1, ${g('gi')}, ${p(`(gi * 10 + k) % ${PEOPLE}`)}, $2::timestamptz - make_interval(days => 20 + 3 * k),
        CASE WHEN k = ${MEMBERS_PER_GROUP - 1} AND gi % 4 = 0 THEN $2::timestamptz - interval '10 days' END
      FROM generate_series(0, ${GROUPS - 1}) gi, generate_series(0, ${MEMBERS_PER_GROUP - 1}) k`,
    ],
    [
      'group days',
      `INSERT INTO group_days (tenant_id, group_id, day, joins, leaves, posts, replies, reactions, files, answers,
        questions_asked, questions_answered, distinct_contributors)
      SELECT $1, ${g('gi')}, $3::date - d, ((gi + d) % 9 = 0)::int, ((gi + d) % 17 = 0)::int, ${level} * ((gi + d) % 3), ${level}, 2 * ${level},
        ((gi + d) % 11 = 0)::int, ((gi + d) % 5 = 0)::int * sign(${level})::int, ((gi + d) % 4 = 0)::int * sign(${level})::int,
        ((gi + d) % 8 = 0)::int * sign(${level})::int, ${level} / 3
      FROM generate_series(0, ${GROUPS - 1}) gi, generate_series(0, ${DAYS - 1}) d`,
    ],
    [
      'member days',
      `INSERT INTO member_days (tenant_id, group_id, day, person_id, posts, replies, reactions, files, answers)
      SELECT $1, ${g('gi')}, $3::date - d, ${p(`(gi * 10 + 3 * k) % ${PEOPLE}`)}, k % 2, 1, 2, 0, (k % 3 = 0)::int
      FROM generate_series(0, ${GROUPS - 1}) gi CROSS JOIN generate_series(0, ${DAYS - 1}) d
      CROSS JOIN LATERAL generate_series(0, ${level} - 1) k
      WHERE (d + k) % 3 = 0`,
    ],
    [
      'contributor spans',
      `INSERT INTO contributor_spans (tenant_id, group_id, person_id, first_day, last_day)
      SELECT $1, ${g('gi')}, ${p(`(gi * 10 + 3 * k) % ${PEOPLE}`)}, $3::date - ${DAYS - 1} + 5 * k, $3::date - (5 * k) % 40
      FROM generate_series(0, ${GROUPS - 1}) gi CROSS JOIN LATERAL generate_series(0, ${level} - 1) k`,
    ],
    [
      'questions',
      `INSERT INTO questions (tenant_id, group_id, thread_id, asker_id, asked_at, first_response_at)
      SELECT $1, ${g('gi')}, 'th-' || d, ${p(`(gi * 10 + 2) % ${PEOPLE}`)}, $2::timestamptz - make_interval(days => d, hours => gi % 24),
        CASE WHEN (gi + d) % 20 <> 0 THEN $2::timestamptz - make_interval(days => d, hours => gi % 24) + make_interval(hours => 1 + (gi + d) % 40) END
      FROM generate_series(0, ${GROUPS - 1}) gi, generate_series(0, ${DAYS - 1}) d
      WHERE (gi + d) % 4 = 0 AND gi % 10 > 0`,
    ],
    [
      'weekly hours',
      `INSERT INTO weekly_hours (tenant_id, owner_id, week, status, created_at, card_sent_at, first_action_at, done_at, skip_reason)
      SELECT $1, o.id, to_char($3::date - 7 * w, 'IYYY-"W"IW'), s.status, t.sent, t.sent,
        CASE WHEN s.status <> 'pending' THEN t.sent + make_interval(hours => 1 + (o.n + w) % 30) END,
        CASE WHEN s.status = 'done' THEN t.sent + make_interval(hours => 2 + (o.n + w) % 30) END,
        CASE WHEN s.status = 'skipped' THEN 'On leave' END
      FROM (SELECT DISTINCT owner_id AS id, ('x' || substr(owner_id::text, 1, 6))::bit(24)::int AS n
            FROM groups, unnest(owner_ids) owner_id WHERE tenant_id = $1) o
      CROSS JOIN generate_series(1, 8) w
      CROSS JOIN LATERAL (SELECT ($2::timestamptz - make_interval(days => 7 * w)) AS sent) t
      CROSS JOIN LATERAL (SELECT (ARRAY['done', 'skipped', 'pending', 'done'])[1 + (o.n + w) % 4] AS status) s`,
    ],
    [
      'content items',
      `INSERT INTO content_items (tenant_id, id, group_id, kind, platform, workspace_id, platform_id, title, last_changed_at, state)
      SELECT $1, md5('c' || gi || '-' || k)::uuid, ${g('gi')}, 'pinned_message', 'slack', 'W1', 'pin-' || gi || '-' || k, 'Read me ' || k,
        $2::timestamptz - make_interval(days => (gi * 7 + k * 50) % 200), 'active'
      FROM generate_series(0, ${GROUPS - 1}) gi, generate_series(0, 2) k`,
    ],
    [
      'membership requests',
      `INSERT INTO membership_requests (tenant_id, id, group_id, requester_id, requested_at, status)
      SELECT $1, md5('r' || gi)::uuid, ${g('gi')}, ${p(`(gi * 10 + 50) % ${PEOPLE}`)}, $2::timestamptz - make_interval(hours => gi % 90), 'pending'
      FROM generate_series(0, ${GROUPS - 1}) gi WHERE gi % 13 = 0`,
    ],
    [
      'snapshot history',
      `INSERT INTO group_health_days (tenant_id, group_id, day, measured_at, score, activity, growth, responsiveness, freshness,
        owner_engagement, ownership, purpose, members, weekly_active, monthly_active, active_ratio, joins, leaves, questions_waiting,
        requests_waiting, content_due, active_owners, flags)
      SELECT $1, ${g('gi')}, $3::date - d, ($3::date - d + 1)::timestamptz, 30 + (gi + d) % 60, ${level} * 10, 70, 80, 60, 50,
        CASE WHEN gi % 5 = 0 THEN 50 ELSE 100 END, CASE WHEN gi % 7 = 0 THEN 0 ELSE 100 END, 40, ${level}, ${level} * 2, ${level} / 20.0, 1, 0, 0,
        (gi % 13 = 0)::int, 1, CASE WHEN gi % 5 = 0 THEN 1 ELSE 2 END,
        array_remove(ARRAY[CASE WHEN gi % 10 = 0 THEN 'idle' END, CASE WHEN gi % 5 = 0 THEN 'single_owner' END,
          CASE WHEN gi % 7 = 0 THEN 'no_purpose' END, 'content_overdue'], NULL)
      FROM generate_series(0, ${GROUPS - 1}) gi, generate_series(2, ${DAYS}) d`,
    ],
    [
      'snapshot days',
      `INSERT INTO health_snapshot_days (tenant_id, day, final, measured_at, groups)
      SELECT $1, $3::date - d, true, ($3::date - d + 1)::timestamptz, ${GROUPS} FROM generate_series(2, ${DAYS}) d`,
    ],
  ];
  // Our own values, written into the statements: each statement uses some of them only.
  const values: Record<string, string> = {
    $1: `'${tenantId}'::uuid`,
    $2: `'${now.toISOString()}'::timestamptz`,
    $3: `'${today}'::date`,
  };
  for (const [name, sql] of steps) {
    const began = performance.now();
    const { rowCount } = await client.query(sql.replace(/\$[123]\b/g, (p) => values[p]!));
    process.stderr.write(
      `  seeded ${name}: ${(rowCount ?? 0).toLocaleString('en')} rows in ${((performance.now() - began) / 1000).toFixed(1)} s\n`,
    );
  }
  await client.query('ANALYZE');
}

/** The measurements of the core's reads and of the snapshot job, on a seeded store. */
/** A seeded group, a different one each run: the seed's ids are md5('g' || n) as a uuid. */
const seededGroupId = (run: number) => uuidOfMd5(`g${(run * 7919) % GROUPS}`);

function coreMeasurements(deps: CoreDeps, tenantId: string, today: string): Measurement[] {
  const tables = [
    { sort: 'score', order: 'asc' },
    { sort: 'name', order: 'asc', platform: 'slack' },
    { sort: 'activeRatio', order: 'desc', flags: ['single_owner'] },
    { sort: 'trend', order: 'asc', bands: ['poor', 'fair'] },
    { sort: 'members', order: 'desc', search: 'Group 01' },
  ];
  return [
    {
      name: 'snapshot job: yesterday finalised (fresh seed) + today',
      runs: 1,
      targetMs: 60_000,
      measure: () => takeHealthSnapshots(deps, { ...SNAPSHOT_BUDGET, ms: 10 * 60_000 }).then(expectDays(2)),
    },
    {
      name: 'snapshot job: today refreshed',
      runs: 2,
      targetMs: 60_000,
      measure: () => takeHealthSnapshots(deps).then(expectDays(1)),
    },
    {
      name: 'table: first page, sorted, filtered',
      runs: 40,
      targetMs: 200,
      measure: async (run) =>
        expectOk(await groupsOverview(deps, tenantId, { ...tables[run % tables.length], limit: 50 })),
    },
    {
      name: 'group page: detail + 90-day series',
      runs: 30,
      targetMs: 200,
      measure: async (run) =>
        expectOk(
          await groupDetail(deps, tenantId, seededGroupId(run), { from: shiftDay(today, -(DAYS - 1)), to: today }),
        ),
    },
    {
      name: 'all groups (CSV): every row, sorted',
      runs: 5,
      targetMs: 2_000,
      measure: async () => {
        const all = allGroupsOverview(deps, tenantId, { sort: 'name' });
        if (!all.ok) throw new Error(all.detail);
        let rows = 0;
        for await (const batch of all.value) rows += batch.length;
        if (rows !== GROUPS) throw new Error(`${rows} rows of ${GROUPS}`);
      },
    },
  ];
}

function uuidOfMd5(text: string): string {
  const hex = createHash('md5').update(text).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** At most `days` days of every group measured, and nothing left (a store measured before has yesterday final). */
const expectDays = (days: number) => (outcome: { days: number; rows: number; unfinished: boolean }) => {
  if (outcome.days > days || outcome.rows !== outcome.days * GROUPS || outcome.unfinished)
    throw new Error(`snapshot: ${JSON.stringify(outcome)}`);
  process.stderr.write(`  snapshot run: ${outcome.days} day(s), ${outcome.rows.toLocaleString('en')} rows\n`);
};

function expectOk<T extends { ok: boolean }>(result: T): T {
  if (!result.ok) throw new Error(JSON.stringify(result));
  return result;
}

async function benchStore(title: string, store: Store, connectionString: string): Promise<void> {
  const now = new Date();
  // A store seeded by an earlier run (BENCH_EMBEDDED_DIR) is measured again as it is.
  const [seeded] = await store.tenants.list();
  const tenant = seeded ?? aTenant({ createdAt: new Date(now.getTime() - 200 * 86_400_000) });
  if (!seeded) {
    await store.tenants.save(tenant);
    const client = new pg.Client({ connectionString });
    await client.connect();
    process.stderr.write(
      `${title}: seeding ${GROUPS.toLocaleString('en')} groups, ${PEOPLE.toLocaleString('en')} people, ${DAYS} days\n`,
    );
    const began = performance.now();
    try {
      await seedCompany(client, tenant.id, now);
    } finally {
      await client.end();
    }
    process.stderr.write(`  seeded in ${((performance.now() - began) / 1000).toFixed(0)} s\n`);
  }
  await store.maintain();
  const deps: CoreDeps = { store, clock: systemClock };
  const timings: Timing[] = [];
  for (const measurement of coreMeasurements(deps, tenant.id, utcDay(now))) timings.push(await time(measurement));
  const api = await startApi(deps, tenant.id);
  try {
    for (const measurement of apiMeasurements(api, seededGroupId, utcDay(now), GROUPS, DAYS))
      timings.push(await time(measurement));
  } finally {
    await api.close();
  }
  printTimings(
    `${title} (${GROUPS.toLocaleString('en')} groups, ${PEOPLE.toLocaleString('en')} people, ${DAYS} days)`,
    timings,
  );
}

/** Which stores to measure (BENCH_STORES=pglite,postgres by default). */
const stores = (process.env['BENCH_STORES'] ?? 'pglite,postgres').split(',');

if (stores.includes('pglite')) {
  // BENCH_EMBEDDED_DIR keeps the embedded store's folder, seeded once, for runs again.
  const kept = process.env['BENCH_EMBEDDED_DIR'];
  const embeddedDir = kept ?? (await mkdtemp(join(tmpdir(), 'steward-dashboard-bench-')));
  try {
    const embedded = await openEmbeddedStore(embeddedDir);
    try {
      await benchStore('embedded PGlite', embedded.store, embedded.connectionString);
    } finally {
      await embedded.store.close();
    }
  } finally {
    if (!kept) await rm(embeddedDir, { recursive: true, force: true });
  }
}

// BENCH_DATABASE_URL: that database, kept (seeded once, measured again as it is on later runs);
// else TEST_DATABASE_URL: a database of its own on that server, dropped after.
const keptUrl = process.env['BENCH_DATABASE_URL'];
const serverUrl = process.env['TEST_DATABASE_URL'];
if (!stores.includes('postgres')) {
  // Not asked for.
} else if (keptUrl || serverUrl) {
  const database = keptUrl ? { url: keptUrl, drop: async () => {} } : await createTemporaryPostgresDatabase(serverUrl!);
  try {
    const store = await PostgresStore.open({ connectionString: database.url });
    try {
      await benchStore('PostgreSQL', store, database.url);
    } finally {
      await store.close();
    }
  } finally {
    await database.drop();
  }
} else {
  console.log('\nPostgreSQL: skipped (set BENCH_DATABASE_URL or TEST_DATABASE_URL=postgres://… to measure it)');
}
