import type { Person, PlatformIdentity, Role } from '../../domain/person.ts';

export interface PersonRepository {
  /**
   * Inserts or replaces the person with this id. An identity or e-mail already held by another
   * person of the tenant is refused with `InvariantViolation`: one human is one person.
   */
  save(person: Person): Promise<void>;
  get(tenantId: string, personId: string): Promise<Person | null>;
  findByIdentity(tenantId: string, identity: PlatformIdentity): Promise<Person | null>;
  /** The people holding these identities, once each, in no particular order. */
  findByIdentities(tenantId: string, identities: readonly PlatformIdentity[]): Promise<Person[]>;
  /** Case-insensitive. */
  findByEmail(tenantId: string, email: string): Promise<Person | null>;
  /** The people of these ids that exist, in no particular order. */
  getMany(tenantId: string, personIds: readonly string[]): Promise<Person[]>;
  /** Ordered by display name then id. */
  list(tenantId: string, page?: Page): Promise<Person[]>;
  /** Active (not deactivated) people with the role, ordered by display name then id. */
  listWithRole(tenantId: string, role: Role): Promise<Person[]>;
  /**
   * The people of these tenants whose e-mail (case-insensitive) a person of another of them also
   * has: one human known in several tenants. Ordered by e-mail in lower case, then tenant id.
   */
  listSharingEmail(tenantIds: readonly string[]): Promise<Person[]>;
}

export interface Page {
  readonly limit: number;
  readonly offset: number;
}
