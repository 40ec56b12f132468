import type { ContributionEvent } from '../../domain/contribution.ts';
import type { ContributorSpan, GroupDay, MemberDay, Question } from '../../domain/rollups.ts';

export interface IngestResult {
  /** Events stored now. */
  readonly stored: number;
  /** Events whose platform event id was already stored (redeliveries); they changed nothing. */
  readonly duplicates: number;
}

/** "YYYY-MM-DD" bounds, both inclusive. */
export interface DayRange {
  readonly from: string;
  readonly to: string;
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
}
