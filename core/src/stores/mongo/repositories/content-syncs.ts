import type { mongo } from 'mongoose';
import type { Platform } from '../../../domain/platform.ts';
import type { ContentSync, ContentSyncRepository } from '../../../ports/store/content-syncs.ts';
import { upsertRetryingRace } from '../duplicate-key.ts';
import type { ContentSyncDocument, GroupDocument } from '../models.ts';
import { dueGroups } from './group-syncs.ts';

export class MongoContentSyncs implements ContentSyncRepository {
  readonly #syncs: mongo.Collection<ContentSyncDocument>;
  readonly #groups: mongo.Collection<GroupDocument>;
  constructor(syncs: mongo.Collection<ContentSyncDocument>, groups: mongo.Collection<GroupDocument>) {
    this.#syncs = syncs;
    this.#groups = groups;
  }

  async save(sync: ContentSync): Promise<void> {
    await upsertRetryingRace(() =>
      this.#syncs.updateOne(
        { tenantId: sync.tenantId, groupId: sync.groupId },
        { $set: { lastSyncedAt: sync.lastSyncedAt, dueAt: sync.dueAt } },
        { upsert: true },
      ),
    );
  }

  async get(tenantId: string, groupId: string): Promise<ContentSync | null> {
    const doc = await this.#syncs.findOne({ tenantId, groupId });
    return doc
      ? { tenantId: doc.tenantId, groupId: doc.groupId, lastSyncedAt: doc.lastSyncedAt ?? null, dueAt: doc.dueAt }
      : null;
  }

  async due(
    now: Date,
    platforms: readonly Platform[],
    limit: number,
  ): Promise<{ tenantId: string; groupId: string }[]> {
    return dueGroups(this.#groups, this.#syncs, now, platforms, limit);
  }
}
