import { CONTRIBUTIONS, type ContributionKind } from '../../../domain/contribution.ts';
import { type DayRange, windowEnding } from '../../../domain/days.ts';
import type { ActivityWindow } from '../../../domain/metrics/activity.ts';
import type { ResponseTally } from '../../../domain/metrics/questions.ts';
import { KIND_COUNTERS, type Question } from '../../../domain/rollups.ts';
import type {
  ContributorCounts,
  ContributorRanges,
  GroupTotals,
  MemberCount,
  MemberSummary,
  MetricsRepository,
  PresenceQuery,
  ResponseTarget,
} from '../../../ports/store/metrics.ts';
import { kindWeights, weighed } from '../kinds.ts';
import type { Sql } from '../sql.ts';

// Every read takes the groups as an array and reads each group's rows through a lateral subquery
// on its key range, as the weekly card's reads do: the embedded database plans without statistics,
// and a plain join over many groups may read all of the tenant's rows instead. An aggregate
// without GROUP BY answers one row per group, so a group without rows answers zeros.

const GROUPS = 'unnest($2::uuid[]) WITH ORDINALITY AS g (group_id, i)';
const COUNTERS = CONTRIBUTIONS.map((kind) => KIND_COUNTERS[kind]);
/** Weights per window: one parameter for the window's first day, then one weight per contribution kind. */
const PER_WINDOW = 1 + CONTRIBUTIONS.length;

/** $1 tenant, $2 group ids, $3 at. */
const MEMBER_COUNTS = `
SELECT (SELECT count(*) FROM memberships m
        WHERE m.tenant_id = $1 AND m.group_id = g.group_id AND m.joined_at < $3 AND (m.left_at IS NULL OR m.left_at >= $3))::int AS n
FROM ${GROUPS} ORDER BY g.i`;

/** $1 tenant, $2 group ids, $3 day, $4 earliest day, then each window's first day and kind weights. */
function activeMembersSql(windows: number): string {
  const at = (w: number) => 5 + w * PER_WINDOW;
  const each = Array.from({ length: windows }, (_, w) => w);
  return `
SELECT c.counts FROM ${GROUPS}
CROSS JOIN LATERAL (
  SELECT ARRAY[${each.map((w) => `count(*) FILTER (WHERE last${w} >= $${at(w)}::date)`).join(', ')}]::int[] AS counts
  FROM (
    SELECT ${each.map((w) => `max(day) FILTER (WHERE ${weighed(at(w) + 1)} > 0) AS last${w}`).join(', ')}
    FROM member_days WHERE tenant_id = $1 AND group_id = g.group_id AND day BETWEEN $4::date AND $3::date
    GROUP BY person_id
  ) p
) c
ORDER BY g.i`;
}

/** $1 tenant, $2 group ids, $3 from, $4 to. */
const GROUP_TOTALS = `
SELECT g.group_id AS "groupId", t.* FROM ${GROUPS}
CROSS JOIN LATERAL (
  SELECT ${['joins', 'leaves', ...COUNTERS].map((c) => `COALESCE(sum(${c}), 0)::int AS ${c}`).join(', ')},
    COALESCE(sum(questions_asked), 0)::int AS "questionsAsked", COALESCE(sum(questions_answered), 0)::int AS "questionsAnswered",
    COALESCE(sum(distinct_contributors), 0)::int AS "distinctContributors"
  FROM group_days WHERE tenant_id = $1 AND group_id = g.group_id AND day BETWEEN $3::date AND $4::date
) t
ORDER BY g.i`;

/** $1 tenant, $2 group ids, $3–$4 first days, $5–$6 last days. */
const CONTRIBUTOR_COUNTS = `
SELECT g.group_id AS "groupId", c.* FROM ${GROUPS}
CROSS JOIN LATERAL (
  SELECT count(*) FILTER (WHERE first_day BETWEEN $3::date AND $4::date)::int AS "first",
    count(*) FILTER (WHERE last_day BETWEEN $5::date AND $6::date)::int AS "last"
  FROM contributor_spans WHERE tenant_id = $1 AND group_id = g.group_id
) c
ORDER BY g.i`;

