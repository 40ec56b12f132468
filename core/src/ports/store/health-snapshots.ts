import type { DayRange } from '../../domain/days.ts';
import type { GroupFlag, GroupHealthDay } from '../../domain/group-health.ts';
import { HEALTH_COMPONENTS, type ScoreRange } from '../../domain/health.ts';
import type { Platform } from '../../domain/platform.ts';

/** A day of a tenant's snapshot, once every group's row of it is written. */
export interface SnapshotDay {
  readonly day: string;
  /** The day was over when measured: its rows will not change. Today's rows are refreshed through the day. */
  readonly final: boolean;
  readonly measuredAt: Date;
  readonly groups: number;
}

/**
 * The daily health snapshot: one row per group and UTC day, so that trends over 90 days and more
 * are read, not computed. A day is written in chunks of rows, then marked; readers see each
 * group's row either as it was or as it is, never half of one.
 */
export interface HealthSnapshotRepository {
  /** Writes these rows of a day, each replacing the group's row of that day. */
  save(tenantId: string, rows: readonly GroupHealthDay[]): Promise<void>;
  /** Records that every group's row of the day is written (replacing an earlier mark of the day). */
  markDay(tenantId: string, day: SnapshotDay): Promise<void>;
  /** The days marked in the range, oldest first. */
  days(tenantId: string, range: DayRange): Promise<SnapshotDay[]>;
  /** One group's rows over the range, oldest first. */
  series(tenantId: string, groupId: string, range: DayRange): Promise<GroupHealthDay[]>;
  /**
   * The cross-group table, in one query: the tenant's active groups with their row of the latest
   * marked day (null before any) and the score of their row `trendDays` before it, filtered,
   * sorted and paged as asked.
   */
  overview(tenantId: string, query: OverviewQuery): Promise<OverviewPage>;
}

/**
 * Every column of the cross-group table sorts: `owners` by the active owners, `flags` by how many
 * are raised, a component by its score.
 */
export const OVERVIEW_SORTS = [
  'score',
  'name',
  'platform',
  'owners',
  'members',
  'weeklyActive',
  'monthlyActive',
  'activeRatio',
  'trend',
  'flags',
  ...HEALTH_COMPONENTS,
] as const;
export type OverviewSort = (typeof OVERVIEW_SORTS)[number];

export interface OverviewQuery {
  /** Rows without the value sort last either way; ties by name, then id. */
  readonly sort: OverviewSort;
  readonly descending: boolean;
  /** Only groups raising every one of these flags. */
  readonly flags: readonly GroupFlag[];
  /** Only groups whose score is in one of these ranges (none: any score, or none). */
  readonly scoreRanges: readonly ScoreRange[];
  /** Only these groups (an owner's, say); null: all the tenant's. */
  readonly groupIds: readonly string[] | null;
  readonly platform: Platform | null;
  /** Only groups whose name contains this, ignoring case. */
  readonly search: string | null;
  readonly trendDays: number;
  readonly limit: number;
  readonly offset: number;
}

export interface OverviewPage {
  /** The latest marked day, null before the first. */
  readonly day: string | null;
  /** Groups matching the filters, over all pages. */
  readonly total: number;
  readonly rows: readonly OverviewRow[];
}

export interface OverviewRow {
  readonly groupId: string;
  readonly name: string;
  readonly platform: Platform;
  /** Its owners as listed on the group, active or not. */
  readonly owners: readonly OwnerName[];
  /** Null for a group not measured on that day (registered since). */
  readonly health: GroupHealthDay | null;
  /** The score `trendDays` before, null when there is none. */
  readonly scoreBefore: number | null;
}

/** An owner as a table shows them. */
export interface OwnerName {
  readonly personId: string;
  readonly displayName: string;
  /** Left the company: counts as no owner. */
  readonly deactivated: boolean;
}
