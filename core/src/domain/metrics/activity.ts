import type { Contribution } from '../contribution.ts';

/**
 * Who counts as active (METRICS.md, after Slack's posting members): members who posted, replied or
 * reacted. A shared file is a post and an answer a reply, so every contribution counts.
 */
export const ACTIVE_KINDS: readonly Contribution[] = ['post', 'file', 'reply', 'answer', 'reaction'];

/** What makes a group active rather than idle (after Viva Engage): members who reacted or replied. */
export const ENGAGED_KINDS: readonly Contribution[] = ['reply', 'answer', 'reaction'];

/**
 * Distinct members who contributed with one of `kinds` in the `days` days ending with a given day
 * (that day included): what the stores count for "active members".
 */
export interface ActivityWindow {
  readonly days: number;
  readonly kinds: readonly Contribution[];
}

/** The day and the 6 days before. */
export const WEEKLY_ACTIVE: ActivityWindow = { days: 7, kinds: ACTIVE_KINDS };
/** The day and the 27 days before. */
export const MONTHLY_ACTIVE: ActivityWindow = { days: 28, kinds: ACTIVE_KINDS };

/** A group is idle when fewer than this share of its members reacted or replied in the period. */
export const IDLE_BELOW = 0.05;

/** Monthly active members ÷ members at the end of the period; null for a group without members. */
export function activeRatio(monthlyActive: number, members: number): number | null {
  return members > 0 ? monthlyActive / members : null;
}

/** Idle unless at least 5% of the members reacted or replied in the period; a group without members is idle. */
export function isIdle(engagedMembers: number, members: number): boolean {
  return members === 0 || engagedMembers / members < IDLE_BELOW;
}
