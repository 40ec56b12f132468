import type { Platform } from '../../domain/platform.ts';

/**
 * Where the reconciliation of a group's members with its platform stands. A pass reads every page
 * of members, saving its cursor after each, so that a crash or the next run continues it; members
 * not seen during a complete pass have left.
 */
export interface GroupSync {
  readonly tenantId: string;
  readonly groupId: string;
  /** When the pass in progress began; null between passes. */
  readonly passStartedAt: Date | null;
  /** The platform's cursor of the pass's next page; null at its start. */
  readonly cursor: string | null;
  /** When the last complete pass began; null until one completes (the roster then found is the group's first). */
  readonly lastPassAt: Date | null;
  /** When the sync job should next take the group. */
  readonly dueAt: Date;
}

export interface GroupSyncRepository {
  get(tenantId: string, groupId: string): Promise<GroupSync | null>;
  /** Inserts or replaces the record of (tenantId, groupId). */
  save(sync: GroupSync): Promise<void>;
  /**
   * Active groups of these platforms whose sync is due at `now`, across tenants: those never
   * synced first, then by due time.
   */
  due(
    now: Date,
    platforms: readonly Platform[],
    limit: number,
  ): Promise<{ readonly tenantId: string; readonly groupId: string }[]>;
}
