import type { Platform } from './platform.ts';

export const CONTRIBUTION_KINDS = ['post', 'reply', 'reaction', 'file', 'answer', 'join', 'leave'] as const;
export type ContributionKind = (typeof CONTRIBUTION_KINDS)[number];

/** The kinds of event that are something a member contributed. */
export type Contribution = Exclude<ContributionKind, 'join' | 'leave'>;

/** Joins and leaves are events, but not contributions: they never make someone active. */
export function isContribution(kind: ContributionKind): kind is Contribution {
  return kind !== 'join' && kind !== 'leave';
}

/** Every kind that is a contribution: what a member day counts. */
export const CONTRIBUTIONS: readonly Contribution[] = CONTRIBUTION_KINDS.filter(isContribution);

/** Weights for ranking the week's top contributors (METRICS.md, "top contributors"). */
export const CONTRIBUTION_WEIGHTS: Readonly<Record<ContributionKind, number>> = {
  post: 3,
  answer: 3,
  reply: 2,
  file: 2,
  reaction: 1,
  join: 0,
  leave: 0,
};

/**
 * Something a member did in a group, as metadata only: no message text is ever stored.
 * `platformEventId` is unique per platform and tenant, so a redelivered event is stored once.
 */
export interface ContributionEvent {
  readonly tenantId: string;
  readonly groupId: string;
  readonly personId: string;
  readonly kind: ContributionKind;
  readonly occurredAt: Date;
  readonly platform: Platform;
  readonly platformEventId: string;
  /** The thread the event belongs to (for a top-level post: its own thread), if any. */
  readonly threadId: string | null;
  /** True on a top-level post that asks a question. */
  readonly asksQuestion: boolean;
}
