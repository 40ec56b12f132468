import type { mongo } from 'mongoose';
import type { IsoWeek } from '../../../domain/iso-week.ts';
import type { DigestClaim, DigestRepository } from '../../../ports/store/digests.ts';
import { onlyDuplicates } from '../duplicate-key.ts';
import type { DigestDocument } from '../models.ts';

const toClaim = (doc: DigestDocument): DigestClaim => ({
  tenantId: doc.tenantId,
  personId: doc.personId,
  week: doc.week as IsoWeek,
  claimedAt: doc.claimedAt,
  sentAt: doc.sentAt ?? null,
});

export class MongoDigests implements DigestRepository {
  readonly #digests: mongo.Collection<DigestDocument>;
  constructor(digests: mongo.Collection<DigestDocument>) {
    this.#digests = digests;
  }

  async claimMany(tenantId: string, personIds: readonly string[], week: IsoWeek, at: Date): Promise<DigestClaim[]> {
    if (personIds.length === 0) return [];
    const ids = [...new Set(personIds)];
    // An upsert that only sets on insert: the unique index makes one claimer create each; a racing
    // upsert that loses with a duplicate key finds the claim there, which is all it wanted.
    try {
      await this.#digests.bulkWrite(
        ids.map((personId) => ({
          updateOne: {
            filter: { tenantId, personId, week },
            update: { $setOnInsert: { claimedAt: at, sentAt: null } },
            upsert: true,
          },
        })),
        { ordered: false },
      );
    } catch (error) {
      if (!onlyDuplicates(error)) throw error;
    }
    return (await this.#digests.find({ tenantId, week, personId: { $in: ids } }).toArray()).map(toClaim);
  }

  async markSent(tenantId: string, personIds: readonly string[], week: IsoWeek, at: Date): Promise<void> {
    if (personIds.length === 0) return;
    await this.#digests.updateMany(
      { tenantId, week, personId: { $in: [...new Set(personIds)] }, sentAt: null },
      { $set: { sentAt: at } },
    );
  }
}
