import type { Platform } from '../../domain/platform.ts';

/** When a group's content was last read from its platform, and when it is next due. */
export interface ContentSync {
  readonly tenantId: string;
  readonly groupId: string;
  /** When its content was last listed in full; null until then. */
  readonly lastSyncedAt: Date | null;
  readonly dueAt: Date;
}

export interface ContentSyncRepository {
  /** Inserts or replaces the record of (tenantId, groupId). */
  save(sync: ContentSync): Promise<void>;
  get(tenantId: string, groupId: string): Promise<ContentSync | null>;
  /**
   * Active groups of these platforms whose content sync is due at `now`, across tenants: those never
   * synced first, then by due time.
   */
  due(
    now: Date,
    platforms: readonly Platform[],
    limit: number,
  ): Promise<{ readonly tenantId: string; readonly groupId: string }[]>;
}
