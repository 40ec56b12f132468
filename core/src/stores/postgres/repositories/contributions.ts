import { CONTRIBUTIONS, type ContributionEvent } from '../../../domain/contribution.ts';
import type { DayRange } from '../../../domain/days.ts';
import type { Platform } from '../../../domain/platform.ts';
import { isResponse, RESPONSE_KINDS } from '../../../domain/question.ts';
import {
  type ContributorSpan,
  type GroupDay,
  KIND_COUNTERS,
  type MemberDay,
  type Question,
} from '../../../domain/rollups.ts';
import type {
  ContributionRepository,
  GroupWeek,
  GroupWeekQuery,
  GroupWeekWindow,
  IngestResult,
  Listed,
} from '../../../ports/store/contributions.ts';
import { groupWeekBounds } from '../../group-week.ts';
import { countersOf, weighed, weightsOf } from '../kinds.ts';
import type { Sql } from '../sql.ts';

// Times travel as epoch milliseconds: pg serialises a number array several times faster than a Date array.
const INPUT = `(SELECT group_id, person_id, kind, to_timestamp(occurred_ms / 1000.0) AS occurred_at, platform,
  platform_event_id, thread_id, asks_question
  FROM unnest($2::uuid[], $3::uuid[], $4::text[], $5::float8[], $6::text[], $7::text[], $8::text[], $9::boolean[])
  AS u(group_id, person_id, kind, occurred_ms, platform, platform_event_id, thread_id, asks_question)) t`;

const COUNTERS = CONTRIBUTIONS.map((kind) => KIND_COUNTERS[kind]);
const COUNTS = countersOf(CONTRIBUTIONS);

/**
 * One statement stores the new events and folds exactly those (never the redelivered ones) into
 * the rollups: the data-modifying CTEs all see `stored`, the rows this statement inserted. Each
 * upsert is pre-aggregated by its key, since one statement may not touch a row twice. $10: the
 * kinds that are contributions (the core's rule).
 */
const STORE_AND_ROLL_UP = `
WITH stored AS (
  INSERT INTO contribution_events (tenant_id, platform, platform_event_id, group_id, person_id, kind, occurred_at,
    thread_id, asks_question)
  SELECT $1, platform, platform_event_id, group_id, person_id, kind, occurred_at, thread_id, asks_question
  FROM ${INPUT}
  ON CONFLICT DO NOTHING
  RETURNING group_id, person_id, kind, occurred_at, thread_id, asks_question,
    (occurred_at AT TIME ZONE 'UTC')::date AS day
),
contributions AS (SELECT * FROM stored WHERE kind = ANY($10::text[])),
member_rollup AS (
  INSERT INTO member_days AS m (tenant_id, group_id, day, person_id, ${COUNTERS.join(', ')})
  SELECT $1, group_id, day, person_id, ${COUNTS} FROM contributions GROUP BY group_id, day, person_id
  ON CONFLICT (tenant_id, group_id, day, person_id) DO UPDATE SET
    ${COUNTERS.map((counter) => `${counter} = m.${counter} + excluded.${counter}`).join(', ')}
  RETURNING group_id, person_id, day, (xmax = 0) AS first_of_day
),
spans AS (
  INSERT INTO contributor_spans AS s (tenant_id, group_id, person_id, first_day, last_day)
  SELECT $1, group_id, person_id, min(day), max(day) FROM member_rollup WHERE first_of_day GROUP BY group_id, person_id
  ON CONFLICT (tenant_id, group_id, person_id) DO UPDATE SET first_day = LEAST(s.first_day, excluded.first_day),
    last_day = GREATEST(s.last_day, excluded.last_day)
),
asked AS (
  INSERT INTO questions (tenant_id, group_id, thread_id, asker_id, asked_at)
  SELECT DISTINCT ON (group_id, thread_id) $1, group_id, thread_id, person_id, occurred_at
  FROM stored WHERE asks_question AND thread_id IS NOT NULL ORDER BY group_id, thread_id, occurred_at
  ON CONFLICT DO NOTHING
),
new_contributors AS (
  SELECT group_id, day, count(*) AS n FROM member_rollup WHERE first_of_day GROUP BY group_id, day
),
group_rollup AS (
  INSERT INTO group_days AS g (tenant_id, group_id, day, joins, leaves, posts, replies, reactions, files, answers,
    questions_asked, distinct_contributors)
  SELECT $1, e.group_id, e.day, e.joins, e.leaves, e.posts, e.replies, e.reactions, e.files, e.answers, e.asked,
    COALESCE(n.n, 0)
  FROM (
    SELECT group_id, day, ${countersOf(['join', 'leave'])}, ${COUNTS}, count(*) FILTER (WHERE asks_question) AS asked
    FROM stored GROUP BY group_id, day
  ) e LEFT JOIN new_contributors n ON n.group_id = e.group_id AND n.day = e.day
  ON CONFLICT (tenant_id, group_id, day) DO UPDATE SET joins = g.joins + excluded.joins,
    leaves = g.leaves + excluded.leaves, posts = g.posts + excluded.posts, replies = g.replies + excluded.replies,
    reactions = g.reactions + excluded.reactions, files = g.files + excluded.files,
    answers = g.answers + excluded.answers, questions_asked = g.questions_asked + excluded.questions_asked,
    distinct_contributors = g.distinct_contributors + excluded.distinct_contributors
)
SELECT count(*)::int AS stored FROM stored`;

