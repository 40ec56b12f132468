import type { mongo } from 'mongoose';
import type { ContentItem, ContentKind, ContentState } from '../../../domain/content-item.ts';
import type { ContentItemRepository } from '../../../ports/store/content-items.ts';
import { upsertRetryingRace } from '../duplicate-key.ts';
import type { ContentItemDocument } from '../models.ts';

function toItem(doc: ContentItemDocument): ContentItem {
  return {
    id: doc._id,
    tenantId: doc.tenantId,
    groupId: doc.groupId,
    kind: doc.kind,
    platformRef: {
      platform: doc.platformRef.platform,
      workspaceId: doc.platformRef.workspaceId,
      id: doc.platformRef.id,
    },
    title: doc.title,
    link: doc.link,
    lastChangedAt: doc.lastChangedAt,
    lastReviewedAt: doc.lastReviewedAt,
    reviewIntervalDays: doc.reviewIntervalDays,
    state: doc.state,
  };
}

export class MongoContentItems implements ContentItemRepository {
  readonly #items: mongo.Collection<ContentItemDocument>;
  constructor(items: mongo.Collection<ContentItemDocument>) {
    this.#items = items;
  }

  async save(item: ContentItem): Promise<ContentItem> {
    // Keyed by the platform reference: the inventory sync sees the same item again and again.
    const doc = await upsertRetryingRace(() =>
      this.#items.findOneAndUpdate(
        {
          tenantId: item.tenantId,
          'platformRef.platform': item.platformRef.platform,
          'platformRef.workspaceId': item.platformRef.workspaceId,
          'platformRef.id': item.platformRef.id,
        },
        {
          // An item's own interval is the owners' choice: a sync that brings none keeps it.
          $setOnInsert: { _id: item.id, ...(item.reviewIntervalDays === null ? { reviewIntervalDays: null } : {}) },
          $set: {
            groupId: item.groupId,
            kind: item.kind,
            title: item.title,
            link: item.link,
            lastChangedAt: item.lastChangedAt,
            state: item.state,
            ...(item.reviewIntervalDays === null ? {} : { reviewIntervalDays: item.reviewIntervalDays }),
          },
          // A review is never lost: null sorts below any date, so the later review stays.
          $max: { lastReviewedAt: item.lastReviewedAt },
        },
        { upsert: true, returnDocument: 'after' },
      ),
    );
    if (!doc) throw new Error(`content item ${item.id} was not stored`);
    return toItem(doc);
  }

  async get(tenantId: string, itemId: string): Promise<ContentItem | null> {
    const doc = await this.#items.findOne({ _id: itemId, tenantId });
    return doc ? toItem(doc) : null;
  }

  async listByGroup(tenantId: string, groupId: string, state?: ContentState): Promise<ContentItem[]> {
    const docs = await this.#items
      .find({ tenantId, groupId, ...(state === undefined ? {} : { state }) })
      .sort({ lastChangedAt: 1, _id: 1 })
      .toArray();
    return docs.map(toItem);
  }

  async listActiveIn(tenantId: string, groupIds: readonly string[]): Promise<ContentItem[]> {
    const docs = await this.#items
      .find({ tenantId, groupId: { $in: [...groupIds] }, state: 'active' })
      .sort({ lastChangedAt: 1, _id: 1 })
      .toArray();
    return docs.map(toItem);
  }

  async markReviewed(tenantId: string, itemId: string, at: Date): Promise<ContentItem | null> {
    const doc = await this.#items.findOneAndUpdate(
      { _id: itemId, tenantId },
      { $set: { lastReviewedAt: at } },
      { returnDocument: 'after' },
    );
    return doc ? toItem(doc) : null;
  }

  async archive(tenantId: string, itemId: string, at: Date): Promise<ContentItem | null> {
    const doc = await this.#items.findOneAndUpdate(
      { _id: itemId, tenantId },
      { $set: { state: 'archived', lastChangedAt: at } },
      { returnDocument: 'after' },
    );
    return doc ? toItem(doc) : null;
  }

  async archiveMissing(tenantId: string, groupId: string, kinds: readonly ContentKind[], presentIds: readonly string[], at: Date): Promise<number> {
    const result = await this.#items.updateMany(
      { tenantId, groupId, state: 'active', kind: { $in: [...kinds] }, 'platformRef.id': { $nin: [...presentIds] } },
      { $set: { state: 'archived', lastChangedAt: at } },
    );
    return result.modifiedCount;
  }
}
