import type { mongo } from 'mongoose';
import type { WeeklyHourStatus } from '../../../domain/weekly-hour.ts';
import { ErrorCode, fail, ok, type Result } from '../../../errors.ts';
import type {
  PersonMerge,
  TenantMerge,
  TenantMergeOutcome,
  TenantMergeRepository,
} from '../../../ports/store/tenant-merges.ts';
import { isDuplicateKey, onlyDuplicates } from '../duplicate-key.ts';
import type { Collections, DigestDocument, WeeklyHourDocument, WeeklyHourScheduleDocument } from '../models.ts';
import { toDocument } from './people.ts';

type AnyCollection = mongo.Collection<mongo.Document>;

/** Collections with a tenantId that move as they are; people first, installations last, tenants apart. */
const MOVED = [
  'people',
  'groups',
  'groupSyncs',
  'groupBackfills',
  'memberships',
  'membershipRequests',
  'ownershipOffers',
  'ownershipOfferCandidates',
  'contentItems',
  'contentSyncs',
  'contributionEvents',
  'groupDays',
  'memberDays',
  'contributorSpans',
  'questions',
  'groupHealthDays',
  'healthSnapshotDays',
  'weeklyHours',
  'weeklyHourSchedule',
  'auditEntries',
  'outbox',
  'roleGrants',
  'sessions',
  'digests',
  'groupIdleChecks',
] as const satisfies readonly (keyof Collections)[];

/** Every field holding a person id, but groups' ownerIds (a list) and the people's own ids. */
export const PERSON_FIELDS = [
  ['memberships', 'personId'],
  ['membershipRequests', 'requesterId'],
  ['membershipRequests', 'decidedBy'],
  ['ownershipOffers', 'takenBy'],
  ['ownershipOfferCandidates', 'personId'],
  ['contributionEvents', 'personId'],
  ['memberDays', 'personId'],
  ['contributorSpans', 'personId'],
  ['questions', 'askerId'],
  ['weeklyHours', 'ownerId'],
  ['weeklyHours', 'delegateId'],
  ['weeklyHourSchedule', 'ownerId'],
  ['auditEntries', 'actorId'],
  ['auditEntries', 'subjectId'],
  ['sessions', 'personId'],
  ['digests', 'personId'],
  ['contentItems', 'verifierId'],
  ['contentItems', 'authorId'],
  ['contentItems', 'flag.byId'],
  ['people', 'timeOff.coverId'],
] as const satisfies readonly (readonly [keyof Collections, string])[];

/** People merged per command: two lists of this many ids stay far below a command's 16 MB. */
const CHUNK = 5_000;

/**
 * Without transactions (a standalone server has none), the merge runs in an order that a merge
 * planned again after a crash completes: twins go first, then every row naming a person merged
 * away names the kept one, then the people merged away go, then rows move tenant by collection,
 * the audit is written, the installations move, and the merged tenants go last. Until the
 * installations move, the core still finds the merged tenants and merges them again; the only
 * trace a crash can leave is a second `tenant.merged` entry, or an empty tenant if it comes
 * between the installations and the end. Writers are not held off: restart every process with
 * the organisation's settings rather than merging under load.
 */
export class MongoTenantMerges implements TenantMergeRepository {
  readonly #c: Collections;
  constructor(collections: Collections) {
    this.#c = collections;
  }

  async merge(plan: TenantMerge): Promise<Result<TenantMergeOutcome, typeof ErrorCode.Conflict>> {
    const c = this.#c;
    // Tenants merged already are gone: merging them again changes nothing.
    const from = (await c.tenants.find({ _id: { $in: [...plan.from] } }, { projection: { _id: 1 } }).toArray()).map(
      (t) => t._id,
    );
    if (from.length === 0) return ok({ weeklyHoursDropped: 0 });
    const all = [plan.into, ...from];
    if (await missesSomeone(c, all, new Set(plan.people.map((p) => p.fromId)))) {
      return fail(ErrorCode.Conflict, 'someone new shares an e-mail across the tenants: plan the merge again');
    }
    let weeklyHoursDropped = 0;
    for (const chunk of chunksByKeptPerson(plan.people)) {
      weeklyHoursDropped += await dropTwinRecords(c, all, chunk, plan.weeklyHourPrecedence);
      await dropTwinDigests(c, all, chunk);
      await repointPeople(c, from, chunk);
    }
    await dropKeyedTwins(c.outbox as unknown as AnyCollection, plan.into, from, ['dedupeKey']);
    await dropKeyedTwins(c.roleGrants as unknown as AnyCollection, plan.into, from, ['email', 'role', 'source']);
    await mergePeople(c, plan.people);
    // The merged tenant's days are measured again, with all its groups: no day counts as done.
    await c.healthSnapshotDays.deleteMany({ tenantId: { $in: all } });
    for (const name of MOVED)
      await moveTenant(c[name] as unknown as AnyCollection, plan.into, from, name === 'contributionEvents');
    await appendAudit(c, plan);
    await c.installations.updateMany({ tenantId: { $in: from } }, { $set: { tenantId: plan.into } });
    await c.tenants.deleteMany({ _id: { $in: from } });
    return ok({ weeklyHoursDropped });
  }
}

