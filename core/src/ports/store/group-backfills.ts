/**
 * Where the backfill of a group's history stands. Its window is fixed when it starts, so that a
 * backfill resumed after Ctrl-C or a crash reads the same stretch of the past; the cursor is saved
 * after each page is counted, so a resume reads at most that page again (and counts it once).
 */
export interface GroupBackfill {
  readonly tenantId: string;
  readonly groupId: string;
  /** The history read: [since, until). */
  readonly since: Date;
  readonly until: Date;
  /** The platform's cursor of the next page; null at the start. */
  readonly cursor: string | null;
  /** Everything from this instant to `until` has been read. */
  readonly readBackTo: Date;
  readonly pages: number;
  /** Activities the pages held, and those recorded (a page read again after a crash is recorded again; the store keeps each event once). */
  readonly found: number;
  readonly recorded: number;
  readonly startedAt: Date;
  /** Null until the window is read through. */
  readonly finishedAt: Date | null;
}

export interface GroupBackfillRepository {
  get(tenantId: string, groupId: string): Promise<GroupBackfill | null>;
  /** Inserts or replaces the record of (tenantId, groupId). */
  save(backfill: GroupBackfill): Promise<void>;
}