/**
 * A response ($10: the kinds that respond, the core's rule) by someone other than the asker. Only an earlier first response
 * changes a question, so replaying a batch changes nothing; the day that counts it as answered
 * moves with it. Questions are found and changed through their key (a lateral lookup, then an
 * upsert) so that no plan ever scans all of a tenant's questions.
 */
const FIRST_RESPONSES = `
WITH responses AS (
  SELECT q.group_id, q.thread_id, q.asker_id, q.asked_at, q.first_response_at AS previous, min(t.occurred_at) AS at
  FROM ${INPUT}
  CROSS JOIN LATERAL (
    SELECT * FROM questions q WHERE q.tenant_id = $1 AND q.group_id = t.group_id AND q.thread_id = t.thread_id LIMIT 1
  ) q
  WHERE t.kind = ANY($10::text[]) AND t.thread_id IS NOT NULL AND t.person_id <> q.asker_id
    AND t.occurred_at >= q.asked_at
  GROUP BY q.group_id, q.thread_id, q.asker_id, q.asked_at, q.first_response_at
  HAVING q.first_response_at IS NULL OR min(t.occurred_at) < q.first_response_at
),
answered AS (
  INSERT INTO questions AS q (tenant_id, group_id, thread_id, asker_id, asked_at, first_response_at)
  SELECT $1, group_id, thread_id, asker_id, asked_at, at FROM responses
  ON CONFLICT (tenant_id, group_id, thread_id) DO UPDATE SET first_response_at = excluded.first_response_at
  WHERE q.first_response_at IS NULL OR excluded.first_response_at < q.first_response_at
  RETURNING q.group_id, q.thread_id
),
moves AS (
  SELECT r.group_id, (r.at AT TIME ZONE 'UTC')::date AS day, 1 AS delta
  FROM answered a JOIN responses r USING (group_id, thread_id)
  UNION ALL
  SELECT r.group_id, (r.previous AT TIME ZONE 'UTC')::date, -1
  FROM answered a JOIN responses r USING (group_id, thread_id) WHERE r.previous IS NOT NULL
)
INSERT INTO group_days AS g (tenant_id, group_id, day, questions_answered)
SELECT $1, group_id, day, sum(delta) FROM moves GROUP BY group_id, day
ON CONFLICT (tenant_id, group_id, day) DO UPDATE SET questions_answered = g.questions_answered + excluded.questions_answered`;

function inputParams(tenantId: string, events: readonly ContributionEvent[]): unknown[] {
  return [
    tenantId,
    events.map((e) => e.groupId),
    events.map((e) => e.personId),
    events.map((e) => e.kind),
    events.map((e) => e.occurredAt.getTime()),
    events.map((e) => e.platform),
    events.map((e) => e.platformEventId),
    events.map((e) => e.threadId),
    events.map((e) => e.asksQuestion),
  ];
}

const ROLLUP_COLUMNS = `posts::int, replies::int, reactions::int, files::int, answers::int`;

