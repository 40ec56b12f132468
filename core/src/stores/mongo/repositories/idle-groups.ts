import type { mongo } from 'mongoose';
import type { IdleCheck, IdleGroupPolicy } from '../../../domain/idle-group.ts';
import type { IdleGroupRepository } from '../../../ports/store/idle-groups.ts';
import { isDuplicateKey } from '../duplicate-key.ts';
import type { GroupIdleCheckDocument, TenantDocument } from '../models.ts';

const toCheck = (doc: GroupIdleCheckDocument): IdleCheck => ({
  tenantId: doc.tenantId,
  groupId: doc.groupId,
  round: doc.round,
  warnings: doc.warnings,
  lastWarnedAt: doc.lastWarnedAt ?? null,
  proposedAt: doc.proposedAt ?? null,
  checksFrom: doc.checksFrom ?? null,
  certifiedUntil: doc.certifiedUntil ?? null,
});

/** A conditional upsert that lost its race to the unique index wrote nothing: false, as in PostgreSQL. */
async function upserted(write: () => Promise<mongo.UpdateResult>): Promise<boolean> {
  try {
    const result = await write();
    return result.modifiedCount + result.upsertedCount > 0;
  } catch (error) {
    if (isDuplicateKey(error)) return false;
    throw error;
  }
}

export class MongoIdleGroups implements IdleGroupRepository {
  readonly #tenants: mongo.Collection<TenantDocument>;
  readonly #checks: mongo.Collection<GroupIdleCheckDocument>;
  constructor(tenants: mongo.Collection<TenantDocument>, checks: mongo.Collection<GroupIdleCheckDocument>) {
    this.#tenants = tenants;
    this.#checks = checks;
  }

  async getPolicy(tenantId: string): Promise<IdleGroupPolicy | null> {
    const policy =
      (await this.#tenants.findOne({ _id: tenantId }, { projection: { idleGroupPolicy: 1 } }))?.idleGroupPolicy ?? null;
    return policy && { ...policy, exemptGroupIds: [...policy.exemptGroupIds] };
  }

  async setPolicy(tenantId: string, policy: IdleGroupPolicy): Promise<void> {
    const { idleAfterDays, certifyForMonths, warningsBeforeProposal, warningIntervalDays, exemptGroupIds } = policy;
    await this.#tenants.updateOne(
      { _id: tenantId },
      {
        $set: {
          idleGroupPolicy: {
            idleAfterDays,
            certifyForMonths,
            warningsBeforeProposal,
            warningIntervalDays,
            exemptGroupIds: [...exemptGroupIds],
          },
        },
      },
    );
  }

  async getChecks(tenantId: string, groupIds: readonly string[]): Promise<IdleCheck[]> {
    if (groupIds.length === 0) return [];
    return (await this.#checks.find({ tenantId, groupId: { $in: [...new Set(groupIds)] } }).toArray()).map(toCheck);
  }

  async recordWarning(tenantId: string, groupId: string, round: number, warning: number, at: Date): Promise<boolean> {
    const set = { warnings: warning, lastWarnedAt: at };
    // A group never checked is in round 0 without warnings: its first warning creates the document
    // (a racing creator loses to the unique index). Later ones follow the one before, in the round.
    if (round === 0 && warning === 1) {
      return upserted(() =>
        this.#checks.updateOne(
          { tenantId, groupId, round: 0, warnings: 0, proposedAt: null },
          { $set: set, $setOnInsert: { checksFrom: null, certifiedUntil: null } },
          { upsert: true },
        ),
      );
    }
    const result = await this.#checks.updateOne(
      { tenantId, groupId, round, warnings: warning - 1, proposedAt: null },
      { $set: set },
    );
    return result.modifiedCount > 0;
  }

  async propose(tenantId: string, groupId: string, round: number, at: Date): Promise<boolean> {
    const result = await this.#checks.updateOne(
      { tenantId, groupId, round, proposedAt: null },
      { $set: { proposedAt: at } },
    );
    return result.modifiedCount > 0;
  }

  async answer(next: IdleCheck): Promise<boolean> {
    const { tenantId, groupId, ...fields } = next;
    // The round before may have no document yet (round 0 without a warning): the upsert makes it.
    return upserted(() =>
      this.#checks.updateOne(
        { tenantId, groupId, round: next.round - 1 },
        { $set: fields },
        { upsert: next.round === 1 },
      ),
    );
  }

  async listProposed(tenantId: string, limit: number): Promise<IdleCheck[]> {
    return (
      await this.#checks
        .find({ tenantId, proposedAt: { $type: 'date' } })
        .sort({ proposedAt: 1, groupId: 1 })
        .limit(limit)
        .toArray()
    ).map(toCheck);
  }
}
