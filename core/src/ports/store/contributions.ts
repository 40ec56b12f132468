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
   * Stores the events and, in the same transaction, brings the daily rollups, contributor spans
   * and questions up to date. Every event of the batch must belong to `tenantId`.
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
