import type { ContributionEvent, ContributionKind } from '../../domain/contribution.ts';
import type { DayRange } from '../../domain/days.ts';
import type { Platform } from '../../domain/platform.ts';
import type { ContributorSpan, GroupDay, MemberDay, Question } from '../../domain/rollups.ts';

export interface IngestResult {
  /** Events stored now. */
  readonly stored: number;
  /** Events whose platform event id was already stored (redeliveries); they changed nothing. */
  readonly duplicates: number;
}

export interface ContributionRepository {
  /**
   * Stores the events new to the store and folds exactly those into the daily rollups, contributor
   * spans and questions. Every event of the batch must belong to `tenantId`. PostgreSQL does it in
   * one transaction; MongoDB, which has none on a standalone server, stores the events first and
   * then folds them in (its adapter says what a crash in between leaves).
   */
  record(tenantId: string, events: readonly ContributionEvent[]): Promise<IngestResult>;
  /** Ordered by day. */
  groupDays(tenantId: string, groupId: string, range: DayRange): Promise<GroupDay[]>;
  /** Ordered by day, then person. */
  memberDays(tenantId: string, groupId: string, range: DayRange): Promise<MemberDay[]>;
  contributorSpans(tenantId: string, groupId: string): Promise<ContributorSpan[]>;
  /** Ordered by time asked. */
  questions(tenantId: string, groupId: string): Promise<Question[]>;
  /**
   * The platform of the group the person contributed to last (by contributor span's last day),
   * or null when they never contributed.
   */
  lastActivePlatform(tenantId: string, personId: string): Promise<Platform | null>;
  /** What the weekly-hour card shows of each group, for many groups in one go. */
  groupWeeks(tenantId: string, groups: readonly GroupWeekQuery[], window: GroupWeekWindow): Promise<GroupWeek[]>;
}

export interface GroupWeekQuery {
  readonly groupId: string;
  /** Questions asked before this and still unanswered are past the group's response target. */
  readonly questionsAskedBefore: Date;
}

export interface GroupWeekWindow {
  /** The week looked back on: [since, until). */
  readonly since: Date;
  readonly until: Date;
  /**
   * Current members whose last contribution day is in this range (both ends included) went quiet
   * this week; so did those who joined on one of its days and never contributed to the group.
   */
  readonly inactive: DayRange;
  /** Score per contribution kind for ranking the top contributors. */
  readonly weights: Readonly<Record<ContributionKind, number>>;
  /** Items kept per list; `total` says how many there are. */
  readonly limit: number;
}

/** At most `limit` items, and how many there are in all. */
export interface Listed<T> {
  readonly items: readonly T[];
  readonly total: number;
}

export interface GroupWeek {
  readonly groupId: string;
  /** Current members who joined in [since, until), newest first. */
  readonly newMembers: Listed<{ readonly personId: string; readonly joinedAt: Date }>;
  /** Unanswered questions asked in [since − 4 weeks, questionsAskedBefore), oldest first. */
  readonly overdueQuestions: Listed<Question>;
  /** Best score first, then person id; only scores above zero, over the whole UTC days from since's to the one before until's. */
  readonly topContributors: readonly { readonly personId: string; readonly score: number }[];
  /**
   * Current members whose last contribution day is in `inactive`, and those who joined in it and
   * never contributed (their `lastDay` is the day they joined, UTC), longest silent first.
   */
  readonly inactiveMembers: Listed<{
    readonly personId: string;
    readonly lastDay: string;
    readonly neverContributed: boolean;
  }>;
}
