import type { mongo } from 'mongoose';
import type { Person, PlatformIdentity, Role } from '../../../domain/person.ts';
import { InvariantViolation } from '../../../errors.ts';
import type { Page, PersonRepository } from '../../../ports/store/people.ts';
import { isDuplicateKey, upsertRetryingRace } from '../duplicate-key.ts';
import type { PersonDocument } from '../models.ts';

/** The identity as one index key, unambiguous whatever its ids contain. */
function identityKey(identity: PlatformIdentity): string {
  return JSON.stringify([identity.platform, identity.workspaceId, identity.userId]);
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

// The order the PostgreSQL store returns identities in.
function byPlatformWorkspaceUser(a: PlatformIdentity, b: PlatformIdentity): number {
  return compare(a.platform, b.platform) || compare(a.workspaceId, b.workspaceId) || compare(a.userId, b.userId);
}

export function toDocument(person: Person): PersonDocument {
  const identities = person.identities
    .map((i) => ({ platform: i.platform, workspaceId: i.workspaceId, userId: i.userId }))
    .sort(byPlatformWorkspaceUser);
  const identityKeys = identities.map(identityKey);
  // The unique index compares documents, not the entries of one document's list.
  if (new Set(identityKeys).size !== identityKeys.length) {
    throw new InvariantViolation(`person ${person.id} lists a platform identity twice`);
  }
  return {
    _id: person.id,
    tenantId: person.tenantId,
    displayName: person.displayName,
    email: person.email,
    ...(person.email === null ? {} : { emailKey: person.email.toLowerCase() }),
    identities,
    ...(identityKeys.length === 0 ? {} : { identityKeys }),
    timeZone: person.timeZone,
    locale: person.locale,
    roles: [...person.roles],
    weeklyHour: person.weeklyHour && { weekday: person.weeklyHour.weekday, time: person.weeklyHour.time },
    preferredPlatform: person.preferredPlatform,
    deactivatedAt: person.deactivatedAt,
    timeOff: person.timeOff && {
      from: person.timeOff.from,
      until: person.timeOff.until,
      coverId: person.timeOff.coverId,
    },
  };
}

function toPerson(doc: PersonDocument): Person {
  return {
    id: doc._id,
    tenantId: doc.tenantId,
    displayName: doc.displayName,
    email: doc.email,
    identities: doc.identities.map((i) => ({ platform: i.platform, workspaceId: i.workspaceId, userId: i.userId })),
    timeZone: doc.timeZone,
    locale: doc.locale,
    roles: doc.roles,
    weeklyHour: doc.weeklyHour && { weekday: doc.weeklyHour.weekday, time: doc.weeklyHour.time },
    preferredPlatform: doc.preferredPlatform ?? null,
    deactivatedAt: doc.deactivatedAt,
    timeOff: doc.timeOff
      ? { from: doc.timeOff.from, until: doc.timeOff.until, coverId: doc.timeOff.coverId ?? null }
      : null,
  };
}

export class MongoPeople implements PersonRepository {
  readonly #people: mongo.Collection<PersonDocument>;
  constructor(people: mongo.Collection<PersonDocument>) {
    this.#people = people;
  }

  async save(person: Person): Promise<void> {
    const doc = toDocument(person);
    // One document holds the person and their identities, so the save is one atomic replace.
    try {
      await upsertRetryingRace(() =>
        this.#people.replaceOne({ _id: person.id, tenantId: person.tenantId }, doc, { upsert: true }),
      );
    } catch (error) {
      if (isDuplicateKey(error)) {
        throw new InvariantViolation(`person ${person.id}: e-mail or platform identity belongs to another person`);
      }
      throw error;
    }
  }

  async get(tenantId: string, personId: string): Promise<Person | null> {
    const doc = await this.#people.findOne({ _id: personId, tenantId });
    return doc ? toPerson(doc) : null;
  }

  async findByIdentity(tenantId: string, identity: PlatformIdentity): Promise<Person | null> {
    const doc = await this.#people.findOne({ tenantId, identityKeys: identityKey(identity) });
    return doc ? toPerson(doc) : null;
  }

  async findByIdentities(tenantId: string, identities: readonly PlatformIdentity[]): Promise<Person[]> {
    if (identities.length === 0) return [];
    const docs = await this.#people.find({ tenantId, identityKeys: { $in: identities.map(identityKey) } }).toArray();
    return docs.map(toPerson);
  }

  async findByEmail(tenantId: string, email: string): Promise<Person | null> {
    const doc = await this.#people.findOne({ tenantId, emailKey: email.trim().toLowerCase() });
    return doc ? toPerson(doc) : null;
  }

  async getMany(tenantId: string, personIds: readonly string[]): Promise<Person[]> {
    if (personIds.length === 0) return [];
    const docs = await this.#people.find({ tenantId, _id: { $in: [...personIds] } }).toArray();
    return docs.map(toPerson);
  }

  async list(tenantId: string, page: Page = { limit: 1000, offset: 0 }): Promise<Person[]> {
    // To MongoDB a limit of 0 means none at all.
    if (page.limit === 0) return [];
    const docs = await this.#people
      .find({ tenantId })
      .sort({ displayName: 1, _id: 1 })
      .skip(page.offset)
      .limit(page.limit)
      .toArray();
    return docs.map(toPerson);
  }

  async listWithRole(tenantId: string, role: Role): Promise<Person[]> {
    // A null filter also matches people saved without the field.
    const docs = await this.#people
      .find({ tenantId, roles: role, deactivatedAt: null })
      .sort({ displayName: 1, _id: 1 })
      .toArray();
    return docs.map(toPerson);
  }

  async listSharingEmail(tenantIds: readonly string[]): Promise<Person[]> {
    // Each tenant has at most one person per e-mail (the unique emailKey), so a shared e-mail is one seen twice.
    const shared = await this.#people
      .aggregate<{ people: PersonDocument[] }>(
        [
          { $match: { tenantId: { $in: [...tenantIds] }, emailKey: { $exists: true } } },
          { $group: { _id: '$emailKey', people: { $push: '$$ROOT' } } },
          { $match: { 'people.1': { $exists: true } } },
        ],
        { allowDiskUse: true },
      )
      .toArray();
    const docs = shared.flatMap((group) => group.people);
    docs.sort((a, b) => compare(a.emailKey ?? '', b.emailKey ?? '') || compare(a.tenantId, b.tenantId));
    return docs.map(toPerson);
  }
}
