import type { Group } from '../../domain/group.ts';
import type { PlatformRef } from '../../domain/platform.ts';

export interface GroupRepository {
  /** Inserts or replaces the group with this id; one group per platform reference and tenant. */
  save(group: Group): Promise<void>;
  get(tenantId: string, groupId: string): Promise<Group | null>;
  findByPlatformRef(tenantId: string, ref: PlatformRef): Promise<Group | null>;
  /** Ordered by name then id. */
  list(tenantId: string): Promise<Group[]>;
  listOwnedBy(tenantId: string, ownerId: string): Promise<Group[]>;
  /** Every group owned by at least one of these people, once each, ordered by name then id. */
  listOwnedByAny(tenantId: string, ownerIds: readonly string[]): Promise<Group[]>;
}
