import type { IdleCheck, IdleGroupPolicy } from '../../domain/idle-group.ts';

/**
 * The tenant's idle-group policy and each group's idle checks. The writes that must happen once
 * (a warning, a proposal, an answer) are conditional on the round and count they follow, so two
 * jobs or two owners racing make one.
 */
export interface IdleGroupRepository {
  /** The tenant's policy; null until an administrator sets one (DEFAULT_IDLE_GROUP_POLICY applies). */
  getPolicy(tenantId: string): Promise<IdleGroupPolicy | null>;
  setPolicy(tenantId: string, policy: IdleGroupPolicy): Promise<void>;
  /** The checks of these groups that have one, in no particular order. */
  getChecks(tenantId: string, groupIds: readonly string[]): Promise<IdleCheck[]>;
  /**
   * Records warning `warning` of round `round` (a group without a check is in round 0, with no
   * warning). False when the group is not at warning `warning - 1` of that round any more.
   */
  recordWarning(tenantId: string, groupId: string, round: number, warning: number, at: Date): Promise<boolean>;
  /** Marks the round proposed for archive; false when it was already, or the round is over. */
  propose(tenantId: string, groupId: string, round: number, at: Date): Promise<boolean>;
  /** Writes an answer's new round (`next.round`); false when the group is not in the round before it any more. */
  answer(next: IdleCheck): Promise<boolean>;
  /** The groups proposed for archive in their current round, oldest proposal first, at most `limit`. */
  listProposed(tenantId: string, limit: number): Promise<IdleCheck[]>;
}
