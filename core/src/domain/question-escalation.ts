import type { Question } from './rollups.ts';
import { DAY_MS, HOUR_MS } from './zoned-time.ts';

/**
 * The ladder an unanswered question climbs, one step per multiple of its group's response target
 * passed: past 1× the owners are reminded, past 2× the group's most frequent answerers are asked to
 * help, past 3× it goes to the community managers' digest. Each step is taken once per question.
 */
export const ESCALATION_STEPS = ['remind', 'helpers', 'digest'] as const;
export type EscalationStep = (typeof ESCALATION_STEPS)[number];

/** How many of the group's most frequent answerers are asked to help. */
export const QUESTION_HELPERS = 3;
/** The days of responses the most frequent answerers are counted over. */
export const HELPERS_LOOKBACK_DAYS = 90;

/** What an owner may set as a group's response target, in hours: one hour to one week. */
export const MIN_RESPONSE_TARGET_HOURS = 1;
export const MAX_RESPONSE_TARGET_HOURS = 168;

/**
 * Questions older than this leave the ladder, answered or not: the weekly card's window of overdue
 * questions (4 weeks). Three times the longest target (3 weeks) fits in it, so every question can
 * climb the whole ladder; what is older when the service starts is not sent to anyone at once.
 */
export const ESCALATION_MAX_AGE_MS = 28 * DAY_MS;

/** What the rule reads of a question: when it was asked, its first response, the last step taken. */
export interface EscalatingQuestion extends Pick<Question, 'askedAt' | 'firstResponseAt'> {
  readonly escalation: EscalationStep | null;
}

/**
 * The step due for the question at `now`, or null when none is: it was answered (the ladder stops),
 * it left the ladder by age, or the highest step it is past was taken already. Past a multiple
 * means strictly later than it, as a question "waiting" is strictly past its target
 * (`responseStanding`). A question found past several steps at once (the service was down) takes
 * only the highest: reminding the owners and asking the answerers in the same minute helps nobody.
 */
export function escalationDue(question: EscalatingQuestion, targetMs: number, now: Date): EscalationStep | null {
  const answered = question.firstResponseAt !== null && question.firstResponseAt.getTime() < now.getTime();
  const age = now.getTime() - question.askedAt.getTime();
  if (answered || age > ESCALATION_MAX_AGE_MS) return null;
  const reached = ESCALATION_STEPS.findLastIndex((_, i) => age > (i + 1) * targetMs);
  const taken = question.escalation === null ? -1 : ESCALATION_STEPS.indexOf(question.escalation);
  return reached > taken ? ESCALATION_STEPS[reached]! : null;
}

/** A group's response target in milliseconds. */
export function responseTargetMs(group: { readonly responseTargetHours: number }): number {
  return group.responseTargetHours * HOUR_MS;
}

/**
 * The people to ask to help with a question: the group's members ranked by responses (best
 * first), without the asker and without those `askable` refuses (gone from the group or the
 * company), the first QUESTION_HELPERS of them.
 */
export function pickHelpers(
  ranked: readonly { readonly personId: string; readonly count: number }[],
  askerId: string,
  askable: (personId: string) => boolean,
  limit: number = QUESTION_HELPERS,
): string[] {
  return ranked
    .filter((r) => r.count > 0 && r.personId !== askerId && askable(r.personId))
    .slice(0, limit)
    .map((r) => r.personId);
}

/** The key a question is known by outside its group: its group and its thread. */
export function questionKey(question: Pick<Question, 'groupId' | 'threadId'>): string {
  return `${question.groupId}:${question.threadId}`;
}
