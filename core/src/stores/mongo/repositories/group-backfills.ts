import type { mongo } from 'mongoose';
import type { GroupBackfill, GroupBackfillRepository } from '../../../ports/store/group-backfills.ts';
import { upsertRetryingRace } from '../duplicate-key.ts';
import type { GroupBackfillDocument } from '../models.ts';

export class MongoGroupBackfills implements GroupBackfillRepository {
  readonly #backfills: mongo.Collection<GroupBackfillDocument>;
  constructor(backfills: mongo.Collection<GroupBackfillDocument>) {
    this.#backfills = backfills;
  }

  async get(tenantId: string, groupId: string): Promise<GroupBackfill | null> {
    const doc = await this.#backfills.findOne({ tenantId, groupId }, { projection: { _id: 0 } });
    return doc
      ? {
          tenantId: doc.tenantId,
          groupId: doc.groupId,
          since: doc.since,
          until: doc.until,
          cursor: doc.cursor ?? null,
          readBackTo: doc.readBackTo,
          pages: doc.pages,
          found: doc.found,
          recorded: doc.recorded,
          startedAt: doc.startedAt,
          finishedAt: doc.finishedAt ?? null,
        }
      : null;
  }

  async save(backfill: GroupBackfill): Promise<void> {
    const { tenantId, groupId, ...fields } = backfill;
    await upsertRetryingRace(() =>
      this.#backfills.updateOne({ tenantId, groupId }, { $set: fields }, { upsert: true }),
    );
  }
}
