import type { mongo } from 'mongoose';
import type { IsoWeek } from '../../../domain/iso-week.ts';
import type { WeeklyHourRecord, WeeklyHourStatus } from '../../../domain/weekly-hour.ts';
import type { WeeklyHourChanges, WeeklyHourRepository } from '../../../ports/store/weekly-hours.ts';
import { isDuplicateKey } from '../duplicate-key.ts';
import type { WeeklyHourDocument } from '../models.ts';

function toRecord(doc: WeeklyHourDocument): WeeklyHourRecord {
  return {
    tenantId: doc.tenantId,
    ownerId: doc.ownerId,
    week: doc.week as IsoWeek,
    status: doc.status,
    createdAt: doc.createdAt,
    cardSentAt: doc.cardSentAt,
    firstActionAt: doc.firstActionAt,
    doneAt: doc.doneAt,
    snoozedUntil: doc.snoozedUntil,
    skipReason: doc.skipReason,
    delegateId: doc.delegateId,
  };
}

const CHANGEABLE = [
  'status',
  'cardSentAt',
  'firstActionAt',
  'doneAt',
  'snoozedUntil',
  'skipReason',
  'delegateId',
] as const satisfies readonly (keyof WeeklyHourChanges)[];

export class MongoWeeklyHours implements WeeklyHourRepository {
  readonly #records: mongo.Collection<WeeklyHourDocument>;
  constructor(records: mongo.Collection<WeeklyHourDocument>) {
    this.#records = records;
  }

  async claim(record: WeeklyHourRecord): Promise<{ created: boolean; record: WeeklyHourRecord }> {
    const { tenantId, ownerId, week, ...fields } = record;
    try {
      // The unique key decides: whoever's upsert inserts the record created it. The filter is
      // exactly that key, so the server retries a racing insert as a (no-op) update.
      const { value, lastErrorObject } = await this.#records.findOneAndUpdate(
        { tenantId, ownerId, week },
        { $setOnInsert: fields },
        { upsert: true, returnDocument: 'after', includeResultMetadata: true },
      );
      if (value) return { created: lastErrorObject?.upserted !== undefined, record: toRecord(value) };
    } catch (error) {
      // A server that does not retry reports the racing insert instead: the record is there.
      if (!isDuplicateKey(error)) throw error;
    }
    const existing = await this.get(tenantId, ownerId, week);
    if (!existing) throw new Error(`weekly hour ${ownerId} ${week} vanished while being claimed`);
    return { created: false, record: existing };
  }

  async get(tenantId: string, ownerId: string, week: IsoWeek): Promise<WeeklyHourRecord | null> {
    const doc = await this.#records.findOne({ tenantId, ownerId, week });
    return doc ? toRecord(doc) : null;
  }

  async update(
    tenantId: string,
    ownerId: string,
    week: IsoWeek,
    changes: WeeklyHourChanges,
    whenStatusIn: readonly WeeklyHourStatus[],
  ): Promise<WeeklyHourRecord | null> {
    const filter = { tenantId, ownerId, week, status: { $in: [...whenStatusIn] } };
    const set = Object.fromEntries(
      CHANGEABLE.filter((key) => changes[key] !== undefined).map((key) => [key, changes[key]]),
    );
    // MongoDB refuses an empty $set; with nothing to change this is the status check alone.
    const doc =
      Object.keys(set).length === 0
        ? await this.#records.findOne(filter)
        : await this.#records.findOneAndUpdate(filter, { $set: set }, { returnDocument: 'after' });
    return doc ? toRecord(doc) : null;
  }

  async listByOwner(tenantId: string, ownerId: string, limit: number): Promise<WeeklyHourRecord[]> {
    // To MongoDB a limit of 0 means none at all.
    if (limit === 0) return [];
    const docs = await this.#records.find({ tenantId, ownerId }).sort({ week: -1 }).limit(limit).toArray();
    return docs.map(toRecord);
  }
}
