import type { mongo } from 'mongoose';
import { DEFAULT_RESPONSE_TARGET_HOURS, type Group } from '../../../domain/group.ts';
import type { PlatformRef } from '../../../domain/platform.ts';
import type { GroupRepository } from '../../../ports/store/groups.ts';
import { upsertRetryingRace } from '../duplicate-key.ts';
import type { GroupDocument } from '../models.ts';

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
    createdAt: doc.createdAt,
  };
}

export class MongoGroups implements GroupRepository {
  readonly #groups: mongo.Collection<GroupDocument>;
  constructor(groups: mongo.Collection<GroupDocument>) {
    this.#groups = groups;
  }

  async save(group: Group): Promise<void> {
    // The creation date is the first save's, as in the PostgreSQL store.
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

  async findByPlatformRef(tenantId: string, ref: PlatformRef): Promise<Group | null> {
    const doc = await this.#groups.findOne({
      tenantId,
      'platformRef.platform': ref.platform,
      'platformRef.workspaceId': ref.workspaceId,
      'platformRef.id': ref.id,
    });
    return doc ? toGroup(doc) : null;
  }

  async list(tenantId: string): Promise<Group[]> {
    const docs = await this.#groups.find({ tenantId }).sort({ name: 1, _id: 1 }).toArray();
    return docs.map(toGroup);
  }

  async listOwnedBy(tenantId: string, ownerId: string): Promise<Group[]> {
    const docs = await this.#groups.find({ tenantId, ownerIds: ownerId }).sort({ name: 1, _id: 1 }).toArray();
    return docs.map(toGroup);
  }

  async listOwnedByAny(tenantId: string, ownerIds: readonly string[]): Promise<Group[]> {
    const docs = await this.#groups
      .find({ tenantId, ownerIds: { $in: [...ownerIds] } })
      .sort({ name: 1, _id: 1 })
      .toArray();
    return docs.map(toGroup);
  }
}
