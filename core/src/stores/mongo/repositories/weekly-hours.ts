import type { mongo } from 'mongoose';
import type { IsoWeek } from '../../../domain/iso-week.ts';
import type { WeeklyHourRecord, WeeklyHourStatus } from '../../../domain/weekly-hour.ts';
import type {
  ScheduledCard,
  WeeklyHourChanges,
  WeeklyHourKey,
  WeeklyHourRepository,
} from '../../../ports/store/weekly-hours.ts';
import { firstOfEach } from '../../first-of-each.ts';
import { isDuplicateKey, upsertAll } from '../duplicate-key.ts';
import type { Collections, WeeklyHourDocument } from '../models.ts';
import { ACTIVE_GROUP } from './groups.ts';

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
    timeOff: doc.timeOff ?? false,
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

const keyOf = (tenantId: string, ownerId: string, week: string) => JSON.stringify([tenantId, ownerId, week]);

/**
 * A filter matching exactly these records and no others: per tenant and week, the owners in it
 * (a round's records share a few weeks, so this stays a short $or on the unique key).
 */
function exactly(keys: readonly { tenantId: string; ownerId: string; week: string }[]) {
  const owners = new Map<string, { tenantId: string; week: string; ownerIds: Set<string> }>();
  for (const { tenantId, ownerId, week } of keys) {
    const group = owners.get(JSON.stringify([tenantId, week])) ?? { tenantId, week, ownerIds: new Set<string>() };
    owners.set(JSON.stringify([tenantId, week]), group);
    group.ownerIds.add(ownerId);
  }
  return {
    $or: [...owners.values()].map(({ tenantId, week, ownerIds }) => ({
      tenantId,
      week,
      ownerId: { $in: [...ownerIds] },
    })),
  };
}

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

  // claim stays one findOneAndUpdate (one round trip); claimMany needs a bulk write and a read.

  async claimMany(records: readonly WeeklyHourRecord[]): Promise<WeeklyHourRecord[]> {
    if (records.length === 0) return [];
    // Of records given twice the first is claimed.
    const claims = firstOfEach(records, (r) => keyOf(r.tenantId, r.ownerId, r.week));
    // Each filter is exactly the unique key: of racing claimers exactly one inserts the record.
    await upsertAll(this.#records, claims, ({ tenantId, ownerId, week, ...fields }) => ({
      filter: { tenantId, ownerId, week },
      update: { $setOnInsert: fields },
    }));
    const docs = await this.#records.find(exactly(claims)).toArray();
    const stored = new Map(docs.map((doc) => [keyOf(doc.tenantId, doc.ownerId, doc.week), toRecord(doc)]));
    return records.map((r) => {
      const record = stored.get(keyOf(r.tenantId, r.ownerId, r.week));
      if (!record) throw new Error(`weekly hour ${r.ownerId} ${r.week} vanished while being claimed`);
      return record;
    });
  }

  async get(tenantId: string, ownerId: string, week: IsoWeek): Promise<WeeklyHourRecord | null> {
    const doc = await this.#records.findOne({ tenantId, ownerId, week });
    return doc ? toRecord(doc) : null;
  }

  async getMany(tenantId: string, keys: readonly WeeklyHourKey[]): Promise<WeeklyHourRecord[]> {
    if (keys.length === 0) return [];
    const docs = await this.#records.find(exactly(keys.map((k) => ({ tenantId, ...k })))).toArray();
    return docs.map(toRecord);
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

  async markCardsSent(tenantId: string, keys: readonly WeeklyHourKey[], at: Date): Promise<void> {
    if (keys.length === 0) return;
    // The server re-checks each match as it updates: a card marked meanwhile keeps its time.
    await this.#records.updateMany(
      { ...exactly(keys.map((k) => ({ tenantId, ...k }))), status: 'pending', cardSentAt: null },
      { $set: { cardSentAt: at } },
    );
  }

  async listByOwner(tenantId: string, ownerId: string, limit: number): Promise<WeeklyHourRecord[]> {
    // To MongoDB a limit of 0 means none at all.
    if (limit === 0) return [];
    const docs = await this.#records.find({ tenantId, ownerId }).sort({ week: -1 }).limit(limit).toArray();
    return docs.map(toRecord);
  }

  async listRecentByOwners(
    tenantId: string,
    ownerIds: readonly string[],
    beforeWeek: IsoWeek,
    limit: number,
  ): Promise<WeeklyHourRecord[]> {
    if (ownerIds.length === 0 || limit <= 0) return [];
    const distinct = [...new Set(ownerIds)];
    // The sort is the unique index read backwards (the tenant is fixed), and $push keeps it, so
    // each owner's array is newest first before it is cut to the limit.
    const groups = await this.#records
      .aggregate<{ _id: string; records: WeeklyHourDocument[] }>([
        { $match: { tenantId, ownerId: { $in: distinct }, week: { $lt: beforeWeek } } },
        { $sort: { ownerId: -1, week: -1 } },
        { $group: { _id: '$ownerId', records: { $push: '$$ROOT' } } },
        { $project: { records: { $slice: ['$records', limit] } } },
      ])
      .toArray();
    const byOwner = new Map(groups.map((group) => [group._id, group.records]));
    return distinct.flatMap((ownerId) => (byOwner.get(ownerId) ?? []).map(toRecord));
  }

  async listDelegatedTo(tenantId: string, delegateId: string, week: IsoWeek): Promise<WeeklyHourRecord[]> {
    const docs = await this.#records.find({ tenantId, delegateId, week }).sort({ ownerId: 1 }).toArray();
    return docs.map(toRecord);
  }

  async scheduleCard(tenantId: string, ownerId: string, dueAt: Date | null): Promise<void> {
    await this.scheduleCards(tenantId, [{ ownerId, dueAt }]);
  }

  async scheduleCards(
    tenantId: string,
    entries: readonly { readonly ownerId: string; readonly dueAt: Date | null }[],
  ): Promise<void> {
    if (entries.length === 0) return;
    // As one call each, in order: an owner's last entry stands.
    const last = [...new Map(entries.map((entry) => [entry.ownerId, entry.dueAt])).entries()];
    const removed = last.filter(([, dueAt]) => dueAt === null).map(([ownerId]) => ownerId);
    const due = last.flatMap(([ownerId, dueAt]) => (dueAt === null ? [] : [{ ownerId, dueAt }]));
    await Promise.all([
      removed.length > 0 ? this.#schedule.deleteMany({ tenantId, ownerId: { $in: removed } }) : undefined,
      upsertAll(this.#schedule, due, ({ ownerId, dueAt }) => ({
        filter: { tenantId, ownerId },
        update: { $set: { dueAt } },
      })),
    ]);
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
    // Only people who exist and are active, owning an active group, as in the PostgreSQL store: a
    // deactivated owner, or one whose groups are all archived, gets no card.
    const sameOwner = { $expr: { $and: [{ $eq: ['$tenantId', '$$tenantId'] }, { $eq: ['$ownerId', '$$ownerId'] }] } };
    const samePerson = { $expr: { $and: [{ $eq: ['$tenantId', '$$tenantId'] }, { $eq: ['$_id', '$$ownerId'] }] } };
    const rows = await this.#groups
      .aggregate<{ _id: { tenantId: string; ownerId: string } }>([
        { $match: ACTIVE_GROUP },
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
