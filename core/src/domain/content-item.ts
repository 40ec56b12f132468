import type { PlatformRef } from './platform.ts';

/** Slack: pinned messages, bookmarks, files, canvases. Teams: tabs, pinned messages, files. */
export const CONTENT_KINDS = ['pinned_message', 'bookmark', 'file', 'canvas', 'tab'] as const;
export type ContentKind = (typeof CONTENT_KINDS)[number];

export const CONTENT_STATES = ['active', 'archived'] as const;
export type ContentState = (typeof CONTENT_STATES)[number];

export interface ContentItem {
  readonly id: string;
  readonly tenantId: string;
  readonly groupId: string;
  readonly kind: ContentKind;
  readonly platformRef: PlatformRef;
  readonly title: string;
  readonly link: string | null;
  readonly lastChangedAt: Date;
  readonly lastReviewedAt: Date | null;
  /** Null: the group's interval applies. */
  readonly reviewIntervalDays: number | null;
  readonly state: ContentState;
  // Content review (see content-review.ts). Optional so that a source that knows none of them (a
  // platform event, the inventory sync) can write an item; the stores keep them and return null.
  /** The member who checks this item; null: the owners, each on their own card. */
  readonly verifierId?: string | null;
  /** Who made it on the platform, when the platform says: asked first to update it. */
  readonly authorId?: string | null;
  /** A member said it is outdated; cleared when it is kept. */
  readonly flag?: ContentFlag | null;
}

/** "Unverify": a member says the item is outdated. Makes the item due at once. */
export interface ContentFlag {
  readonly byId: string;
  readonly at: Date;
  readonly note: string | null;
}

const DAY_MS = 86_400_000;

/** An item is due when neither a change nor a review happened within its interval. */
export function isDueForReview(item: ContentItem, groupIntervalDays: number, now: Date): boolean {
  if (item.state !== 'active') return false;
  if (item.flag) return true;
  return now.getTime() > dueSince(item, groupIntervalDays).getTime();
}

/** When the item falls (or fell) due: when it was flagged, else the end of its interval since it was last fresh. */
export function dueSince(item: ContentItem, groupIntervalDays: number): Date {
  if (item.flag) return item.flag.at;
  const intervalDays = item.reviewIntervalDays ?? groupIntervalDays;
  const freshSince = Math.max(item.lastChangedAt.getTime(), item.lastReviewedAt?.getTime() ?? 0);
  return new Date(freshSince + intervalDays * DAY_MS);
}
