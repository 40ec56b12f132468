import type { mongo } from 'mongoose';
import type { IsoWeek } from '../../../domain/iso-week.ts';
import type { WeeklyHourRecord, WeeklyHourStatus } from '../../../domain/weekly-hour.ts';
import type { ScheduledCard, WeeklyHourChanges, WeeklyHourRepository } from '../../../ports/store/weekly-hours.ts';
import { isDuplicateKey, upsertRetryingRace } from '../duplicate-key.ts';
import type { Collections, WeeklyHourDocument } from '../models.ts';

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
  readonly #schedule: Collections['weeklyHourSchedule'];
  readonly #groups: Collections['groups'];
  readonly #people: Collections['people'];

  constructor(collections: Pick<Collections, 'weeklyHours' | 'weeklyHourSchedule' | 'groups' | 'people'>) {
    this.#records = collections.weeklyHours;
    this.#schedule = collections.weeklyHourSchedule;
    this.#groups = collections.groups;
    this.#people = collections.people;
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

  async listDelegatedTo(tenantId: string, delegateId: string, week: IsoWeek): Promise<WeeklyHourRecord[]> {
    const docs = await this.#records.find({ tenantId, delegateId, week }).sort({ ownerId: 1 }).toArray();
    return docs.map(toRecord);
  }

  async scheduleCard(tenantId: string, ownerId: string, dueAt: Date | null): Promise<void> {
    if (dueAt === null) {
      await this.#schedule.deleteOne({ tenantId, ownerId });
      return;
    }
    await upsertRetryingRace(() =>
      this.#schedule.updateOne({ tenantId, ownerId }, { $set: { dueAt } }, { upsert: true }),
    );
  }

  async dueCards(now: Date, limit: number): Promise<ScheduledCard[]> {
    // To MongoDB a limit of 0 means none at all.
    if (limit === 0) return [];
    const docs = await this.#schedule
      .find({ dueAt: { $lte: now } })
      .sort({ dueAt: 1, tenantId: 1, ownerId: 1 })
      .limit(limit)
      .toArray();
    return docs.map((doc) => ({ tenantId: doc.tenantId, ownerId: doc.ownerId, dueAt: doc.dueAt }));
  }

  async unscheduledOwners(limit: number): Promise<{ tenantId: string; ownerId: string }[]> {
    if (limit === 0) return [];
    // Only people who exist and are active, as in the PostgreSQL store: a deactivated owner gets no card.
    const sameOwner = { $expr: { $and: [{ $eq: ['$tenantId', '$$tenantId'] }, { $eq: ['$ownerId', '$$ownerId'] }] } };
    const samePerson = { $expr: { $and: [{ $eq: ['$tenantId', '$$tenantId'] }, { $eq: ['$_id', '$$ownerId'] }] } };
    const rows = await this.#groups
      .aggregate<{ _id: { tenantId: string; ownerId: string } }>([
        { $unwind: '$ownerIds' },
        { $group: { _id: { tenantId: '$tenantId', ownerId: '$ownerIds' } } },
        {
          $lookup: {
            from: this.#schedule.collectionName,
            let: { tenantId: '$_id.tenantId', ownerId: '$_id.ownerId' },
            pipeline: [{ $match: sameOwner }, { $limit: 1 }, { $project: { _id: 1 } }],
            as: 'scheduled',
          },
        },
        { $match: { scheduled: { $size: 0 } } },
        {
          $lookup: {
            from: this.#people.collectionName,
            let: { tenantId: '$_id.tenantId', ownerId: '$_id.ownerId' },
            pipeline: [{ $match: samePerson }, { $project: { deactivatedAt: 1 } }],
            as: 'person',
          },
        },
        { $match: { person: { $elemMatch: { deactivatedAt: null } } } },
        { $sort: { '_id.tenantId': 1, '_id.ownerId': 1 } },
        { $limit: limit },
      ])
      .toArray();
    return rows.map((row) => ({ tenantId: row._id.tenantId, ownerId: row._id.ownerId }));
  }
}
