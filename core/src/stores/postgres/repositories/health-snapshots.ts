import type { DayRange } from '../../../domain/days.ts';
import type { GroupFlag, GroupHealthDay } from '../../../domain/group-health.ts';
import { HEALTH_COMPONENTS, type HealthComponent, type HealthComponents } from '../../../domain/health.ts';
import type { Platform } from '../../../domain/platform.ts';
import type {
  HealthSnapshotRepository,
  OverviewPage,
  OverviewQuery,
  OverviewSort,
  OwnerName,
  SnapshotDay,
} from '../../../ports/store/health-snapshots.ts';
import type { Sql } from '../sql.ts';

const COMPONENT_COLUMNS: Readonly<Record<HealthComponent, string>> = {
  activity: 'activity',
  growth: 'growth',
  responsiveness: 'responsiveness',
  freshness: 'freshness',
  ownerEngagement: 'owner_engagement',
  ownership: 'ownership',
  purpose: 'purpose',
};

/** The columns of a row besides its key, with their types, as jsonb_to_recordset reads them. */
const ROW_COLUMNS = [
  ['measured_at', 'timestamptz'],
  ['score', 'smallint'],
  ...HEALTH_COMPONENTS.map((c) => [COMPONENT_COLUMNS[c], 'smallint'] as const),
  ['members', 'integer'],
  ['weekly_active', 'integer'],
  ['monthly_active', 'integer'],
  ['active_ratio', 'float8'],
  ['joins', 'integer'],
  ['leaves', 'integer'],
  ['questions_waiting', 'integer'],
  ['requests_waiting', 'integer'],
  ['content_due', 'integer'],
  ['active_owners', 'integer'],
  ['flags', 'text[]'],
] as const;

/** $1 tenant, $2 the rows as JSON. */
const SAVE = `
INSERT INTO group_health_days (tenant_id, group_id, day, ${ROW_COLUMNS.map(([c]) => c).join(', ')})
SELECT $1, x.* FROM jsonb_to_recordset($2::jsonb) AS x (group_id uuid, day date, ${ROW_COLUMNS.map(([c, type]) => `${c} ${type}`).join(', ')})
ON CONFLICT (tenant_id, group_id, day) DO UPDATE SET ${ROW_COLUMNS.map(([c]) => `${c} = excluded.${c}`).join(', ')}`;

const SELECT_ROW = `h.group_id AS "groupId", h.day::text AS day, ${ROW_COLUMNS.map(([c]) => `h.${c}`).join(', ')}`;

type RowColumn = (typeof ROW_COLUMNS)[number][0];
type HealthRow = Record<RowColumn | 'groupId' | 'day', unknown>;

function toRow(health: GroupHealthDay): Record<string, unknown> {
  return {
    group_id: health.groupId,
    day: health.day,
    measured_at: health.measuredAt.toISOString(),
    score: health.score,
    ...Object.fromEntries(HEALTH_COMPONENTS.map((c) => [COMPONENT_COLUMNS[c], health.components[c]])),
    members: health.members,
    weekly_active: health.weeklyActive,
    monthly_active: health.monthlyActive,
    active_ratio: health.activeRatio,
    joins: health.joined,
    leaves: health.left,
    questions_waiting: health.questionsWaiting,
    requests_waiting: health.requestsWaiting,
    content_due: health.contentDue,
    active_owners: health.activeOwners,
    flags: health.flags,
  };
}

function toHealth(row: HealthRow): GroupHealthDay {
  return {
    groupId: row.groupId as string,
    day: row.day as string,
    measuredAt: row.measured_at as Date,
    score: row.score as number | null,
    components: Object.fromEntries(
      HEALTH_COMPONENTS.map((c) => [c, row[COMPONENT_COLUMNS[c] as RowColumn]]),
    ) as HealthComponents,
    members: row.members as number,
    weeklyActive: row.weekly_active as number,
    monthlyActive: row.monthly_active as number,
    activeRatio: row.active_ratio as number | null,
    joined: row.joins as number,
    left: row.leaves as number,
    questionsWaiting: row.questions_waiting as number,
    requestsWaiting: row.requests_waiting as number,
    contentDue: row.content_due as number,
    activeOwners: row.active_owners as number,
    flags: row.flags as GroupFlag[],
  };
}

/** What each sort orders by; rows without it (not measured) come last either way. */
const SORT_KEYS: Readonly<Record<OverviewSort, string>> = {
  score: 'h.score',
  name: 'g.name',
  platform: 'g.platform',
  owners: 'h.active_owners',
  members: 'h.members',
  weeklyActive: 'h.weekly_active',
  monthlyActive: 'h.monthly_active',
  activeRatio: 'h.active_ratio',
  trend: 'h.score - b.score',
  flags: 'cardinality(h.flags)',
  ...(Object.fromEntries(HEALTH_COMPONENTS.map((c) => [c, `h.${COMPONENT_COLUMNS[c]}`])) as Record<
    HealthComponent,
    string
  >),
};

/** The tenant's latest marked day: an InitPlan, whose value the scans of the rows can use as an index condition. */
const LATEST_DAY = '(SELECT max(day) FROM health_snapshot_days WHERE tenant_id = $1)';

/**
 * $1 tenant, $2 flags, $3 platform, $4 name pattern, $5 trend days, $6 limit, $7 offset, $8 and
 * $9 the score ranges' minimums and maximums, $10 the groups in scope (null: all). One
 * statement: the groups matching, each with what it is filtered and sorted by, counted and paged;
 * then the page's rows of the latest marked day and of `trend days` before, and its owners' names;
 * a page past the end still answers the total (the outer row with no group). The day's rows are
 * read by the (tenant, day) index and hash-joined to the groups (a join on a day the planner
 * cannot see, a CTE's, read every row of every day); the row before is read for all groups only
 * to sort by trend.
 */
