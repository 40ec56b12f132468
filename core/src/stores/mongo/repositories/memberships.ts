import type { mongo } from 'mongoose';
import type { Membership } from '../../../domain/membership.ts';
import type { MembershipRepository } from '../../../ports/store/memberships.ts';
import { upsertAll, upsertRetryingRace } from '../duplicate-key.ts';
import type { MembershipDocument } from '../models.ts';

function toMembership(doc: MembershipDocument): Membership {
  return {
    tenantId: doc.tenantId,
    groupId: doc.groupId,
    personId: doc.personId,
    joinedAt: doc.joinedAt,
    leftAt: doc.leftAt,
  };
}

export class MongoMemberships implements MembershipRepository {
  readonly #memberships: mongo.Collection<MembershipDocument>;
  constructor(memberships: mongo.Collection<MembershipDocument>) {
    this.#memberships = memberships;
  }

  async recordJoin(tenantId: string, groupId: string, personId: string, at: Date): Promise<void> {
    // One upsert: a repeated join of a current member keeps the first join date; a rejoin after
    // leaving starts anew. (On insert the pipeline sees only the filter's fields.)
    const stillMember = { $eq: [{ $ifNull: ['$leftAt', null] }, null] };
    await upsertRetryingRace(() =>
      this.#memberships.updateOne(
        { tenantId, groupId, personId },
        [{ $set: { joinedAt: { $cond: [stillMember, { $ifNull: ['$joinedAt', at] }, at] }, leftAt: null } }],
        { upsert: true },
      ),
    );
  }

  async recordLeave(tenantId: string, groupId: string, personId: string, at: Date): Promise<void> {
    await this.#memberships.updateOne({ tenantId, groupId, personId, leftAt: null }, { $set: { leftAt: at } });
  }

  async get(tenantId: string, groupId: string, personId: string): Promise<Membership | null> {
    const doc = await this.#memberships.findOne({ tenantId, groupId, personId });
    return doc ? toMembership(doc) : null;
  }

  async getMany(tenantId: string, groupId: string, personIds: readonly string[]): Promise<Membership[]> {
    if (personIds.length === 0) return [];
    const docs = await this.#memberships.find({ tenantId, groupId, personId: { $in: [...personIds] } }).toArray();
    return docs.map(toMembership);
  }

  async listEndedAmong(
    tenantId: string,
    groupIds: readonly string[],
    personIds: readonly string[],
  ): Promise<Membership[]> {
    if (groupIds.length === 0 || personIds.length === 0) return [];
    const docs = await this.#memberships
      .find({ tenantId, groupId: { $in: [...groupIds] }, personId: { $in: [...personIds] }, leftAt: { $ne: null } })
      .toArray();
    return docs.map(toMembership);
  }

  async recordSeen(
    tenantId: string,
    groupId: string,
    personIds: readonly string[],
    at: { joinedAt: Date; seenAt: Date },
  ): Promise<void> {
    if (personIds.length === 0) return;
    // As recordJoin, one upsert each, and the latest sighting kept ($max passes over a missing one).
    const stillMember = { $eq: [{ $ifNull: ['$leftAt', null] }, null] };
    const set = {
      joinedAt: { $cond: [stillMember, { $ifNull: ['$joinedAt', at.joinedAt] }, at.joinedAt] },
      leftAt: null,
      lastSeenAt: { $max: ['$lastSeenAt', at.seenAt] },
    };
    await upsertAll(this.#memberships, [...new Set(personIds)], (personId) => ({
      filter: { tenantId, groupId, personId },
      update: [{ $set: set }],
    }));
  }

  async listUnseenSince(tenantId: string, groupId: string, since: Date): Promise<string[]> {
    const docs = await this.#memberships
      .find({ tenantId, groupId, leftAt: null, joinedAt: { $lt: since }, lastSeenAt: { $not: { $gte: since } } })
      .sort({ personId: 1 })
      .project<{ personId: string }>({ personId: 1 })
      .toArray();
    return docs.map((doc) => doc.personId);
  }

  async listMembers(tenantId: string, groupId: string): Promise<Membership[]> {
    const docs = await this.#memberships
      .find({ tenantId, groupId, leftAt: null })
      .sort({ joinedAt: 1, personId: 1 })
      .toArray();
    return docs.map(toMembership);
  }

  async countMembers(tenantId: string, groupId: string): Promise<number> {
    return this.#memberships.countDocuments({ tenantId, groupId, leftAt: null });
  }

  async listByPerson(tenantId: string, personId: string): Promise<Membership[]> {
    const docs = await this.#memberships
      .find({ tenantId, personId, leftAt: null })
      .sort({ joinedAt: 1, groupId: 1 })
      .toArray();
    return docs.map(toMembership);
  }
}
