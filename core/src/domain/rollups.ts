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

/** Per member per group per UTC day: contributions by kind. */
export interface MemberDay {
  readonly groupId: string;
  readonly personId: string;
  readonly day: string;
  readonly posts: number;
  readonly replies: number;
  readonly reactions: number;
  readonly files: number;
  readonly answers: number;
}

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