// The weekly card's sections, each one statement for all the groups asked about. Each group's rows
// are read through a lateral subquery, so every plan reads a group's own index range: the embedded
// database has no autovacuum, hence no statistics, and without them a plain join over all the
// groups may read all of the tenant's rows instead. `i` is the group's position in the request (a
// group asked about twice answers twice), `n` numbers its rows in the section's order and `total`
// counts them. A group's first row always comes ($3, the rows kept, is at least 1) so that its
// total does even when the limit keeps no item.

/**
 * $1 tenant, $2 group ids, $3 rows kept, $4 since, $5 until. OFFSET 0 keeps "left_at IS NULL" out
 * of the scan, which then reads the group's rows by key: given that condition, a planner without
 * statistics may take memberships_person and read all of the tenant's current members per group.
 */
const NEW_MEMBERS = `
SELECT g.i, m.* FROM unnest($2::uuid[]) WITH ORDINALITY AS g (group_id, i)
CROSS JOIN LATERAL (
  SELECT person_id AS "personId", joined_at AS "joinedAt",
    row_number() OVER (ORDER BY joined_at DESC, person_id) AS n, count(*) OVER () AS total
  FROM (
    SELECT person_id, joined_at, left_at FROM memberships
    WHERE tenant_id = $1 AND group_id = g.group_id AND joined_at >= $4 AND joined_at < $5 OFFSET 0
  ) joined
  WHERE left_at IS NULL
) m
WHERE m.n <= $3 ORDER BY g.i, m.n`;

/** $1 tenant, $2 group ids, $3 rows kept, $4 asked since, $5 asked before (per group). */
const OVERDUE_QUESTIONS = `
SELECT g.i, q.* FROM unnest($2::uuid[], $5::timestamptz[]) WITH ORDINALITY AS g (group_id, asked_before, i)
CROSS JOIN LATERAL (
  SELECT group_id AS "groupId", thread_id AS "threadId", asker_id AS "askerId", asked_at AS "askedAt",
    first_response_at AS "firstResponseAt",
    row_number() OVER (ORDER BY asked_at, thread_id) AS n, count(*) OVER () AS total
  FROM questions
  WHERE tenant_id = $1 AND group_id = g.group_id AND first_response_at IS NULL
    AND asked_at >= $4 AND asked_at < g.asked_before
) q
WHERE q.n <= $3 ORDER BY g.i, q.n`;

/** $1 tenant, $2 group ids, $3 rows kept, $4 first day, $5 end day (excluded), $6… weights. */
const TOP_CONTRIBUTORS = `
SELECT g.i, t.* FROM unnest($2::uuid[]) WITH ORDINALITY AS g (group_id, i)
CROSS JOIN LATERAL (
  SELECT person_id AS "personId", score, row_number() OVER (ORDER BY score DESC, person_id) AS n
  FROM (
    SELECT person_id, sum(${weighed(6)}) AS score
    FROM member_days
    WHERE tenant_id = $1 AND group_id = g.group_id AND day >= $4::date AND day < $5::date
    GROUP BY person_id
  ) s
  WHERE score > 0
) t
WHERE t.n <= $3 ORDER BY g.i, t.n`;

/**
 * $1 tenant, $2 group ids, $3 rows kept, $4 from, $5 to (days, both included). Each span's
 * membership is looked up by its key: as a join, a planner without statistics may read all of the
 * tenant's current members instead (memberships_person). Members who joined in the range (UTC
 * days) and have no span never contributed; they count from the day they joined, and their span
 * is looked up by its key too. OFFSET 0 as in NEW_MEMBERS.
 */
