// The synthetic tenant of `npm run bench:weekly-hour` (DESIGN.md §5): groups, their owners and
// members, and 90 days of what the weekly card reads, written straight into the embedded store.
//
// The card reads rollups (member days, contributor spans, questions, memberships), never raw
// events, so the rollups are seeded with set-based SQL (INSERT … SELECT generate_series), much
// faster than pushing the ~10^7 events they stand for through `contributions.record`, which would
// measure ingest (`npm run bench:ingest` does). Raw events and the dashboards' group days are not
// seeded: nothing measured here reads them.
//
// Everything is a function of a few integers, so that the bench, the fakes and the SQL agree on
// every id without passing lists around: person n, group g. Groups 0 … G/2−1 are Slack channels,
// the rest Teams teams; group g is owned by persons g and g + G (so co-owners land in different
// batches of the due-cards job, as random ids would put them), and has 28 more members from its
// platform's pool, each person in about 3.5 groups.
import type pg from 'pg';
import { cardDueAt, type IsoWeek, nextIsoWeek, type Tenant } from '../../core/src/index.ts';
import { FAKE_TENANT } from '../support/fake-teams/index.ts';

export const SLACK_TEAM = 'T0BENCH';
export const SLACK_TOKEN = 'xoxb-bench';
/** The fake Teams' own tenant: the bench's Teams people and teams are there. */
export const TEAMS_TENANT = FAKE_TENANT.id;
/** Members of a group besides its two owners. */
const MEMBERS = 28;
// Time zones and languages of the people, by person number: one card formats in each.
export const TIME_ZONES = [
  'Europe/Paris',
  'Europe/London',
  'Europe/Berlin',
  'America/New_York',
  'Asia/Kolkata',
  'Asia/Tokyo',
];
const LOCALES = ['en', 'fr', 'ru'];

/** How the tenant is laid out; all counts follow from the number of groups. */
export interface Layout {
  readonly groups: number;
  /** Two per group: persons 0 … owners−1. */
  readonly owners: number;
  /** Ten per group. */
  readonly people: number;
  /** Non-owners on each platform: Slack's are owners … owners+pool−1, Teams' the rest. */
  readonly pool: number;
}

export function layoutFor(groups: number): Layout {
  if (groups % 2 !== 0 || groups < 2) throw new Error('an even number of groups, please: half Slack, half Teams');
  return { groups, owners: 2 * groups, people: 10 * groups, pool: 4 * groups };
}

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');
export const personId = (n: number) => `00000000-0000-4000-9000-${hex(n, 12)}`;
export const slackUserId = (n: number) => `U${hex(n, 8).toUpperCase()}`;
export const teamsUserId = (n: number) => `00000000-0000-4000-a000-${hex(n, 12)}`;
export const isSlackOwner = (layout: Layout, n: number) => n % layout.groups < layout.groups / 2;

// The same ids in SQL, for integer expressions.
const sqlId = (prefix: string, n: string) => `('00000000-0000-4000-${prefix}-' || lpad(to_hex(${n}), 12, '0'))::uuid`;
const P = (n: string) => sqlId('9000', n);
const G = (g: string) => sqlId('8000', g);

/** When each time zone's weekly hour (the tenant's, Monday 09:00) falls in `week`. */
export function dueByZone(tenant: Tenant, week: IsoWeek): Date[] {
  return TIME_ZONES.map((zone) => cardDueAt(tenant.defaultWeeklyHour, zone, week));
}

export interface SeedSummary {
  readonly seconds: number;
  readonly rows: Readonly<Record<string, number>>;
  /** Seconds per step, slowest first. */
  readonly steps: readonly (readonly [string, number])[];
}

/**
 * Writes the tenant's people, groups and 90 days of rollups as of `now`, the owners' last four
 * weeks, and puts every owner on the schedule at this week's weekly hour in their zone. Runs on the
 * store's own connection (`pool`) while nothing else uses it.
 */
