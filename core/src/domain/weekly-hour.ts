import type { IsoWeek } from './iso-week.ts';

export const WEEKLY_HOUR_STATUSES = ['pending', 'done', 'snoozed', 'skipped', 'delegated'] as const;
export type WeeklyHourStatus = (typeof WEEKLY_HOUR_STATUSES)[number];

/** One owner's weekly hour in one ISO week. Exactly one exists per owner and week. */
export interface WeeklyHourRecord {
  readonly tenantId: string;
  readonly ownerId: string;
  readonly week: IsoWeek;
  readonly status: WeeklyHourStatus;
  readonly createdAt: Date;
  readonly cardSentAt: Date | null;
  /** When the owner first acted on the card: the owner-responsiveness figure. */
  readonly firstActionAt: Date | null;
  readonly doneAt: Date | null;
  readonly snoozedUntil: Date | null;
  readonly skipReason: string | null;
  readonly delegateId: string | null;
}

export function newWeeklyHourRecord(tenantId: string, ownerId: string, week: IsoWeek, now: Date): WeeklyHourRecord {
  return {
    tenantId,
    ownerId,
    week,
    status: 'pending',
    createdAt: now,
    cardSentAt: null,
    firstActionAt: null,
    doneAt: null,
    snoozedUntil: null,
    skipReason: null,
    delegateId: null,
  };
}
