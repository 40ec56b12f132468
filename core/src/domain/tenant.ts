import type { Locale } from './locale.ts';
import type { WeeklyHourSlot } from './weekly-hour-slot.ts';

/** A company using Group Steward. Every other row belongs to exactly one tenant. */
export interface Tenant {
  readonly id: string;
  readonly name: string;
  /** The weekly-hour slot of every owner who has not chosen one. */
  readonly defaultWeeklyHour: WeeklyHourSlot;
  readonly defaultTimeZone: string;
  readonly defaultLocale: Locale;
  readonly createdAt: Date;
}
