import { ESCALATION_STEPS, type EscalationStep } from '../../../domain/question-escalation.ts';
import type { Question } from '../../../domain/rollups.ts';
import type { Listed } from '../../../ports/store/contributions.ts';
import type {
  EscalatingQuestionRow,
  QuestionCursor,
  QuestionEscalationRepository,
} from '../../../ports/store/question-escalations.ts';
import type { Sql } from '../sql.ts';

const LAST_STEP: EscalationStep = ESCALATION_STEPS.at(-1)!;

const COLUMNS = `q.group_id AS "groupId", q.thread_id AS "threadId", q.asker_id AS "askerId", q.asked_at AS "askedAt",
  q.first_response_at AS "firstResponseAt"`;
// Open questions of active groups, read by age through questions_open_by_age.
const OPEN_OF_ACTIVE_GROUPS = `FROM questions q JOIN groups g ON g.tenant_id = q.tenant_id AND g.id = q.group_id AND g.state = 'active'
WHERE q.tenant_id = $1 AND q.first_response_at IS NULL`;

/** $1 tenant, $2 from, $3 before, $4 last step, $5 limit, $6–$8 the cursor (or nulls). */
const LIST_OPEN = `
SELECT ${COLUMNS}, q.escalation, g.response_target_hours AS "responseTargetHours"
${OPEN_OF_ACTIVE_GROUPS} AND q.asked_at >= $2 AND q.asked_at < $3 AND q.escalation IS DISTINCT FROM $4
  AND ($6::timestamptz IS NULL OR (q.asked_at, q.group_id, q.thread_id) > ($6::timestamptz, $7::uuid, $8::text))
ORDER BY q.asked_at, q.group_id, q.thread_id
LIMIT $5`;

/** $1 tenant, $2 step, $3 limit. The count runs before the limit. */
const AT_STEP = `
SELECT ${COLUMNS}, count(*) OVER ()::int AS total
${OPEN_OF_ACTIVE_GROUPS} AND q.escalation = $2
ORDER BY q.asked_at, q.group_id, q.thread_id
LIMIT $3`;

export class PostgresQuestionEscalations implements QuestionEscalationRepository {
  readonly #sql: Sql;
  constructor(sql: Sql) {
    this.#sql = sql;
  }

  async listOpen(
    tenantId: string,
    asked: { from: Date; before: Date },
    limit: number,
    after: QuestionCursor | null = null,
  ): Promise<EscalatingQuestionRow[]> {
    const { rows } = await this.#sql.query<EscalatingQuestionRow & { [column: string]: unknown }>(LIST_OPEN, [
      tenantId,
      asked.from,
      asked.before,
      LAST_STEP,
      limit,
      after?.askedAt ?? null,
      after?.groupId ?? null,
      after?.threadId ?? null,
    ]);
    return rows;
  }

  async advance(
    tenantId: string,
    question: Pick<Question, 'groupId' | 'threadId'>,
    from: EscalationStep | null,
    to: EscalationStep,
  ): Promise<boolean> {
    const { rowCount } = await this.#sql.query(
      `UPDATE questions SET escalation = $5
       WHERE tenant_id = $1 AND group_id = $2 AND thread_id = $3 AND first_response_at IS NULL AND escalation IS NOT DISTINCT FROM $4::text`,
      [tenantId, question.groupId, question.threadId, from, to],
    );
    return rowCount > 0;
  }

  async listAtStep(tenantId: string, step: EscalationStep, limit: number): Promise<Listed<Question>> {
    const { rows } = await this.#sql.query<Question & { total: number; [column: string]: unknown }>(AT_STEP, [
      tenantId,
      step,
      limit,
    ]);
    return { items: rows.map(({ total: _, ...question }) => question), total: rows[0]?.total ?? 0 };
  }
}
