import type { IsoWeek } from '../../domain/iso-week.ts';
import type { WeeklyHourRecord, WeeklyHourStatus } from '../../domain/weekly-hour.ts';

export interface WeeklyHourChanges {
  readonly status?: WeeklyHourStatus;
  readonly cardSentAt?: Date;
  readonly firstActionAt?: Date;
  readonly doneAt?: Date;
  readonly snoozedUntil?: Date | null;
  readonly skipReason?: string | null;
  readonly delegateId?: string | null;
}

export interface WeeklyHourRepository {
  /**
   * Creates the owner's record for the week unless one exists. `created` is true for exactly one
   * caller however many race; everyone gets the stored record.
   */
  claim(record: WeeklyHourRecord): Promise<{ created: boolean; record: WeeklyHourRecord }>;
  /**
   * `claim` for many owners at once (the due-cards job's round): the stored record of each, created
   * or already there, in the order given. Exactly one claimer creates each, however many race.
   */
  claimMany(records: readonly WeeklyHourRecord[]): Promise<WeeklyHourRecord[]>;
  get(tenantId: string, ownerId: string, week: IsoWeek): Promise<WeeklyHourRecord | null>;
  /** The records of these owners and weeks that exist, in no particular order. */
  getMany(tenantId: string, keys: readonly WeeklyHourKey[]): Promise<WeeklyHourRecord[]>;
  /**
   * Applies the changes only while the record's status is one of `whenStatusIn`; returns the
   * updated record, or null when there is no record or its status did not match.
   */
  update(
    tenantId: string,
    ownerId: string,
    week: IsoWeek,
    changes: WeeklyHourChanges,
    whenStatusIn: readonly WeeklyHourStatus[],
  ): Promise<WeeklyHourRecord | null>;
  /**
   * Sets `cardSentAt` on those of these records still pending without one (the cards just handed
   * to the outbox); the others are left as they are.
   */
  markCardsSent(tenantId: string, keys: readonly WeeklyHourKey[], at: Date): Promise<void>;
  /** Newest week first. */
  listByOwner(tenantId: string, ownerId: string, limit: number): Promise<WeeklyHourRecord[]>;
  /** Each owner's latest `limit` records before `beforeWeek`, newest week first, owners in no particular order. */
  listRecentByOwners(
    tenantId: string,
    ownerIds: readonly string[],
    beforeWeek: IsoWeek,
    limit: number,
  ): Promise<WeeklyHourRecord[]>;
  /** This week's records delegated to the person, by any owner. */
  listDelegatedTo(tenantId: string, delegateId: string, week: IsoWeek): Promise<WeeklyHourRecord[]>;

  /** When the owner's card (or snoozed card) is next due; null removes the owner from the schedule. */
  scheduleCard(tenantId: string, ownerId: string, dueAt: Date | null): Promise<void>;
  /** `scheduleCard` for many owners of one tenant in one go. */
  scheduleCards(
    tenantId: string,
    entries: readonly { readonly ownerId: string; readonly dueAt: Date | null }[],
  ): Promise<void>;
  /** Owners whose card is due at `now`, across tenants, earliest first. */
  dueCards(now: Date, limit: number): Promise<ScheduledCard[]>;
  /** Active people (not deactivated) owning at least one group who are not on the schedule yet, across tenants. */
  unscheduledOwners(limit: number): Promise<{ readonly tenantId: string; readonly ownerId: string }[]>;
}

export interface ScheduledCard {
  readonly tenantId: string;
  readonly ownerId: string;
  readonly dueAt: Date;
}

export interface WeeklyHourKey {
  readonly ownerId: string;
  readonly week: IsoWeek;
}
