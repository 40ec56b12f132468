import type { EscalationStep } from '../../domain/question-escalation.ts';
import type { Question } from '../../domain/rollups.ts';
import type { Listed } from './contributions.ts';

/** An open question on the ladder: the last step taken, and its group's response target. */
export interface EscalatingQuestionRow extends Question {
  readonly escalation: EscalationStep | null;
  readonly responseTargetHours: number;
}

/** Where a page of questions starts after: the last row of the page before. */
export type QuestionCursor = Pick<Question, 'askedAt' | 'groupId' | 'threadId'>;

/**
 * The escalation ladder's record of each question (`escalationDue` decides; the store keeps what
 * was done). Reads go by age through an index of the open questions only.
 */
export interface QuestionEscalationRepository {
  /**
   * The open questions (no response) of the tenant's active groups asked in [from, before), whose
   * last step is not the last of the ladder: oldest first, then by group, then thread, after
   * `after` when given; at most `limit`.
   */
  listOpen(
    tenantId: string,
    asked: { readonly from: Date; readonly before: Date },
    limit: number,
    after?: QuestionCursor | null,
  ): Promise<EscalatingQuestionRow[]>;
  /**
   * Records that `to` was taken, if the question is still open and its last step still `from`
   * (two jobs at once: one moves it). True when this call moved it.
   */
  advance(
    tenantId: string,
    question: Pick<Question, 'groupId' | 'threadId'>,
    from: EscalationStep | null,
    to: EscalationStep,
  ): Promise<boolean>;
  /**
   * The open questions of the tenant's active groups whose last step is `step`: oldest first, then
   * by group, then thread; at most `limit`, and how many there are.
   */
  listAtStep(tenantId: string, step: EscalationStep, limit: number): Promise<Listed<Question>>;
}