/** $1 tenant, $2 group ids, $3 from, $4 to, $5 earliest day, $6… presence kind weights, then each window's first day. */
function memberSummariesSql(windows: number): string {
  const firstDay = (w: number) => 6 + CONTRIBUTIONS.length + w;
  const presence = `${weighed(6)} > 0`;
  return `
SELECT g.group_id AS "groupId", s.* FROM ${GROUPS}
CROSS JOIN LATERAL (
  SELECT person_id AS "personId",
    ${COUNTERS.map((c) => `COALESCE(sum(${c}) FILTER (WHERE day >= $3::date), 0)::int AS ${c}`).join(', ')},
    ARRAY[${Array.from({ length: windows }, (_, w) => `count(*) FILTER (WHERE day >= $${firstDay(w)}::date AND ${presence})`).join(', ')}]::int[]
      AS "activeDays"
  FROM member_days WHERE tenant_id = $1 AND group_id = g.group_id AND day BETWEEN $5::date AND $4::date
  GROUP BY person_id
) s
ORDER BY g.i, s."personId"`;
}

/**
 * $1 tenant, $2 group ids, $3 targets (ms), $4 since, $5 at. A response known at $5 is one before
 * it; within the target means at most the target after the question.
 */
const RESPONSE_TALLIES = `
SELECT c.* FROM unnest($2::uuid[], $3::float8[]) WITH ORDINALITY AS g (group_id, target_ms, i)
CROSS JOIN LATERAL (
  SELECT count(*) FILTER (WHERE answered AND wait_ms <= g.target_ms)::int AS within,
    count(*) FILTER (WHERE answered AND wait_ms > g.target_ms)::int AS late,
    count(*) FILTER (WHERE NOT answered AND age_ms > g.target_ms)::int AS waiting,
    count(*) FILTER (WHERE NOT answered AND age_ms <= g.target_ms)::int AS pending
  FROM questions q
  CROSS JOIN LATERAL (
    SELECT COALESCE(q.first_response_at < $5, false) AS answered,
      extract(epoch FROM q.first_response_at - q.asked_at) * 1000 AS wait_ms,
      extract(epoch FROM $5::timestamptz - q.asked_at) * 1000 AS age_ms
  ) x
  WHERE q.tenant_id = $1 AND q.group_id = g.group_id AND q.asked_at >= $4 AND q.asked_at < $5
) c
ORDER BY g.i`;

const QUESTION_COLUMNS = `group_id AS "groupId", thread_id AS "threadId", asker_id AS "askerId", asked_at AS "askedAt",
  first_response_at AS "firstResponseAt"`;

/** $1 tenant, $2 group ids, $3 since, $4 until. */
const QUESTIONS = `
SELECT q.* FROM ${GROUPS}
CROSS JOIN LATERAL (
  SELECT ${QUESTION_COLUMNS} FROM questions
  WHERE tenant_id = $1 AND group_id = g.group_id AND asked_at >= $3 AND asked_at < $4
) q
ORDER BY g.i, q."askedAt", q."threadId"`;

/** $1 tenant, $2 group ids. */
const OPEN_QUESTIONS = `
SELECT q.* FROM ${GROUPS}
CROSS JOIN LATERAL (
  SELECT ${QUESTION_COLUMNS} FROM questions WHERE tenant_id = $1 AND group_id = g.group_id AND first_response_at IS NULL
) q
ORDER BY g.i, q."askedAt", q."threadId"`;

/** $1 tenant, $2 group ids, $3 from, $4 to, $5 limit, $6… kind weights. */
const TOP_MEMBERS = `
SELECT g.group_id AS "groupId", t.* FROM ${GROUPS}
CROSS JOIN LATERAL (
  SELECT person_id AS "personId", sum(${weighed(6)})::int AS count
  FROM member_days WHERE tenant_id = $1 AND group_id = g.group_id AND day BETWEEN $3::date AND $4::date
  GROUP BY person_id HAVING sum(${weighed(6)}) > 0
  ORDER BY count DESC, person_id LIMIT $5
) t
ORDER BY g.i, t.count DESC, t."personId"`;

/** The day each window starts, and the earliest of them. */
function windowStarts(day: string, lengths: readonly number[]): { starts: string[]; earliest: string } {
  const starts = lengths.map((days) => windowEnding(day, days).from);
  return { starts, earliest: starts.reduce((a, b) => (b < a ? b : a), day) };
}

export class PostgresMetrics implements MetricsRepository {
  readonly #sql: Sql;
  constructor(sql: Sql) {
    this.#sql = sql;
  }

  async memberCounts(tenantId: string, groupIds: readonly string[], at: Date): Promise<number[]> {
    if (groupIds.length === 0) return [];
    const { rows } = await this.#sql.query<{ n: number }>(MEMBER_COUNTS, [tenantId, groupIds, at]);
    return rows.map((row) => row.n);
  }