/** Entries written by this plan before a crash stay as they are. */
async function appendAudit(c: Collections, plan: TenantMerge): Promise<void> {
  if (plan.audit.length === 0) return;
  try {
    await c.auditEntries.insertMany(
      plan.audit.map(({ id, tenantId: _, ...entry }) => ({ _id: id, tenantId: plan.into, ...entry })),
      { ordered: false },
    );
  } catch (error) {
    if (!onlyDuplicates(error)) throw error;
  }
}

/** Whether two people of these tenants share an e-mail and neither is merged away: the plan is stale. */
async function missesSomeone(c: Collections, tenantIds: string[], mergedAway: ReadonlySet<string>): Promise<boolean> {
  const shared = await c.people
    .aggregate<{ ids: string[] }>(
      [
        { $match: { tenantId: { $in: tenantIds }, emailKey: { $exists: true } } },
        { $group: { _id: '$emailKey', ids: { $push: '$_id' } } },
        { $match: { 'ids.1': { $exists: true } } },
      ],
      { allowDiskUse: true },
    )
    .toArray();
  return shared.some((group) => group.ids.filter((id) => !mergedAway.has(id)).length > 1);
}

/** All merges into one kept person fall in the same chunk, so its twins are seen together. */
function chunksByKeptPerson(people: readonly PersonMerge[]): PersonMerge[][] {
  const chunks: PersonMerge[][] = [[]];
  for (const merges of Map.groupBy(people, (p) => p.into.id).values()) {
    if (chunks.at(-1)!.length >= CHUNK) chunks.push([]);
    chunks.at(-1)!.push(...merges);
  }
  return chunks.filter((chunk) => chunk.length > 0);
}

/** Weekly-hour records and schedule entries the merge would make two of one owner's: one is kept (see the port). */
async function dropTwinRecords(
  c: Collections,
  tenantIds: string[],
  chunk: readonly PersonMerge[],
  precedence: readonly WeeklyHourStatus[],
): Promise<number> {
  const keptId = new Map(chunk.map((p) => [p.fromId, p.into.id]));
  const ownerIds = [...keptId.keys(), ...new Set(keptId.values())];
  const owner = (id: string) => keptId.get(id) ?? id;
  const records = await c.weeklyHours.find({ tenantId: { $in: tenantIds }, ownerId: { $in: ownerIds } }).toArray();
  const rank = (r: WeeklyHourDocument) => precedence.indexOf(r.status);
  const recordLosers = losers(
    records,
    (r) => `${owner(r.ownerId)} ${r.week}`,
    (a, b) => rank(a) - rank(b) || a.createdAt.getTime() - b.createdAt.getTime() || compare(a.tenantId, b.tenantId),
  );
  const schedule = await c.weeklyHourSchedule
    .find({ tenantId: { $in: tenantIds }, ownerId: { $in: ownerIds } })
    .toArray();
  const scheduleLosers = losers(
    schedule,
    (s) => owner(s.ownerId),
    (a: WeeklyHourScheduleDocument, b) => a.dueAt.getTime() - b.dueAt.getTime() || compare(a.tenantId, b.tenantId),
  );
  if (recordLosers.length > 0) {
    await c.weeklyHours.bulkWrite(
      recordLosers.map(({ tenantId, ownerId, week }) => ({ deleteOne: { filter: { tenantId, ownerId, week } } })),
    );
  }
  if (scheduleLosers.length > 0) {
    await c.weeklyHourSchedule.bulkWrite(
      scheduleLosers.map(({ tenantId, ownerId }) => ({ deleteOne: { filter: { tenantId, ownerId } } })),
    );
  }
  return recordLosers.length;
}