export async function seedTenant(
  pool: pg.Pool,
  tenant: Tenant,
  layout: Layout,
  now: Date,
  week: IsoWeek,
): Promise<SeedSummary> {
  const began = performance.now();
  const { groups: GROUPS, owners: OWNERS, people: PEOPLE, pool: POOL } = layout;
  const t = tenant.id;
  const today = new Date(now).toISOString().slice(0, 10);
  const steps = new Map<string, number>();
  const run = async (step: string, sql: string, params: unknown[] = []) => {
    process.stderr.write(`\r  seeding: ${step.padEnd(40)}`);
    const stepBegan = performance.now();
    await pool.query(sql, params);
    const name = step.replace(/ [\d,]+\/.*$/, '');
    steps.set(name, (steps.get(name) ?? 0) + (performance.now() - stepBegan) / 1000);
  };
  const isSlack = (n: string) =>
    `(CASE WHEN ${n} < ${OWNERS} THEN ${n} % ${GROUPS} < ${GROUPS / 2} ELSE ${n} < ${OWNERS + POOL} END)`;

  // Large sorts (member days in key order) stay in memory.
  await pool.query("SET work_mem = '128MB'");

  await run(
    'people',
    `INSERT INTO people (tenant_id, id, display_name, email, time_zone, locale, roles)
     SELECT $1, ${P('n')}, 'Person ' || n, 'person-' || n || '@bench.example', ($2::text[])[n % ${TIME_ZONES.length} + 1],
       ($3::text[])[n % ${LOCALES.length} + 1], '{}'
     FROM generate_series(0, ${PEOPLE - 1}) n`,
    [t, TIME_ZONES, LOCALES],
  );
  await run(
    'identities',
    `INSERT INTO person_identities (tenant_id, platform, workspace_id, user_id, person_id)
     SELECT $1, CASE WHEN s THEN 'slack' ELSE 'teams' END, CASE WHEN s THEN $2 ELSE $3 END,
       CASE WHEN s THEN 'U' || upper(lpad(to_hex(n), 8, '0')) ELSE ${sqlId('a000', 'n')}::text END, ${P('n')}
     FROM generate_series(0, ${PEOPLE - 1}) n, LATERAL (SELECT ${isSlack('n')} AS s) x`,
    [t, SLACK_TEAM, TEAMS_TENANT],
  );
  await run(
    'groups',
    `INSERT INTO groups (tenant_id, id, name, platform, workspace_id, platform_id, purpose, owner_ids, membership_policy,
       review_interval_days, response_target_hours, created_at)
     SELECT $1, ${G('g')}, 'group-' || g, CASE WHEN s THEN 'slack' ELSE 'teams' END, CASE WHEN s THEN $2 ELSE $3 END,
       CASE WHEN s THEN 'C' || upper(lpad(to_hex(g), 8, '0')) ELSE ${sqlId('b000', 'g')}::text END, 'Bench group ' || g,
       ARRAY[${P('g')}, ${P(`g + ${GROUPS}`)}], CASE WHEN g % 2 = 0 THEN 'approval' ELSE 'open' END, 90, 24, $4::timestamptz - interval '400 days'
     FROM generate_series(0, ${GROUPS - 1}) g, LATERAL (SELECT g < ${GROUPS / 2} AS s) x`,
    [t, SLACK_TEAM, TEAMS_TENANT, now],
  );

  // Who is in which group and how they take part, one row per membership: the other tables are
  // made from it. Profiles: two owners contributing every third day; of the 28 others, by slot,
  // 2 joined this week, 2 went quiet 31–37 days ago (the card's "gone quiet"), 8 contribute every
  // other day, 8 weekly, 4 monthly, 3 never, and 1 left 10 days ago. `last_k` and `first_k` are
  // the newest and oldest days (as days ago) of their contributions in the 90-day window.
  await run(
    'membership plan',
    `CREATE TABLE bench_members AS
     SELECT g, slot, person, joined_days, left_days, period, last_k, LEAST(89, floor(joined_days)::int - CASE WHEN joined_days < 7 THEN 1 ELSE 0 END) AS first_k
     FROM (
       SELECT g, slot, person,
         CASE WHEN slot >= ${MEMBERS} THEN 400 WHEN r < 2 THEN 1 + (g + slot) % 6 + 0.25 WHEN r < 4 THEN 200 WHEN r = 27 THEN 300
              ELSE 100 + (g * 7 + slot) % 500 END::float8 AS joined_days,
         CASE WHEN r = 27 AND slot < ${MEMBERS} THEN 10 END AS left_days,
         CASE WHEN slot >= ${MEMBERS} THEN 3 WHEN r < 2 THEN 1 WHEN r < 4 THEN 3 WHEN r < 12 THEN 2 WHEN r < 20 THEN 7
              WHEN r < 24 THEN 30 WHEN r < 27 THEN NULL ELSE 5 END AS period,
         CASE WHEN slot >= ${MEMBERS} THEN g % 3 WHEN r < 2 THEN 0 WHEN r < 4 THEN 31 + (g + slot) % 7 WHEN r < 12 THEN (g + slot) % 2
              WHEN r < 20 THEN (g + slot) % 7 WHEN r < 24 THEN (g + slot) % 30 ELSE 10 + g % 5 END AS last_k
       FROM (
         SELECT g, slot, (slot + g) % ${MEMBERS} AS r,
           CASE WHEN slot = ${MEMBERS} THEN g WHEN slot = ${MEMBERS + 1} THEN g + ${GROUPS}
                ELSE CASE WHEN g < ${GROUPS / 2} THEN ${OWNERS} ELSE ${OWNERS + POOL} END
                     + ((g % ${GROUPS / 2}) * ${MEMBERS} + slot) * 7919 % ${POOL} END AS person
         FROM generate_series(0, ${GROUPS - 1}) g, generate_series(0, ${MEMBERS + 1}) slot
       ) s
     ) m`,
  );
  await run(
    'memberships',
    `INSERT INTO memberships (tenant_id, group_id, person_id, joined_at, left_at)
     SELECT $1, ${G('g')}, ${P('person')}, $2::timestamptz - joined_days * interval '1 day',
       $2::timestamptz - left_days * interval '1 day'
     FROM bench_members`,
    [t, now],
  );
  // Member days in key order, a slice of groups at a time: one huge sort would spill.
  const SLICE = 1_000;
  for (let from = 0; from < GROUPS; from += SLICE) {
    await run(
      `member days ${from.toLocaleString('en')}/${GROUPS.toLocaleString('en')} groups`,
      `INSERT INTO member_days (tenant_id, group_id, day, person_id, posts, replies, reactions, files, answers)
       SELECT $1, ${G('g')}, $2::date - k, ${P('person')}, (person + k) % 3, (person + 2 * k) % 4, 1 + (person + k) % 5,
         ((person + k) % 17 = 0)::int, ((person + k) % 11 = 0)::int
       FROM bench_members CROSS JOIN LATERAL generate_series(last_k, first_k, period) k
       WHERE period IS NOT NULL AND g >= ${from} AND g < ${from + SLICE}
       ORDER BY g, k DESC, person`,
      [t, today],
    );
  }
  await run(
    'contributor spans',
    `INSERT INTO contributor_spans (tenant_id, group_id, person_id, first_day, last_day)
     SELECT $1, ${G('g')}, ${P('person')},
       $2::date - CASE WHEN joined_days > 89 THEN floor(joined_days)::int ELSE last_k + period * ((first_k - last_k) / period) END,
       $2::date - last_k
     FROM bench_members WHERE period IS NOT NULL AND first_k >= last_k`,
    [t, today],
  );
  // Thirty questions a group over the 90 days, one every third day; three of each group's in the
  // last month never answered (the card's overdue questions), the others answered within hours.
  await run(
    'questions',
    `INSERT INTO questions (tenant_id, group_id, thread_id, asker_id, asked_at, first_response_at)
     SELECT $1, ${G('q.g')}, 'q-' || q.g || '-' || q.n, ${P('m.person')}, asked,
       CASE WHEN q.n % 4 = 1 AND k BETWEEN 2 AND 30 THEN NULL ELSE asked + (1 + q.n % 5) * interval '1 hour' END
     FROM (SELECT g, n, n * 3 + g % 3 AS k FROM generate_series(0, ${GROUPS - 1}) g, generate_series(0, 29) n) q
     JOIN bench_members m ON m.g = q.g AND m.slot = (q.n * 5 + q.g) % ${MEMBERS},
     LATERAL (SELECT $2::timestamptz - k * interval '1 day' - ((q.g + q.n) % 10) * interval '1 hour' AS asked) a`,
    [t, now],
  );
  // Groups that approve members have 0–3 people waiting, who belong to the next group.
  await run(
    'membership requests',
    `INSERT INTO membership_requests (tenant_id, id, group_id, requester_id, requested_at, note, status)
     SELECT $1, ${sqlId('c000', 'g * 4 + r')}, ${G('g')}, ${P(`CASE WHEN g < ${GROUPS / 2} THEN ${OWNERS} ELSE ${OWNERS + POOL} END
         + ((g % ${GROUPS / 2}) * ${MEMBERS} + ${MEMBERS} + r) * 7919 % ${POOL}`)},
       $2::timestamptz - (r + 1) * interval '1 day', 'I work on this', 'pending'
     FROM generate_series(0, ${GROUPS - 1}) g, generate_series(0, 2) r
     WHERE g % 2 = 0 AND r < (g / 2) % 4`,
    [t, now],
  );
  // Four items a group: two changed lately, two untouched for 120+ days (due for review at 90).
  await run(
    'content items',
    `INSERT INTO content_items (tenant_id, id, group_id, kind, platform, workspace_id, platform_id, title, link,
       last_changed_at, state)
     SELECT $1, ${sqlId('d000', 'g * 4 + k')}, ${G('g')},
       CASE WHEN s THEN (ARRAY['bookmark', 'pinned_message', 'file', 'bookmark'])[k + 1] ELSE (ARRAY['tab', 'file', 'tab', 'file'])[k + 1] END,
       CASE WHEN s THEN 'slack' ELSE 'teams' END, CASE WHEN s THEN $2 ELSE $3 END, 'ci-' || g || '-' || k,
       'Item ' || k || ' of group ' || g, 'https://bench.example/' || g || '/' || k,
       $4::timestamptz - CASE WHEN k < 2 THEN 10 + k ELSE 120 + g % 200 END * interval '1 day', 'active'
     FROM generate_series(0, ${GROUPS - 1}) g, generate_series(0, 3) k, LATERAL (SELECT g < ${GROUPS / 2} AS s) x`,
    [t, SLACK_TEAM, TEAMS_TENANT, now],
  );
  // The owners' last four weeks: mostly done, some skipped, one in ten missed last week (one week
  // missed escalates nothing, so every owner gets exactly one message: their card).
  const weeks = [4, 3, 2, 1].map((back) => nextIsoWeek(week, -back));
  await run(
    'past weekly hours',
    `INSERT INTO weekly_hours (tenant_id, owner_id, week, status, created_at, card_sent_at, first_action_at, done_at, skip_reason)
     SELECT $1, ${P('n')}, ($2::text[])[w], status, created, created,
       CASE WHEN status = 'pending' THEN NULL ELSE created + interval '2 hours' END,
       CASE WHEN status = 'done' THEN created + interval '2 hours' END, CASE WHEN status = 'skipped' THEN 'On leave' END
     FROM generate_series(0, ${OWNERS - 1}) n, generate_series(1, 4) w,
       LATERAL (SELECT $3::timestamptz - (5 - w) * interval '7 days' AS created,
         CASE WHEN w = 4 AND n % 10 = 0 THEN 'pending' WHEN w = 4 AND n % 10 < 3 THEN 'skipped' ELSE 'done' END AS status) x`,
    [t, weeks, now],
  );
  await run(
    'schedule',
    `INSERT INTO weekly_hour_schedule (tenant_id, owner_id, due_at)
     SELECT $1, ${P('n')}, ($2::timestamptz[])[n % ${TIME_ZONES.length} + 1] FROM generate_series(0, ${OWNERS - 1}) n`,
    [t, dueByZone(tenant, week)],
  );
  await run('cleaning up', 'DROP TABLE bench_members');
  await pool.query('RESET work_mem');
  process.stderr.write(`${'\r'.padEnd(60)}\r`);

  const tables = [
    'people',
    'groups',
    'memberships',
    'member_days',
    'contributor_spans',
    'questions',
    'membership_requests',
    'content_items',
    'weekly_hours',
  ];
  const rows: Record<string, number> = {};
  for (const table of tables)
    rows[table] = (await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]?.n ?? 0;
  return { seconds: (performance.now() - began) / 1000, rows, steps: [...steps].sort(([, a], [, b]) => b - a) };
}
