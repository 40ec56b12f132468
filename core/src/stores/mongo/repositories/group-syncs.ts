import type { mongo } from 'mongoose';
import type { Platform } from '../../../domain/platform.ts';
import type { GroupSync, GroupSyncRepository } from '../../../ports/store/group-syncs.ts';
import { upsertRetryingRace } from '../duplicate-key.ts';
import type { GroupDocument, GroupSyncDocument } from '../models.ts';
import { ACTIVE_GROUP } from './groups.ts';

function toSync(doc: GroupSyncDocument): GroupSync {
  return {
    tenantId: doc.tenantId,
    groupId: doc.groupId,
    passStartedAt: doc.passStartedAt,
    cursor: doc.cursor,
    lastPassAt: doc.lastPassAt,
    dueAt: doc.dueAt,
  };
}

export class MongoGroupSyncs implements GroupSyncRepository {
  readonly #syncs: mongo.Collection<GroupSyncDocument>;
  readonly #groups: mongo.Collection<GroupDocument>;
  constructor(syncs: mongo.Collection<GroupSyncDocument>, groups: mongo.Collection<GroupDocument>) {
    this.#syncs = syncs;
    this.#groups = groups;
  }

  async get(tenantId: string, groupId: string): Promise<GroupSync | null> {
    const doc = await this.#syncs.findOne({ tenantId, groupId });
    return doc ? toSync(doc) : null;
  }

  async save(sync: GroupSync): Promise<void> {
    await upsertRetryingRace(() =>
      this.#syncs.updateOne(
        { tenantId: sync.tenantId, groupId: sync.groupId },
        {
          $set: {
            passStartedAt: sync.passStartedAt,
            cursor: sync.cursor,
            lastPassAt: sync.lastPassAt,
            dueAt: sync.dueAt,
          },
        },
        { upsert: true },
      ),
    );
  }

  async due(
    now: Date,
    platforms: readonly Platform[],
    limit: number,
  ): Promise<{ tenantId: string; groupId: string }[]> {
    return dueGroups(this.#groups, this.#syncs, now, platforms, limit);
  }
}

/**
 * Active groups of these platforms whose record in `schedule` (one per group, with a `dueAt`) is
 * due at `now`: those with none first, then by due time. The group and content syncs share it.
 */
export async function dueGroups(
  groups: mongo.Collection<GroupDocument>,
  schedule: { readonly collectionName: string },
  now: Date,
  platforms: readonly Platform[],
  limit: number,
): Promise<{ tenantId: string; groupId: string }[]> {
  if (limit === 0) return [];
  const sameGroup = { $expr: { $and: [{ $eq: ['$tenantId', '$$tenantId'] }, { $eq: ['$groupId', '$$groupId'] }] } };
  // A group never synced has no record: its due time is null, which sorts first.
  const rows = await groups
    .aggregate<{ tenantId: string; _id: string }>([
      { $match: { ...ACTIVE_GROUP, 'platformRef.platform': { $in: [...platforms] } } },
      {
        $lookup: {
          from: schedule.collectionName,
          let: { tenantId: '$tenantId', groupId: '$_id' },
          pipeline: [{ $match: sameGroup }, { $project: { dueAt: 1 } }],
          as: 'sync',
        },
      },
      { $set: { dueAt: { $ifNull: [{ $first: '$sync.dueAt' }, null] } } },
      { $match: { $or: [{ dueAt: null }, { dueAt: { $lte: now } }] } },
      { $sort: { dueAt: 1, tenantId: 1, _id: 1 } },
      { $limit: limit },
      { $project: { tenantId: 1 } },
    ])
    .toArray();
  return rows.map((row) => ({ tenantId: row.tenantId, groupId: row._id }));
}