/** Digests the merge would make two of one manager's week: the one sent first is kept. */
async function dropTwinDigests(c: Collections, tenantIds: string[], chunk: readonly PersonMerge[]): Promise<void> {
  const keptId = new Map(chunk.map((p) => [p.fromId, p.into.id]));
  const personIds = [...keptId.keys(), ...new Set(keptId.values())];
  const digests = await c.digests.find({ tenantId: { $in: tenantIds }, personId: { $in: personIds } }).toArray();
  const sent = (d: DigestDocument) => d.sentAt?.getTime() ?? Number.POSITIVE_INFINITY;
  const twins = losers(
    digests,
    (d) => `${keptId.get(d.personId) ?? d.personId} ${d.week}`,
    (a, b) => sent(a) - sent(b) || a.claimedAt.getTime() - b.claimedAt.getTime() || compare(a.tenantId, b.tenantId),
  );
  if (twins.length > 0)
    await c.digests.bulkWrite(
      twins.map(({ tenantId, personId, week }) => ({ deleteOne: { filter: { tenantId, personId, week } } })),
    );
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Of each set of documents with the same key, all but the first by `order`. */
function losers<T>(docs: readonly T[], key: (doc: T) => string, order: (a: T, b: T) => number): T[] {
  return [...Map.groupBy(docs, key).values()].flatMap((same) => [...same].sort(order).slice(1));
}

/** Documents of the merged tenants with the same key as one in `into` (or in a merged tenant ordered before) go. */
async function dropKeyedTwins(
  collection: AnyCollection,
  into: string,
  from: string[],
  key: readonly string[],
): Promise<void> {
  const present = Object.fromEntries(key.map((field) => [field, { $type: 'string' }]));
  const twins = await collection
    // Outbox ids are strings, role grants' the server's ObjectIds: either way handed back as read.
    .aggregate<{ docs: { _id: unknown; tenantId: string }[] }>(
      [
        { $match: { tenantId: { $in: [into, ...from] }, ...present } },
        {
          $group: {
            _id: Object.fromEntries(key.map((field) => [field, `$${field}`])),
            docs: { $push: { _id: '$_id', tenantId: '$tenantId' } },
          },
        },
        { $match: { 'docs.1': { $exists: true } } },
      ],
      { allowDiskUse: true },
    )
    .toArray();
  const keptFirst = (a: { tenantId: string }, b: { tenantId: string }) =>
    Number(b.tenantId === into) - Number(a.tenantId === into) || compare(a.tenantId, b.tenantId);
  const gone = twins.flatMap((twin) =>
    [...twin.docs]
      .sort(keptFirst)
      .slice(1)
      .map((doc) => doc._id),
  );
  if (gone.length > 0) await collection.deleteMany({ _id: { $in: gone as mongo.ObjectId[] } });
}

/** The chunk's people merged away are named by the kept ones in every document of the merged tenants. */
async function repointPeople(c: Collections, from: string[], chunk: readonly PersonMerge[]): Promise<void> {
  const fromIds = chunk.map((p) => p.fromId);
  const intoIds = chunk.map((p) => p.into.id);
  const kept = (value: string) => ({
    $let: {
      vars: { at: { $indexOfArray: [fromIds, value] } },
      in: { $cond: [{ $eq: ['$$at', -1] }, value, { $arrayElemAt: [intoIds, '$$at'] }] },
    },
  });
  for (const [name, field] of PERSON_FIELDS) {
    const collection = c[name] as unknown as AnyCollection;
    await collection.updateMany({ tenantId: { $in: from }, [field]: { $in: fromIds } }, [
      { $set: { [field]: kept(`$${field}`) } },
    ]);
  }
  // Owners keep their order; a person merged into a co-owner of the same group is listed once.
  await c.groups.updateMany({ tenantId: { $in: from }, ownerIds: { $in: fromIds } }, [
    {
      $set: {
        ownerIds: {
          $reduce: {
            input: { $map: { input: '$ownerIds', in: kept('$$this') } },
            initialValue: [],
            in: { $cond: [{ $in: ['$$this', '$$value'] }, '$$value', { $concatArrays: ['$$value', ['$$this']] }] },
          },
        },
      },
    },
  ]);
}

/** The kept people take their merged attributes and identities (in the tenant they are in still); the others go. */
async function mergePeople(c: Collections, people: readonly PersonMerge[]): Promise<void> {
  const kept = [...new Map(people.map((p) => [p.into.id, p.into])).values()];
  for (let start = 0; start < kept.length; start += CHUNK) {
    const chunk = kept.slice(start, start + CHUNK);
    const tenantOf = new Map(
      (await c.people.find({ _id: { $in: chunk.map((p) => p.id) } }, { projection: { tenantId: 1 } }).toArray()).map(
        (d) => [d._id, d.tenantId],
      ),
    );
    const present = chunk.filter((p) => tenantOf.has(p.id));
    if (present.length === 0) continue;
    await c.people.bulkWrite(
      present.map((person) => ({
        replaceOne: {
          filter: { _id: person.id },
          replacement: toDocument({ ...person, tenantId: tenantOf.get(person.id)! }),
        },
      })),
    );
  }
  for (let start = 0; start < people.length; start += CHUNK) {
    await c.people.deleteMany({ _id: { $in: people.slice(start, start + CHUNK).map((p) => p.fromId) } });
  }
}

/**
 * Moves a collection's documents of the merged tenants. Platform event ids are unique only per
 * tenant: an event whose id the tenant kept already has (a distinct event) is kept under its id
 * suffixed with its former tenant.
 */
async function moveTenant(collection: AnyCollection, into: string, from: string[], events: boolean): Promise<void> {
  for (const tenantId of from) {
    for (;;) {
      try {
        await collection.updateMany({ tenantId }, { $set: { tenantId: into } });
        break;
      } catch (error) {
        const twin = (error as { keyValue?: { platform?: string; platformEventId?: string } }).keyValue;
        if (!events || !isDuplicateKey(error) || !twin?.platformEventId) throw error;
        await collection.updateOne(
          { tenantId, platform: twin.platform, platformEventId: twin.platformEventId },
          { $set: { platformEventId: `${twin.platformEventId} ${tenantId}` } },
        );
      }
    }
  }
}