const INACTIVE_MEMBERS = `
SELECT g.i, x.* FROM unnest($2::uuid[]) WITH ORDINALITY AS g (group_id, i)
CROSS JOIN LATERAL (
  SELECT u.person_id AS "personId", u.last_day::text AS "lastDay", u.never AS "neverContributed",
    row_number() OVER (ORDER BY u.last_day, u.person_id) AS n, count(*) OVER () AS total
  FROM (
    SELECT s.person_id, s.last_day, false AS never
    FROM contributor_spans s
    WHERE s.tenant_id = $1 AND s.group_id = g.group_id AND s.last_day BETWEEN $4::date AND $5::date
      AND (SELECT m.left_at IS NULL FROM memberships m
           WHERE m.tenant_id = s.tenant_id AND m.group_id = s.group_id AND m.person_id = s.person_id)
    UNION ALL
    SELECT j.person_id, (j.joined_at AT TIME ZONE 'UTC')::date, true
    FROM (
      SELECT person_id, joined_at, left_at FROM memberships
      WHERE tenant_id = $1 AND group_id = g.group_id
        AND joined_at >= $4::date::timestamp AT TIME ZONE 'UTC' AND joined_at < ($5::date + 1)::timestamp AT TIME ZONE 'UTC'
      OFFSET 0
    ) j
    WHERE j.left_at IS NULL
      AND NOT EXISTS (SELECT 1 FROM contributor_spans s WHERE s.tenant_id = $1 AND s.group_id = g.group_id AND s.person_id = j.person_id)
  ) u
) x
WHERE x.n <= $3 ORDER BY g.i, x.n`;

interface Numbered {
  [column: string]: unknown;
  /** The group's position in the request, from 1. */
  i: number;
  n: number;
}

interface Counted extends Numbered {
  total: number;
}

interface NewMemberRow extends Counted {
  personId: string;
  joinedAt: Date;
}

interface OverdueQuestionRow extends Counted, Question {}

interface TopContributorRow extends Numbered {
  personId: string;
  score: number;
}

interface InactiveMemberRow extends Counted {
  personId: string;
  lastDay: string;
  neverContributed: boolean;
}

/** Each group's rows, in order, by the group's position in the request. */
function byPosition<R extends Numbered>(rows: readonly R[]): Map<number, R[]> {
  const map = new Map<number, R[]>();
  for (const row of rows) {
    const list = map.get(row.i);
    if (list) list.push(row);
    else map.set(row.i, [row]);
  }
  return map;
}

function kept<R extends Numbered, T>(rows: readonly R[] | undefined, limit: number, item: (row: R) => T): T[] {
  return (rows ?? []).filter((row) => row.n <= limit).map(item);
}

/** At most `limit` of the rows as items, and the group's total. */
function listed<R extends Counted, T>(rows: readonly R[] | undefined, limit: number, item: (row: R) => T): Listed<T> {
  return { items: kept(rows, limit, item), total: rows?.[0]?.total ?? 0 };
}

export class PostgresContributions implements ContributionRepository {
  readonly #sql: Sql;
  constructor(sql: Sql) {
    this.#sql = sql;
  }

