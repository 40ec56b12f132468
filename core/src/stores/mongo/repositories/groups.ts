import type { mongo } from 'mongoose';
import { DEFAULT_RESPONSE_TARGET_HOURS, type Group } from '../../../domain/group.ts';
import type { PlatformRef } from '../../../domain/platform.ts';
import { DEFAULT_REQUEST_DEADLINE_HOURS } from '../../../domain/request-deadlines.ts';
import type { GroupRepository } from '../../../ports/store/groups.ts';
import { upsertRetryingRace } from '../duplicate-key.ts';
import type { GroupDocument } from '../models.ts';

/** A platform key as the one-group-per-key index holds it. */
function groupKey(ref: PlatformRef): string {
  return JSON.stringify([ref.platform, ref.workspaceId, ref.id]);
}

/** Groups saved before groups had a state have none: they are active. */
export const ACTIVE_GROUP = { state: { $nin: ['archived', 'retired'] } } as const;

function toGroup(doc: GroupDocument): Group {
  return {
    id: doc._id,
    tenantId: doc.tenantId,
    name: doc.name,
    platformRef: {
      platform: doc.platformRef.platform,
      workspaceId: doc.platformRef.workspaceId,
      id: doc.platformRef.id,
    },
    purpose: doc.purpose,
    ownerIds: doc.ownerIds,
    membershipPolicy: doc.membershipPolicy,
    reviewIntervalDays: doc.reviewIntervalDays,
    responseTargetHours: doc.responseTargetHours ?? DEFAULT_RESPONSE_TARGET_HOURS,
    welcomeText: doc.welcomeText ?? null,
    requestDeadlineHours: doc.requestDeadlineHours ?? DEFAULT_REQUEST_DEADLINE_HOURS,
    state: doc.state ?? 'active',
    createdAt: doc.createdAt,
  };
}

export class MongoGroups implements GroupRepository {
  readonly #groups: mongo.Collection<GroupDocument>;
  constructor(groups: mongo.Collection<GroupDocument>) {
    this.#groups = groups;
  }

  async save(group: Group): Promise<void> {
    // The creation date is the first save's, as in the PostgreSQL store; other keys stay as added.
    await upsertRetryingRace(() =>
      this.#groups.updateOne(
        { _id: group.id, tenantId: group.tenantId },
        {
          $set: {
            name: group.name,
            platformRef: {
              platform: group.platformRef.platform,
              workspaceId: group.platformRef.workspaceId,
              id: group.platformRef.id,
            },
            purpose: group.purpose,
            ownerIds: [...group.ownerIds],
            membershipPolicy: group.membershipPolicy,
            reviewIntervalDays: group.reviewIntervalDays,
            responseTargetHours: group.responseTargetHours,
            welcomeText: group.welcomeText,
            requestDeadlineHours: group.requestDeadlineHours,
            state: group.state,
          },
          $setOnInsert: { createdAt: group.createdAt },
        },
        { upsert: true },
      ),
    );
  }

  async get(tenantId: string, groupId: string): Promise<Group | null> {
    const doc = await this.#groups.findOne({ _id: groupId, tenantId });
    return doc ? toGroup(doc) : null;
  }

  async getMany(tenantId: string, groupIds: readonly string[]): Promise<Group[]> {
    if (groupIds.length === 0) return [];
    const docs = await this.#groups.find({ tenantId, _id: { $in: [...groupIds] } }).toArray();
    return docs.map(toGroup);
  }

  async findByPlatformRef(tenantId: string, ref: PlatformRef): Promise<Group | null> {
    const doc = await this.#groups.findOne({
      tenantId,
      $or: [
        { 'platformRef.platform': ref.platform, 'platformRef.workspaceId': ref.workspaceId, 'platformRef.id': ref.id },
        { keys: groupKey(ref) },
      ],
    });
    return doc ? toGroup(doc) : null;
  }

  async addKeys(tenantId: string, groupId: string, keys: readonly PlatformRef[]): Promise<void> {
    if (keys.length === 0) return;
    const added = [...new Set(keys.map(groupKey))];
    // A key moves: off any other group of the tenant first, so that the unique index lets it in.
    await this.#groups.updateMany(
      { tenantId, _id: { $ne: groupId }, keys: { $in: added } },
      { $pull: { keys: { $in: added } } },
    );
    await this.#groups.updateMany({ tenantId, keys: { $size: 0 } }, { $unset: { keys: '' } });
    await this.#groups.updateOne({ _id: groupId, tenantId }, { $addToSet: { keys: { $each: added } } });
  }

  async list(tenantId: string): Promise<Group[]> {
    const docs = await this.#groups.find({ tenantId }).sort({ name: 1, _id: 1 }).toArray();
    return docs.map(toGroup);
  }

  async listOwnedBy(tenantId: string, ownerId: string): Promise<Group[]> {
    const docs = await this.#groups
      .find({ tenantId, ownerIds: ownerId, ...ACTIVE_GROUP })
      .sort({ name: 1, _id: 1 })
      .toArray();
    return docs.map(toGroup);
  }

  async listOwnedByAny(tenantId: string, ownerIds: readonly string[]): Promise<Group[]> {
    const docs = await this.#groups
      .find({ tenantId, ownerIds: { $in: [...ownerIds] }, ...ACTIVE_GROUP })
      .sort({ name: 1, _id: 1 })
      .toArray();
    return docs.map(toGroup);
  }
}
