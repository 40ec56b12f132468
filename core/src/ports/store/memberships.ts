import type { Membership } from '../../domain/membership.ts';

export interface MembershipRepository {
  /** Idempotent; a person who left and joins again becomes a current member with the new date. */
  recordJoin(tenantId: string, groupId: string, personId: string, at: Date): Promise<void>;
  /** Idempotent; leaving a group one never joined records nothing. */
  recordLeave(tenantId: string, groupId: string, personId: string, at: Date): Promise<void>;
  get(tenantId: string, groupId: string, personId: string): Promise<Membership | null>;
  /** The memberships (current or past) of these people in the group that exist, in no particular order. */
  getMany(tenantId: string, groupId: string, personIds: readonly string[]): Promise<Membership[]>;
  /** The ended memberships of any of these people in any of these groups (owners who left, read for many groups at once). */
  listEndedAmong(tenantId: string, groupIds: readonly string[], personIds: readonly string[]): Promise<Membership[]>;
  /**
   * The platform listed these people as members (a sync): each becomes a current member, joining
   * at `joinedAt` unless already one (a current member keeps their join date), and is marked seen
   * at `seenAt`.
   */
  recordSeen(
    tenantId: string,
    groupId: string,
    personIds: readonly string[],
    at: { joinedAt: Date; seenAt: Date },
  ): Promise<void>;
  /** Current members neither seen by a sync nor joined since `since`: they left unannounced. */
  listUnseenSince(tenantId: string, groupId: string, since: Date): Promise<string[]>;
  /** Current members, ordered by join date. */
  listMembers(tenantId: string, groupId: string): Promise<Membership[]>;
  countMembers(tenantId: string, groupId: string): Promise<number>;
  /** A person's current memberships, ordered by join date. */
  listByPerson(tenantId: string, personId: string): Promise<Membership[]>;
}
