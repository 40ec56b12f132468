import type { AuditEntry } from '../../domain/audit-entry.ts';
import type { Person } from '../../domain/person.ts';
import type { WeeklyHourStatus } from '../../domain/weekly-hour.ts';
import type { ErrorCode, Result } from '../../errors.ts';

/** One human known as two people, in two of the tenants merged: `fromId` becomes `into`. */
export interface PersonMerge {
  /** Removed; every row that named it names `into.id` afterwards. */
  readonly fromId: string;
  /**
   * The person kept, as they are after the merge: its attributes are written as given, and its
   * identities are its own and `fromId`'s.
   */
  readonly into: Person;
}

/** What the core decided; the store carries it out. */
export interface TenantMerge {
  /** The tenant that stays. */
  readonly into: string;
  /** The tenants whose every row moves to `into`; removed afterwards. */
  readonly from: readonly string[];
  /** Every person of the tenants whose e-mail another person of them has (see `people.listSharingEmail`). */
  readonly people: readonly PersonMerge[];
  /** Of two weekly-hour records of the same owner and week, the one whose status comes first here is kept (then the older). */
  readonly weeklyHourPrecedence: readonly WeeklyHourStatus[];
  /** Written with the merge, in `into`. */
  readonly audit: readonly AuditEntry[];
}

export interface TenantMergeOutcome {
  /** Weekly-hour records dropped because the same owner had a record kept for the same week. */
  readonly weeklyHoursDropped: number;
}

export interface TenantMergeRepository {
  /**
   * Moves every row of the `from` tenants to `into`, loses none, and makes each merged person one.
   * Where the merge makes two rows one: weekly-hour records by `weeklyHourPrecedence`, the
   * weekly-hour schedule keeps the earlier due time, outbox messages and role grants with the same
   * key keep the one already in `into` (else any one: they are the same). The health snapshot's
   * rows move, but no day of it counts as done any more (`healthSnapshots.days` is empty for
   * `into`), so the snapshot job measures the merged tenant's days again. A plan that no longer
   * covers every person sharing an e-mail (someone new appeared since it was made) is refused with
   * `conflict`, changing nothing. Merging tenants already merged changes nothing. PostgreSQL does
   * it all in one transaction; MongoDB, which has none on a standalone server, in an order that a
   * new merge after a crash completes (its adapter says how).
   */
  merge(plan: TenantMerge): Promise<Result<TenantMergeOutcome, typeof ErrorCode.Conflict>>;
}