  async activeMembers(
    tenantId: string,
    groupIds: readonly string[],
    day: string,
    windows: readonly ActivityWindow[],
  ): Promise<number[][]> {
    if (groupIds.length === 0 || windows.length === 0) return groupIds.map(() => []);
    const { starts, earliest } = windowStarts(
      day,
      windows.map((w) => w.days),
    );
    const params = windows.flatMap((w, i) => [starts[i], ...kindWeights(w.kinds)]);
    const { rows } = await this.#sql.query<{ counts: number[] }>(activeMembersSql(windows.length), [
      tenantId,
      groupIds,
      day,
      earliest,
      ...params,
    ]);
    return rows.map((row) => row.counts);
  }

  async groupTotals(tenantId: string, groupIds: readonly string[], range: DayRange): Promise<GroupTotals[]> {
    if (groupIds.length === 0) return [];
    const { rows } = await this.#sql.query<GroupTotals & { [column: string]: unknown }>(GROUP_TOTALS, [
      tenantId,
      groupIds,
      range.from,
      range.to,
    ]);
    return rows;
  }

  async contributorCounts(
    tenantId: string,
    groupIds: readonly string[],
    ranges: ContributorRanges,
  ): Promise<ContributorCounts[]> {
    if (groupIds.length === 0) return [];
    const { firstIn, lastIn } = ranges;
    const { rows } = await this.#sql.query<ContributorCounts & { [column: string]: unknown }>(CONTRIBUTOR_COUNTS, [
      tenantId,
      groupIds,
      firstIn.from,
      firstIn.to,
      lastIn.from,
      lastIn.to,
    ]);
    return rows;
  }

  async memberSummaries(
    tenantId: string,
    groupIds: readonly string[],
    range: DayRange,
    presence: PresenceQuery,
  ): Promise<MemberSummary[]> {
    if (groupIds.length === 0) return [];
    const { starts, earliest } = windowStarts(range.to, presence.windows);
    const { rows } = await this.#sql.query<{ [column: string]: unknown }>(memberSummariesSql(presence.windows.length), [
      tenantId,
      groupIds,
      range.from,
      range.to,
      earliest < range.from ? earliest : range.from,
      ...kindWeights(presence.kinds),
      ...starts,
    ]);
    return rows.map((row) => ({
      groupId: row['groupId'] as string,
      personId: row['personId'] as string,
      counts: Object.fromEntries(COUNTERS.map((c) => [c, row[c] as number])) as unknown as MemberSummary['counts'],
      activeDays: row['activeDays'] as number[],
    }));
  }

  async responseTallies(
    tenantId: string,
    groups: readonly ResponseTarget[],
    since: Date,
    at: Date,
  ): Promise<ResponseTally[]> {
    if (groups.length === 0) return [];
    const { rows } = await this.#sql.query<ResponseTally & { [column: string]: unknown }>(RESPONSE_TALLIES, [
      tenantId,
      groups.map((g) => g.groupId),
      groups.map((g) => g.targetMs),
      since,
      at,
    ]);
    return rows;
  }

  async listQuestions(tenantId: string, groupIds: readonly string[], since: Date, until: Date): Promise<Question[]> {
    if (groupIds.length === 0) return [];
    const { rows } = await this.#sql.query<Question & { [column: string]: unknown }>(QUESTIONS, [
      tenantId,
      groupIds,
      since,
      until,
    ]);
    return rows;
  }

  async listOpenQuestions(tenantId: string, groupIds: readonly string[]): Promise<Question[]> {
    if (groupIds.length === 0) return [];
    const { rows } = await this.#sql.query<Question & { [column: string]: unknown }>(OPEN_QUESTIONS, [
      tenantId,
      groupIds,
    ]);
    return rows;
  }

  async topMembers(
    tenantId: string,
    groupIds: readonly string[],
    range: DayRange,
    kinds: readonly ContributionKind[],
    limit: number,
  ): Promise<MemberCount[]> {
    if (groupIds.length === 0 || limit <= 0) return [];
    const { rows } = await this.#sql.query<MemberCount & { [column: string]: unknown }>(TOP_MEMBERS, [
      tenantId,
      groupIds,
      range.from,
      range.to,
      limit,
      ...kindWeights(kinds),
    ]);
    return rows;
  }
}
