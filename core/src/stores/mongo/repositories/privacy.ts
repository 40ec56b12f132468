import type { mongo } from 'mongoose';
import { SENT_PAYLOAD_TEXTS } from '../../../domain/outbox-texts.ts';
import { DEFAULT_RAW_EVENT_RETENTION_MONTHS } from '../../../domain/privacy.ts';
import type * as Port from '../../../ports/store/privacy.ts';
import type { Collections, OutboxMessageDocument } from '../models.ts';
import { MongoAuditLog } from './audit-log.ts';
import { PERSON_FIELDS } from './tenant-merges.ts';

type AnyCollection = mongo.Collection<mongo.Document>;

/** Documents of these go with the person: nothing in them is a figure. */
const REMOVED_WITH_PERSON = new Set<keyof Collections>(['sessions', 'weeklyHourSchedule', 'digests']);

/** Every field naming a person whose documents an erasure keeps, under the anonymous id. */
const ANONYMISED = PERSON_FIELDS.filter(([name]) => !REMOVED_WITH_PERSON.has(name));

/** The person's fields, by collection: what an export reads (raw events are counted, not listed). */
const EXPORTED = Map.groupBy(
  PERSON_FIELDS.filter(([name]) => name !== 'contributionEvents'),
  ([name]) => name,
);

/**
 * Without transactions (a standalone server has none), an erasure runs in an order that running
 * it again after a crash completes: the person's document goes last, so until then the core finds
 * them and erases again; every step before is a no-op the second time. A crash after some rows
 * were anonymised leaves those under the first anonymous id and the rest under the second: each
 * group still counts the same contributions, but of two anonymous members instead of one.
 */
export class MongoPrivacy implements Port.PrivacyRepository {
  readonly #c: Collections;
  constructor(collections: Collections) {
    this.#c = collections;
  }

  async personRecords(tenantId: string, personId: string): Promise<Port.PersonRecords> {
    const records: Record<string, mongo.Document[]> = {};
    for (const [name, fields] of EXPORTED) {
      const collection = this.#c[name] as unknown as AnyCollection;
      records[name] = await collection
        .find({ tenantId, $or: fields.map(([, field]) => ({ [field]: personId })) })
        .toArray();
    }
    const person = await this.#c.people.findOne({ tenantId, _id: personId });
    const userIds = person?.identities.map((i) => i.userId) ?? [];
    records['groupsOwned'] = await this.#c.groups
      .find({ tenantId, ownerIds: personId }, { projection: { name: 1, platformRef: 1, createdAt: 1 } })
      .toArray();
    records['contributionEvents'] = await this.#c.contributionEvents
      .aggregate([
        { $match: { tenantId, personId } },
        {
          $group: { _id: '$kind', events: { $sum: 1 }, first: { $min: '$occurredAt' }, last: { $max: '$occurredAt' } },
        },
        { $sort: { _id: 1 } },
      ])
      .toArray();
    records['roleGrants'] = person?.email
      ? await this.#c.roleGrants.find({ tenantId, email: person.email.toLowerCase() }).toArray()
      : [];
    records['outbox'] = await this.#c.outbox
      .find({ tenantId, ...addressedTo(userIds) })
      .sort({ createdAt: 1 })
      .toArray();
    records['conversations'] = await this.#c.conversations
      .find({
        key: { $in: userIds.map((id) => `user:${id}`) },
        workspaceId: { $in: person?.identities.map((i) => i.workspaceId) ?? [] },
      })
      .toArray();
    return records;
  }

