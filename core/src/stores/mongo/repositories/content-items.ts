import type { mongo } from 'mongoose';
import type { ContentFlag, ContentItem, ContentKind, ContentState } from '../../../domain/content-item.ts';
import type { PlatformRef } from '../../../domain/platform.ts';
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
    verifierId: doc.verifierId ?? null,
    authorId: doc.authorId ?? null,
    flag: doc.flag ? { byId: doc.flag.byId, at: doc.flag.at, note: doc.flag.note ?? null } : null,
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
          // The verifier and a flag are people's choices: written on insert, kept by every later save.
          $setOnInsert: {
            _id: item.id,
            ...(item.reviewIntervalDays === null ? { reviewIntervalDays: null } : {}),
            verifierId: item.verifierId ?? null,
            flag: item.flag ?? null,
            ...(item.authorId ? {} : { authorId: null }),
          },
          $set: {
            groupId: item.groupId,
            kind: item.kind,
            title: item.title,
            link: item.link,
            lastChangedAt: item.lastChangedAt,
            state: item.state,
            ...(item.reviewIntervalDays === null ? {} : { reviewIntervalDays: item.reviewIntervalDays }),
            ...(item.authorId ? { authorId: item.authorId } : {}),
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
      { $set: { lastReviewedAt: at, flag: null } },
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

  async archiveMissing(
    tenantId: string,
    groupId: string,
    kinds: readonly ContentKind[],
    presentIds: readonly string[],
    at: Date,
  ): Promise<number> {
    const result = await this.#items.updateMany(
      { tenantId, groupId, state: 'active', kind: { $in: [...kinds] }, 'platformRef.id': { $nin: [...presentIds] } },
      { $set: { state: 'archived', lastChangedAt: at } },
    );
    return result.modifiedCount;
  }

  // Content review.

  async setReviewInterval(tenantId: string, itemId: string, days: number | null): Promise<ContentItem | null> {
    return this.#updateOne({ _id: itemId, tenantId }, { reviewIntervalDays: days });
  }

  async setVerifier(tenantId: string, itemId: string, verifierId: string | null): Promise<ContentItem | null> {
    return this.#updateOne({ _id: itemId, tenantId }, { verifierId });
  }

  async flag(tenantId: string, itemId: string, flag: ContentFlag): Promise<ContentItem | null> {
    return this.#updateOne(
      { _id: itemId, tenantId, state: 'active' },
      { flag: { byId: flag.byId, at: flag.at, note: flag.note } },
    );
  }

  async findActive(
    tenantId: string,
    by: { readonly refs: readonly PlatformRef[]; readonly links: readonly string[] },
  ): Promise<ContentItem[]> {
    if (by.refs.length === 0 && by.links.length === 0) return [];
    const docs = await this.#items
      .find({
        tenantId,
        state: 'active',
        $or: [
          ...(by.links.length > 0 ? [{ link: { $in: [...by.links] } }] : []),
          ...by.refs.map((r) => ({
            'platformRef.platform': r.platform,
            'platformRef.workspaceId': r.workspaceId,
            'platformRef.id': r.id,
          })),
        ],
      })
      .sort({ lastChangedAt: 1, _id: 1 })
      .toArray();
    return docs.map(toItem);
  }

  async #updateOne(
    filter: mongo.Filter<ContentItemDocument>,
    set: Partial<ContentItemDocument>,
  ): Promise<ContentItem | null> {
    const doc = await this.#items.findOneAndUpdate(filter, { $set: set }, { returnDocument: 'after' });
    return doc ? toItem(doc) : null;
  }
}