  async record(tenantId: string, events: readonly ContributionEvent[]): Promise<IngestResult> {
    if (events.length === 0) return { stored: 0, duplicates: 0 };
    const params = inputParams(tenantId, events);
    const stored = await this.#sql.transaction(async (tx) => {
      // The per-key aggregates of a large batch would otherwise spill to disk.
      await tx.query("SET LOCAL work_mem = '32MB'");
      const { rows } = await tx.query<{ stored: number }>(STORE_AND_ROLL_UP, [...params, CONTRIBUTIONS]);
      if (events.some((e) => isResponse(e.kind))) await tx.query(FIRST_RESPONSES, [...params, RESPONSE_KINDS]);
      return rows[0]?.stored ?? 0;
    });
    return { stored, duplicates: events.length - stored };
  }

  async groupDays(tenantId: string, groupId: string, range: DayRange): Promise<GroupDay[]> {
    const { rows } = await this.#sql.query<Record<string, unknown>>(
      `SELECT group_id AS "groupId", day::text AS day, joins, leaves, ${ROLLUP_COLUMNS},
         questions_asked AS "questionsAsked", questions_answered AS "questionsAnswered",
         distinct_contributors AS "distinctContributors"
       FROM group_days WHERE tenant_id = $1 AND group_id = $2 AND day BETWEEN $3 AND $4 ORDER BY day`,
      [tenantId, groupId, range.from, range.to],
    );
    return rows as unknown as GroupDay[];
  }

  async memberDays(tenantId: string, groupId: string, range: DayRange): Promise<MemberDay[]> {
    const { rows } = await this.#sql.query<Record<string, unknown>>(
      `SELECT group_id AS "groupId", person_id AS "personId", day::text AS day, ${ROLLUP_COLUMNS}
       FROM member_days WHERE tenant_id = $1 AND group_id = $2 AND day BETWEEN $3 AND $4 ORDER BY day, person_id`,
      [tenantId, groupId, range.from, range.to],
    );
    return rows as unknown as MemberDay[];
  }

  async contributorSpans(tenantId: string, groupId: string): Promise<ContributorSpan[]> {
    const { rows } = await this.#sql.query<Record<string, unknown>>(
      `SELECT group_id AS "groupId", person_id AS "personId", first_day::text AS "firstDay", last_day::text AS "lastDay"
       FROM contributor_spans WHERE tenant_id = $1 AND group_id = $2 ORDER BY first_day, person_id`,
      [tenantId, groupId],
    );
    return rows as unknown as ContributorSpan[];
  }

  async questions(tenantId: string, groupId: string): Promise<Question[]> {
    const { rows } = await this.#sql.query<Record<string, unknown>>(
      `SELECT group_id AS "groupId", thread_id AS "threadId", asker_id AS "askerId", asked_at AS "askedAt",
         first_response_at AS "firstResponseAt"
       FROM questions WHERE tenant_id = $1 AND group_id = $2 ORDER BY asked_at, thread_id`,
      [tenantId, groupId],
    );
    return rows as unknown as Question[];
  }

  async lastActivePlatform(tenantId: string, personId: string): Promise<Platform | null> {
    // Spans are kept by day: of two groups last used the same day, the first by id wins.
    const { rows } = await this.#sql.query<{ platform: Platform }>(
      `SELECT g.platform FROM contributor_spans s JOIN groups g ON g.tenant_id = s.tenant_id AND g.id = s.group_id
       WHERE s.tenant_id = $1 AND s.person_id = $2 ORDER BY s.last_day DESC, s.group_id LIMIT 1`,
      [tenantId, personId],
    );
    return rows[0]?.platform ?? null;
  }

  async groupWeeks(tenantId: string, groups: readonly GroupWeekQuery[], window: GroupWeekWindow): Promise<GroupWeek[]> {
    if (groups.length === 0) return [];
    const { questionsSince, firstDay, endDay } = groupWeekBounds(window);
    const { limit, weights } = window;
    const common = [tenantId, groups.map((g) => g.groupId), Math.max(limit, 1)];
    const [members, questions, top, inactive] = await Promise.all([
      this.#sql.query<NewMemberRow>(NEW_MEMBERS, [...common, window.since, window.until]),
      this.#sql.query<OverdueQuestionRow>(OVERDUE_QUESTIONS, [
        ...common,
        questionsSince,
        groups.map((g) => g.questionsAskedBefore),
      ]),
      this.#sql.query<TopContributorRow>(TOP_CONTRIBUTORS, [...common, firstDay, endDay, ...weightsOf(weights)]),
      this.#sql.query<InactiveMemberRow>(INACTIVE_MEMBERS, [...common, window.inactive.from, window.inactive.to]),
    ]);
    const membersAt = byPosition(members.rows);
    const questionsAt = byPosition(questions.rows);
    const topAt = byPosition(top.rows);
    const inactiveAt = byPosition(inactive.rows);
    return groups.map(({ groupId }, index) => ({
      groupId,
      newMembers: listed(membersAt.get(index + 1), limit, (row) => ({
        personId: row.personId,
        joinedAt: row.joinedAt,
      })),
      overdueQuestions: listed(questionsAt.get(index + 1), limit, (row) => ({
        groupId: row.groupId,
        threadId: row.threadId,
        askerId: row.askerId,
        askedAt: row.askedAt,
        firstResponseAt: row.firstResponseAt,
      })),
      topContributors: kept(topAt.get(index + 1), limit, (row) => ({ personId: row.personId, score: row.score })),
      inactiveMembers: listed(inactiveAt.get(index + 1), limit, (row) => ({
        personId: row.personId,
        lastDay: row.lastDay,
        neverContributed: row.neverContributed,
      })),
    }));
  }
}
