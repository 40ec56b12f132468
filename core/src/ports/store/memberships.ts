import type { Membership } from '../../domain/membership.ts';

export interface MembershipRepository {
  /** Idempotent; a person who left and joins again becomes a current member with the new date. */
  recordJoin(tenantId: string, groupId: string, personId: string, at: Date): Promise<void>;
  /** Idempotent; leaving a group one never joined records nothing. */
  recordLeave(tenantId: string, groupId: string, personId: string, at: Date): Promise<void>;
  get(tenantId: string, groupId: string, personId: string): Promise<Membership | null>;
  /** Current members, ordered by join date. */
  listMembers(tenantId: string, groupId: string): Promise<Membership[]>;
  countMembers(tenantId: string, groupId: string): Promise<number>;
  /** A person's current memberships, ordered by join date. */
  listByPerson(tenantId: string, personId: string): Promise<Membership[]>;
}
