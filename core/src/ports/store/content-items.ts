import type { ContentFlag, ContentItem, ContentKind, ContentState } from '../../domain/content-item.ts';
import type { PlatformRef } from '../../domain/platform.ts';

export interface ContentItemRepository {
  /**
   * Inserts the item, or updates the one with the same platform reference, keeping its id, its
   * latest review and, when the item brings none, its own review interval. Returns the stored item.
   */
  save(item: ContentItem): Promise<ContentItem>;
  get(tenantId: string, itemId: string): Promise<ContentItem | null>;
  /** Ordered by last change, oldest first. */
  listByGroup(tenantId: string, groupId: string, state?: ContentState): Promise<ContentItem[]>;
  /** The active items of these groups, ordered by last change, oldest first. */
  listActiveIn(tenantId: string, groupIds: readonly string[]): Promise<ContentItem[]>;
  /** Keep: verified now, so the review clock restarts and a flag is cleared. Null when there is no such item. */
  markReviewed(tenantId: string, itemId: string, at: Date): Promise<ContentItem | null>;
  /** Null when there is no such item. */
  archive(tenantId: string, itemId: string, at: Date): Promise<ContentItem | null>;
  /**
   * The sync found the group's items of these kinds to be exactly those with these platform ids:
   * its other active items of these kinds are gone from the platform and are archived at `at`.
   * Returns how many.
   */
  archiveMissing(
    tenantId: string,
    groupId: string,
    kinds: readonly ContentKind[],
    presentIds: readonly string[],
    at: Date,
  ): Promise<number>;
  // Content review: the item's own interval, its verifier and its flag.
  /** The item's own interval; null: the group's. Null when there is no such item. */
  setReviewInterval(tenantId: string, itemId: string, days: number | null): Promise<ContentItem | null>;
  /** The member who checks the item; null: its owners. Null when there is no such item. */
  setVerifier(tenantId: string, itemId: string, verifierId: string | null): Promise<ContentItem | null>;
  /** Marks an active item outdated; a later flag replaces an earlier one. Null when there is no such active item. */
  flag(tenantId: string, itemId: string, flag: ContentFlag): Promise<ContentItem | null>;
  /** The active items with one of these platform references or links (a flag names an item either way). */
  findActive(
    tenantId: string,
    by: { readonly refs: readonly PlatformRef[]; readonly links: readonly string[] },
  ): Promise<ContentItem[]>;
}