function overviewSql(sort: OverviewSort, descending: boolean): string {
  const order = `${descending ? 'DESC' : 'ASC'} NULLS LAST, name, id`;
  const before = (alias: string, group: string) =>
    `LEFT JOIN group_health_days ${alias} ON ${alias}.tenant_id = $1 AND ${alias}.group_id = ${group} AND ${alias}.day = ${LATEST_DAY} - $5::int`;
  return `
WITH matched AS (
  SELECT g.id, g.name, g.platform, g.owner_ids, ${SORT_KEYS[sort]} AS sort_key
  FROM groups g
  LEFT JOIN group_health_days h ON h.tenant_id = $1 AND h.group_id = g.id AND h.day = ${LATEST_DAY}
  ${sort === 'trend' ? before('b', 'g.id') : ''}
  WHERE g.tenant_id = $1 AND g.state = 'active' AND (cardinality($2::text[]) = 0 OR h.flags @> $2::text[])
    AND ($3::text IS NULL OR g.platform = $3) AND ($4::text IS NULL OR g.name ILIKE $4)
    AND (cardinality($8::int[]) = 0 OR EXISTS (SELECT 1 FROM unnest($8::int[], $9::int[]) r (lo, hi) WHERE h.score >= r.lo AND h.score < r.hi))
    AND ($10::uuid[] IS NULL OR g.id = ANY ($10::uuid[]))
)
SELECT ${LATEST_DAY}::text AS latest, (SELECT count(*)::int FROM matched) AS total, p.id, p.name, p.platform, ${SELECT_ROW},
  b.score AS score_before,
  (SELECT coalesce(jsonb_agg(jsonb_build_object('personId', o.id, 'displayName', o.display_name, 'deactivated', o.deactivated_at IS NOT NULL)
     ORDER BY u.n), '[]'::jsonb)
   FROM unnest(p.owner_ids) WITH ORDINALITY AS u (id, n) JOIN people o ON o.tenant_id = $1 AND o.id = u.id) AS owners
FROM (SELECT 1) one
LEFT JOIN LATERAL (SELECT * FROM matched ORDER BY sort_key ${order} LIMIT $6 OFFSET $7) p ON true
LEFT JOIN group_health_days h ON h.tenant_id = $1 AND h.group_id = p.id AND h.day = ${LATEST_DAY}
${before('b', 'p.id')}
ORDER BY p.sort_key ${descending ? 'DESC' : 'ASC'} NULLS LAST, p.name, p.id`;
}

/** A name pattern for ILIKE matching `search` anywhere, its wildcards taken literally. */
const containing = (search: string) => `%${search.replace(/[\\%_]/g, '\\$&')}%`;

export class PostgresHealthSnapshots implements HealthSnapshotRepository {
  readonly #sql: Sql;
  constructor(sql: Sql) {
    this.#sql = sql;
  }

  async save(tenantId: string, rows: readonly GroupHealthDay[]): Promise<void> {
    if (rows.length === 0) return;
    await this.#sql.query(SAVE, [tenantId, JSON.stringify(rows.map(toRow))]);
  }

  async markDay(tenantId: string, day: SnapshotDay): Promise<void> {
    await this.#sql.query(
      `INSERT INTO health_snapshot_days (tenant_id, day, final, measured_at, groups) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (tenant_id, day) DO UPDATE SET final = excluded.final, measured_at = excluded.measured_at, groups = excluded.groups`,
      [tenantId, day.day, day.final, day.measuredAt, day.groups],
    );
  }

  async days(tenantId: string, range: DayRange): Promise<SnapshotDay[]> {
    const { rows } = await this.#sql.query<SnapshotDay & { [column: string]: unknown }>(
      `SELECT day::text AS day, final, measured_at AS "measuredAt", groups FROM health_snapshot_days
       WHERE tenant_id = $1 AND day BETWEEN $2 AND $3 ORDER BY day`,
      [tenantId, range.from, range.to],
    );
    return rows;
  }

  async series(tenantId: string, groupId: string, range: DayRange): Promise<GroupHealthDay[]> {
    const { rows } = await this.#sql.query<HealthRow>(
      `SELECT ${SELECT_ROW} FROM group_health_days h WHERE h.tenant_id = $1 AND h.group_id = $2 AND h.day BETWEEN $3 AND $4 ORDER BY h.day`,
      [tenantId, groupId, range.from, range.to],
    );
    return rows.map(toHealth);
  }

  async overview(tenantId: string, query: OverviewQuery): Promise<OverviewPage> {
    // The planner's cost of a large page (a CSV's batch) is over jit_above_cost, and compiling the
    // query took longer than running it: no JIT for this read.
    const { rows } = await this.#sql.transaction(async (tx) => {
      await tx.query('SET LOCAL jit = off');
      return tx.query<HealthRow & { latest: string | null; total: number; id: string | null }>(
        overviewSql(query.sort, query.descending),
        [
          tenantId,
          query.flags,
          query.platform,
          query.search === null ? null : containing(query.search),
          query.trendDays,
          query.limit,
          query.offset,
          query.scoreRanges.map((r) => r.min),
          query.scoreRanges.map((r) => r.max),
          query.groupIds,
        ],
      );
    });
    const first = rows[0];
    return {
      day: first?.latest ?? null,
      total: first?.total ?? 0,
      rows: rows
        .filter((row) => row.id !== null)
        .map((row) => ({
          groupId: row.id as string,
          name: row['name'] as string,
          platform: row['platform'] as Platform,
          owners: row['owners'] as OwnerName[],
          health: row.groupId === null ? null : toHealth(row),
          scoreBefore: row['score_before'] as number | null,
        })),
    };
  }
}