  async erasePerson(erasure: Port.PersonErasure): Promise<Port.PersonErasureOutcome | null> {
    const { tenantId, personId, anonymousId } = erasure;
    const person = await this.#c.people.findOne({ tenantId, _id: personId });
    if (!person) return null;
    const userIds = person.identities.map((i) => i.userId);
    let removed = 0;
    for (const name of REMOVED_WITH_PERSON) {
      const field = name === 'weeklyHourSchedule' ? 'ownerId' : 'personId';
      removed += (await (this.#c[name] as unknown as AnyCollection).deleteMany({ tenantId, [field]: personId }))
        .deletedCount;
    }
    // MongoDB refuses an empty $or: someone with no identity has no chat either.
    if (person.identities.length > 0) {
      removed += (
        await this.#c.conversations.deleteMany({
          $or: person.identities.map((i) => ({
            platform: i.platform,
            workspaceId: i.workspaceId,
            key: `user:${i.userId}`,
          })),
        })
      ).deletedCount;
    }
    if (person.email)
      removed += (await this.#c.roleGrants.deleteMany({ tenantId, email: person.email.toLowerCase() })).deletedCount;
    const unsetTexts = Object.fromEntries(SENT_PAYLOAD_TEXTS.map((text) => [`payload.${text}`, ''] as const)) as Record<
      string,
      ''
    >;
    await this.#c.outbox.updateMany(
      { tenantId, status: 'pending', ...addressedTo(userIds) },
      {
        $set: { status: 'cancelled', doneAt: erasure.audit.at, lastError: 'person_erased', lockedUntil: null },
        $unset: unsetTexts,
      },
    );
    // What they wrote, or was written about their requests; a skip reason still counts as given.
    await this.#c.membershipRequests.updateMany(
      { tenantId, requesterId: personId },
      { $set: { note: null, reason: null } },
    );
    await this.#c.weeklyHours.updateMany(
      { tenantId, ownerId: personId, skipReason: { $ne: null } },
      { $set: { skipReason: '' } },
    );
    await this.#c.contentItems.updateMany({ tenantId, 'flag.byId': personId }, { $set: { 'flag.note': null } });
    let anonymised = 0;
    for (const [name, field] of ANONYMISED) {
      const collection = this.#c[name] as unknown as AnyCollection;
      anonymised += (await collection.updateMany({ tenantId, [field]: personId }, { $set: { [field]: anonymousId } }))
        .modifiedCount;
    }
    anonymised += (
      await this.#c.groups.updateMany(
        { tenantId, ownerIds: personId },
        { $set: { 'ownerIds.$[erased]': anonymousId } },
        {
          arrayFilters: [{ erased: personId }],
        },
      )
    ).modifiedCount;
    await this.#scrubAudit(erasure);
    // Outbox messages name people by platform id: those to them lose the address as well as the texts.
    await this.#c.outbox.updateMany(
      { tenantId, 'payload.to.userId': { $in: userIds } },
      { $set: { 'payload.to.userId': erasure.replacement }, $unset: unsetTexts },
    );
    await this.#c.outbox.updateMany(
      { tenantId, 'payload.person.userId': { $in: userIds } },
      { $set: { 'payload.person.userId': erasure.replacement } },
    );
    await new MongoAuditLog(this.#c.auditEntries).append(erasure.audit);
    removed += (await this.#c.people.deleteOne({ tenantId, _id: personId })).deletedCount;
    return { rowsAnonymised: anonymised, rowsRemoved: removed + person.identities.length };
  }

  /** Audit details holding one of the values as a whole get the replacement instead. */
  async #scrubAudit({ tenantId, scrub, replacement }: Port.PersonErasure): Promise<void> {
    const values = [...new Set(scrub)].filter((value) => value !== '');
    await this.#c.auditEntries.updateMany({ tenantId }, [
      {
        $set: {
          details: {
            $arrayToObject: {
              $map: {
                input: { $objectToArray: '$details' },
                in: { k: '$$this.k', v: { $cond: [{ $in: ['$$this.v', values] }, replacement, '$$this.v'] } },
              },
            },
          },
        },
      },
    ]);
  }

  async rawEventRetentions(): Promise<Port.RawEventRetention[]> {
    const tenants = await this.#c.tenants
      .find({}, { projection: { rawEventRetentionMonths: 1 } })
      .sort({ _id: 1 })
      .toArray();
    return tenants.map((t) => ({
      tenantId: t._id,
      months: t.rawEventRetentionMonths ?? DEFAULT_RAW_EVENT_RETENTION_MONTHS,
    }));
  }

  async setRawEventRetention(tenantId: string, months: number): Promise<void> {
    await this.#c.tenants.updateOne({ _id: tenantId }, { $set: { rawEventRetentionMonths: months } });
  }

  async deleteRawEventsBefore(tenantId: string, before: Date, limit: number): Promise<number> {
    const old = await this.#c.contributionEvents
      .find({ tenantId, occurredAt: { $lt: before } }, { projection: { _id: 1 } })
      .sort({ occurredAt: 1 })
      .limit(limit)
      .toArray();
    if (old.length === 0) return 0;
    return (await this.#c.contributionEvents.deleteMany({ _id: { $in: old.map((doc) => doc._id) } })).deletedCount;
  }
}

/** Outbox messages to one of these platform users, or inviting one. */
function addressedTo(userIds: readonly string[]): mongo.Filter<OutboxMessageDocument> {
  return { $or: [{ 'payload.to.userId': { $in: userIds } }, { 'payload.person.userId': { $in: userIds } }] };
}
