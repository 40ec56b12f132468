import type { Group } from '../../domain/group.ts';
import type { PlatformRef } from '../../domain/platform.ts';

export interface GroupRepository {
  /** Inserts or replaces the group with this id; one group per platform reference and tenant. */
  save(group: Group): Promise<void>;
  get(tenantId: string, groupId: string): Promise<Group | null>;
  /** The groups of these ids that exist, whatever their state, in no particular order. */
  getMany(tenantId: string, groupIds: readonly string[]): Promise<Group[]>;
  /** The group whose platform reference, or one of its other keys (`addKeys`), is `ref`. */
  findByPlatformRef(tenantId: string, ref: PlatformRef): Promise<Group | null>;
  /**
   * Other ids the platform knows the group by (a Teams team's `19:…` thread id beside its
   * Microsoft 365 group id), so that activities carrying any of them find it. Idempotent; a key
   * another group of the tenant held moves to this one.
   */
  addKeys(tenantId: string, groupId: string, keys: readonly PlatformRef[]): Promise<void>;
  /** Every group, whatever its state, ordered by name then id. */
  list(tenantId: string): Promise<Group[]>;
  /** The active groups the person owns, ordered by name then id. */
  listOwnedBy(tenantId: string, ownerId: string): Promise<Group[]>;
  /** Every active group owned by at least one of these people, once each, ordered by name then id. */
  listOwnedByAny(tenantId: string, ownerIds: readonly string[]): Promise<Group[]>;
}
