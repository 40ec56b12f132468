import type { Contribution, ContributionKind } from '../../domain/contribution.ts';
import type { DayRange } from '../../domain/days.ts';
import type { ActivityWindow } from '../../domain/metrics/activity.ts';
import type { ResponseTally } from '../../domain/metrics/questions.ts';
import type { ContributionCounts, GroupDay, Question } from '../../domain/rollups.ts';

/**
 * Set-based reads of the rollups for the dashboards, for many groups at once. They aggregate
 * (sums, counts, distinct counts) and never decide a rule: which kinds make a member active, what
 * a contribution weighs, a group's response target, come in as data. Groups are asked about once
 * each; a method that counts answers one entry per group, in the order asked (zeros for a group
 * without rows), and a method that lists orders its rows by group in that order. Day ranges hold
 * both ends; an empty range (from after to) counts nothing.
 */
export interface MetricsRepository {
  /** Members of each group at `at`: joined before it and not left before it. */
  memberCounts(tenantId: string, groupIds: readonly string[], at: Date): Promise<number[]>;
  /**
   * For each group, one count per window: the distinct members with a member day in the window's
   * `days` days ending with `day` that counts one of the window's kinds.
   */
  activeMembers(
    tenantId: string,
    groupIds: readonly string[],
    day: string,
    windows: readonly ActivityWindow[],
  ): Promise<number[][]>;
  /** Each group's group days summed over the range. */
  groupTotals(tenantId: string, groupIds: readonly string[], range: DayRange): Promise<GroupTotals[]>;
  /** Each group's contributor spans counted: those whose first day is in `firstIn`, and those whose last day is in `lastIn`. */
  contributorCounts(
    tenantId: string,
    groupIds: readonly string[],
    ranges: ContributorRanges,
  ): Promise<ContributorCounts[]>;
  /**
   * Per member of each group with a member day in `range` or in the longest presence window
   * (ending with `range.to`): contributions by kind over `range`, and the days counting one of
   * `presence.kinds` in each of `presence.windows`. By group, then person.
   */
  memberSummaries(
    tenantId: string,
    groupIds: readonly string[],
    range: DayRange,
    presence: PresenceQuery,
  ): Promise<MemberSummary[]>;
  /**
   * Each group's questions asked in [since, at), counted by where they stand at `at` against the
   * group's target (see `responseStanding`).
   */
  responseTallies(tenantId: string, groups: readonly ResponseTarget[], since: Date, at: Date): Promise<ResponseTally[]>;
  /** The questions of these groups asked in [since, until): by group, then oldest first, then by thread. */
  listQuestions(tenantId: string, groupIds: readonly string[], since: Date, until: Date): Promise<Question[]>;
  /** The questions of these groups still without a response: by group, then oldest first, then by thread. */
  listOpenQuestions(tenantId: string, groupIds: readonly string[]): Promise<Question[]>;
  /**
   * Each group's members with the most contributions of `kinds` over `range` (member days), at
   * most `limit` per group, only counts above zero: by group, then count descending, then person.
   */
  topMembers(
    tenantId: string,
    groupIds: readonly string[],
    range: DayRange,
    kinds: readonly ContributionKind[],
    limit: number,
  ): Promise<MemberCount[]>;
}

export interface MemberCount {
  readonly groupId: string;
  readonly personId: string;
  readonly count: number;
}

/** A group's counters summed over days. */
export type GroupTotals = Omit<GroupDay, 'day'>;

export interface ContributorRanges {
  readonly firstIn: DayRange;
  readonly lastIn: DayRange;
}

export interface ContributorCounts {
  readonly groupId: string;
  /** Spans whose first day is in `firstIn`. */
  readonly first: number;
  /** Spans whose last day is in `lastIn`. */
  readonly last: number;
}

export interface PresenceQuery {
  /** Window lengths in days, each ending with the range's last day. */
  readonly windows: readonly number[];
  readonly kinds: readonly Contribution[];
}

export interface MemberSummary {
  readonly groupId: string;
  readonly personId: string;
  /** Contributions by kind over the range. */
  readonly counts: ContributionCounts;
  /** `activeDays[i]`: days with a member day counting one of the presence kinds in the last `windows[i]` days. */
  readonly activeDays: readonly number[];
}

export interface ResponseTarget {
  readonly groupId: string;
  readonly targetMs: number;
}
