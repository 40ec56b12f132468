import { ErrorCode, fail, ok, type Result } from '../errors.ts';
import { utcDay } from './rollups.ts';
import { DAY_MS } from './zoned-time.ts';

/** "YYYY-MM-DD" bounds in UTC, both inclusive: the period a figure is computed for. */
export interface DayRange {
  readonly from: string;
  readonly to: string;
}

/** The longest period a figure or a series is asked for at once. */
export const MAX_PERIOD_DAYS = 366;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Whether `value` is a real UTC day written "YYYY-MM-DD" (not 2026-02-30). */
export function isDay(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    DAY.test(value) &&
    !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) &&
    utcDay(dayStart(value)) === value
  );
}

/** Midnight UTC at the start of the day. */
export function dayStart(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

/** The first instant after the day: figures "at the end of the day" are taken at this instant, excluded. */
export function dayEnd(day: string): Date {
  return new Date(dayStart(day).getTime() + DAY_MS);
}

export function shiftDay(day: string, days: number): string {
  return utcDay(new Date(dayStart(day).getTime() + days * DAY_MS));
}

/** How many days the range holds; 0 when it is empty (from after to). */
export function daysIn(range: DayRange): number {
  return Math.max(0, Math.round((dayStart(range.to).getTime() - dayStart(range.from).getTime()) / DAY_MS) + 1);
}

/** The `days` days ending with `day`, included: 7 for "the day and the 6 days before". */
export function windowEnding(day: string, days: number): DayRange {
  return { from: shiftDay(day, 1 - days), to: day };
}

/** Every day of the range, in order. */
export function daysOf(range: DayRange): string[] {
  return Array.from({ length: daysIn(range) }, (_, n) => shiftDay(range.from, n));
}

/**
 * A period as asked (from a query string, say): two real days, in order, ending today at the
 * latest, and at most MAX_PERIOD_DAYS long.
 */
export function validatePeriod(
  input: { readonly from: unknown; readonly to: unknown },
  today: string,
): Result<DayRange> {
  const { from, to } = input;
  if (!isDay(from) || !isDay(to))
    return fail(ErrorCode.InvalidInput, `period ${String(from)}…${String(to)} is not two days`, { field: 'period' });
  if (from > to || to > today)
    return fail(ErrorCode.InvalidInput, `period ${from}…${to} is not in order up to ${today}`, { field: 'period' });
  if (daysIn({ from, to }) > MAX_PERIOD_DAYS)
    return fail(ErrorCode.InvalidInput, `period ${from}…${to} is over ${MAX_PERIOD_DAYS} days`, { field: 'period' });
  return ok({ from, to });
}
