import { type IsoWeek, isoWeekOf } from './iso-week.ts';
import type { WeeklyHourSlot } from './weekly-hour-slot.ts';
import { addDays, DAY_MS, type LocalDate, zonedInstant } from './zoned-time.ts';

/** The Monday of an ISO week. */
export function mondayOf(week: IsoWeek): LocalDate {
  const [year, number] = week.split('-W').map(Number) as [number, number];
  // 4 January is always in week 1.
  const fourth = new Date(Date.UTC(year, 0, 4));
  const monday = new Date(fourth.getTime() - ((fourth.getUTCDay() || 7) - 1) * DAY_MS + (number - 1) * 7 * DAY_MS);
  return { year: monday.getUTCFullYear(), month: monday.getUTCMonth() + 1, day: monday.getUTCDate() };
}

export function nextIsoWeek(week: IsoWeek, weeks = 1): IsoWeek {
  const monday = addDays(mondayOf(week), 7 * weeks);
  return isoWeekOf(new Date(Date.UTC(monday.year, monday.month - 1, monday.day, 12)), 'UTC');
}

/**
 * When the owner's card for `week` is due: the slot's weekday and wall-clock time in their zone,
 * whatever the zone's offset that day.
 */
export function cardDueAt(slot: WeeklyHourSlot, timeZone: string, week: IsoWeek): Date {
  const [hour, minute] = slot.time.split(':').map(Number) as [number, number];
  return new Date(zonedInstant(timeZone, addDays(mondayOf(week), slot.weekday - 1), hour, minute));
}
