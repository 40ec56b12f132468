import type { ContributionKind } from './contribution.ts';

/** Per group per UTC day: what the dashboards read instead of raw events (METRICS.md). */
export interface GroupDay {
  readonly groupId: string;
  /** "YYYY-MM-DD", UTC. */
  readonly day: string;
  readonly joins: number;
  readonly leaves: number;
  readonly posts: number;
  readonly replies: number;
  readonly reactions: number;
  readonly files: number;
  readonly answers: number;
  readonly questionsAsked: number;
  readonly questionsAnswered: number;
  readonly distinctContributors: number;
}

/** Contributions counted by kind, as the member days keep them. */
export interface ContributionCounts {
  readonly posts: number;
  readonly replies: number;
  readonly reactions: number;
  readonly files: number;
  readonly answers: number;
}

/** Per member per group per UTC day: contributions by kind. */
export interface MemberDay extends ContributionCounts {
  readonly groupId: string;
  readonly personId: string;
  readonly day: string;
}

/**
 * The counter each kind of event adds to on its group's day; contributions (`isContribution`) add
 * to the same counter on their member's day. Both stores fold events by this map, and read a
 * rule given as kinds (which kinds make a member active, what each weighs) through it.
 */
export const KIND_COUNTERS = {
  post: 'posts',
  reply: 'replies',
  reaction: 'reactions',
  file: 'files',
  answer: 'answers',
  join: 'joins',
  leave: 'leaves',
} as const satisfies Record<ContributionKind, keyof GroupDay>;

/**
 * The UTC days of a member's first and last contribution to a group, kept as they change. Days are
 * precise enough for "new" and "inactive" contributors, and a span then changes only on a
 * member's first contribution of a day rather than on every event.
 */
export interface ContributorSpan {
  readonly groupId: string;
  readonly personId: string;
  readonly firstDay: string;
  readonly lastDay: string;
}

/** A question and its first response by someone other than the asker (time to first response). */
export interface Question {
  readonly groupId: string;
  readonly threadId: string;
  readonly askerId: string;
  readonly askedAt: Date;
  readonly firstResponseAt: Date | null;
}

export function utcDay(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}
