import type { Question } from '../rollups.ts';
import { percentile } from './percentile.ts';

/**
 * How a question stands at an instant against a response target:
 * - within: first response within the target; late: after it;
 * - waiting: no response yet, and the target has passed; pending: no response, target not passed.
 * Responsiveness judges the first three; pending questions are not judged yet.
 */
export const RESPONSE_STANDINGS = ['within', 'late', 'waiting', 'pending'] as const;
export type ResponseStanding = (typeof RESPONSE_STANDINGS)[number];

/** How many questions stand each way; what the stores count, given each group's target. */
export type ResponseTally = Readonly<Record<ResponseStanding, number>>;

/**
 * Where the question stands at `at`. A response after `at` is not known yet at `at`; a response
 * exactly at the target is within it.
 */
export function responseStanding(
  question: Pick<Question, 'askedAt' | 'firstResponseAt'>,
  targetMs: number,
  at: Date,
): ResponseStanding {
  const asked = question.askedAt.getTime();
  const response = question.firstResponseAt?.getTime();
  if (response !== undefined && response < at.getTime()) return response - asked <= targetMs ? 'within' : 'late';
  return at.getTime() - asked > targetMs ? 'waiting' : 'pending';
}

export function tallyOf(
  questions: readonly Pick<Question, 'askedAt' | 'firstResponseAt'>[],
  targetMs: number,
  at: Date,
): ResponseTally {
  const tally = { within: 0, late: 0, waiting: 0, pending: 0 };
  for (const question of questions) tally[responseStanding(question, targetMs, at)] += 1;
  return tally;
}

/** The share of the questions judged (within, late, waiting) that were answered within the target; null when none is judged. */
export function withinTargetShare(tally: ResponseTally): number | null {
  const judged = tally.within + tally.late + tally.waiting;
  return judged > 0 ? tally.within / judged : null;
}

export interface TimeToFirstResponse {
  /** Questions answered by `at`, and the median and 90th percentile of their time to first response. */
  readonly answered: number;
  readonly medianMs: number | null;
  readonly p90Ms: number | null;
  /** Questions with no response by `at`, counted apart (CHAOSS). */
  readonly unanswered: number;
}

/** CHAOSS time to first response of the questions given (those asked in the period), as known at `at`. */
export function timeToFirstResponse(
  questions: readonly Pick<Question, 'askedAt' | 'firstResponseAt'>[],
  at: Date,
): TimeToFirstResponse {
  const times = questions.flatMap((q) =>
    q.firstResponseAt !== null && q.firstResponseAt.getTime() < at.getTime()
      ? [q.firstResponseAt.getTime() - q.askedAt.getTime()]
      : [],
  );
  return {
    answered: times.length,
    medianMs: percentile(times, 0.5),
    p90Ms: percentile(times, 0.9),
    unanswered: questions.length - times.length,
  };
}

export interface OpenQuestion {
  readonly threadId: string;
  readonly askerId: string;
  readonly askedAt: Date;
  readonly ageMs: number;
}

/** The questions with no response at `at`, asked by then, oldest first, with their age (CHAOSS issue age). */
export function openQuestions(questions: readonly Question[], at: Date): OpenQuestion[] {
  return questions
    .filter(
      (q) =>
        q.askedAt.getTime() < at.getTime() &&
        (q.firstResponseAt === null || q.firstResponseAt.getTime() >= at.getTime()),
    )
    .sort((a, b) => a.askedAt.getTime() - b.askedAt.getTime())
    .map((q) => ({
      threadId: q.threadId,
      askerId: q.askerId,
      askedAt: q.askedAt,
      ageMs: at.getTime() - q.askedAt.getTime(),
    }));
}
