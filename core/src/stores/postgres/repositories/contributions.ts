import type { ContributionEvent } from '../../../domain/contribution.ts';
import type { ContributorSpan, GroupDay, MemberDay, Question } from '../../../domain/rollups.ts';
import type { ContributionRepository, DayRange, IngestResult } from '../../../ports/store/contributions.ts';
import type { Sql } from '../sql.ts';

// Times travel as epoch milliseconds: pg serialises a number array several times faster than a Date array.
const INPUT = `(SELECT group_id, person_id, kind, to_timestamp(occurred_ms / 1000.0) AS occurred_at, platform,
  platform_event_id, thread_id, asks_question
  FROM unnest($2::uuid[], $3::uuid[], $4::text[], $5::float8[], $6::text[], $7::text[], $8::text[], $9::boolean[])
  AS u(group_id, person_id, kind, occurred_ms, platform, platform_event_id, thread_id, asks_question)) t`;

const COUNTS = `
  count(*) FILTER (WHERE kind = 'post') AS posts, count(*) FILTER (WHERE kind = 'reply') AS replies,
  count(*) FILTER (WHERE kind = 'reaction') AS reactions, count(*) FILTER (WHERE kind = 'file') AS files,
  count(*) FILTER (WHERE kind = 'answer') AS answers`;

/**
 * One statement stores the new events and folds exactly those (never the redelivered ones) into
 * the rollups: the data-modifying CTEs all see `stored`, the rows this statement inserted. Each
 * upsert is pre-aggregated by its key, since one statement may not touch a row twice.
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
contributions AS (SELECT * FROM stored WHERE kind NOT IN ('join', 'leave')),
member_rollup AS (
  INSERT INTO member_days AS m (tenant_id, group_id, day, person_id, posts, replies, reactions, files, answers)
  SELECT $1, group_id, day, person_id, ${COUNTS} FROM contributions GROUP BY group_id, day, person_id
  ON CONFLICT (tenant_id, group_id, day, person_id) DO UPDATE SET posts = m.posts + excluded.posts,
    replies = m.replies + excluded.replies, reactions = m.reactions + excluded.reactions,
    files = m.files + excluded.files, answers = m.answers + excluded.answers
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
    SELECT group_id, day, count(*) FILTER (WHERE kind = 'join') AS joins,
      count(*) FILTER (WHERE kind = 'leave') AS leaves, ${COUNTS}, count(*) FILTER (WHERE asks_question) AS asked
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
 * A reply or answer by someone other than the asker is a response. Only an earlier first response
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
  WHERE t.kind IN ('reply', 'answer') AND t.thread_id IS NOT NULL AND t.person_id <> q.asker_id
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
      const { rows } = await tx.query<{ stored: number }>(STORE_AND_ROLL_UP, params);
      if (events.some((e) => e.kind === 'reply' || e.kind === 'answer')) await tx.query(FIRST_RESPONSES, params);
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
}
