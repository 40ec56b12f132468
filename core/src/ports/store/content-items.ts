import type { ContentItem, ContentKind, ContentState } from '../../domain/content-item.ts';

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
  /** Keep: verified now, so the review clock restarts. Null when there is no such item. */
  markReviewed(tenantId: string, itemId: string, at: Date): Promise<ContentItem | null>;
  /** Null when there is no such item. */
  archive(tenantId: string, itemId: string, at: Date): Promise<ContentItem | null>;
  /**
   * The sync found the group's items of these kinds to be exactly those with these platform ids:
   * its other active items of these kinds are gone from the platform and are archived at `at`.
   * Returns how many.
   */
  archiveMissing(tenantId: string, groupId: string, kinds: readonly ContentKind[], presentIds: readonly string[], at: Date): Promise<number>;
}
