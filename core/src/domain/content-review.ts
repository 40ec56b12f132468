import type { ContentItem } from './content-item.ts';
import { type Group, isOwner } from './group.ts';

// Who reviews a content item, and what a review may change. Pure rules: the use cases in
// use-cases/content-review.ts read and write around them.

/** A flag's note is a hint for the verifier, not a discussion. */
export const MAX_FLAG_NOTE_LENGTH = 300;

/** An interval typed by a person: a whole number of days, within the settings' bounds. */
export function parseReviewInterval(text: string, maxDays: number): number | null {
  const trimmed = text.trim();
  if (!/^\d{1,6}$/.test(trimmed)) return null;
  const days = Number(trimmed);
  return days >= 1 && days <= maxDays ? days : null;
}

/**
 * The owner whose weekly card shows the item when it is due: its verifier when that is an owner of
 * the group. Null: every owner's card shows it (no verifier, or one who owns nothing here and is
 * told by a message of their own).
 */
export function reviewingOwner(item: ContentItem, group: Group): string | null {
  const verifier = item.verifierId ?? null;
  return verifier !== null && isOwner(group, verifier) ? verifier : null;
}

/** Whether this owner's weekly card shows the item: it is theirs to review, or every owner's. */
export function isOnOwnersCard(item: ContentItem, group: Group, ownerId: string): boolean {
  const reviewer = reviewingOwner(item, group);
  return reviewer === null || reviewer === ownerId;
}

/** An owner of the group or the item's verifier may keep, update or re-time it. */
export function mayReview(item: ContentItem, group: Group, personId: string): boolean {
  return isOwner(group, personId) || item.verifierId === personId;
}

/** Who is asked to update the item: its author when known, else its verifier, else the owner acting. */
export function updateRecipientId(item: ContentItem, actingId: string): string {
  return item.authorId ?? item.verifierId ?? actingId;
}

/** Whole days since the flag, for "flagged by Ana 2 days ago". */
export function flagAgeDays(item: ContentItem, now: Date): number | null {
  return item.flag ? Math.max(0, Math.floor((now.getTime() - item.flag.at.getTime()) / 86_400_000)) : null;
}
