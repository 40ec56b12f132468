import type { Random } from './random.ts';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** A calendar date, as the wall clock of some zone shows it. */
export interface LocalDate {
  readonly year: number;
  /** 1–12. */
  readonly month: number;
  readonly day: number;
}

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();
// Offsets only change on hour boundaries in the demo's zones, so one lookup per zone and hour is exact.
const offsetCache = new Map<string, number>();

/** Minutes the zone's wall clock is ahead of UTC at the instant (DST included). */
export function utcOffsetMinutes(zone: string, instant: number): number {
  const hour = Math.floor(instant / HOUR_MS);
  const key = `${zone}@${hour}`;
  const cached = offsetCache.get(key);
  if (cached !== undefined) return cached;
  let formatter = offsetFormatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
    offsetFormatters.set(zone, formatter);
  }
  const name = formatter.formatToParts(new Date(hour * HOUR_MS)).find((p) => p.type === 'timeZoneName')?.value ?? '';
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  const minutes = match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
  offsetCache.set(key, minutes);
  return minutes;
}

/** The instant at which the wall clock in `zone` shows this date and time. */
export function zonedInstant(zone: string, date: LocalDate, hour: number, minute: number): number {
  const wall = Date.UTC(date.year, date.month - 1, date.day, hour, minute);
  const guess = wall - utcOffsetMinutes(zone, wall) * 60_000;
  // A second pass settles instants near a DST change.
  return wall - utcOffsetMinutes(zone, guess) * 60_000;
}

/** The date the wall clock in `zone` shows at the instant. */
export function localDateOf(zone: string, instant: number): LocalDate {
  const shifted = new Date(instant + utcOffsetMinutes(zone, instant) * 60_000);
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

export function addDays(date: LocalDate, days: number): LocalDate {
  const moved = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: moved.getUTCFullYear(), month: moved.getUTCMonth() + 1, day: moved.getUTCDate() };
}

/** ISO weekday, 1 = Monday … 7 = Sunday. */
export function weekdayOf(date: LocalDate): number {
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay() || 7;
}

export function isWeekend(date: LocalDate): boolean {
  return weekdayOf(date) >= 6;
}

/** Relative chance of activity per local hour: office hours, a lunch dip, a little evening. */
const HOUR_WEIGHTS: readonly (readonly [number, number])[] = [
  0.02, 0.01, 0.01, 0.01, 0.01, 0.05, 0.2, 0.5, 1.5, 3, 3.5, 3.5, 2, 2.5, 3.5, 3.5, 3, 2.2, 1, 0.6, 0.4, 0.3, 0.1, 0.05,
].map((weight, hour) => [hour, weight] as const);

/** A plausible moment of someone's working day, on that date in their zone. */
export function workingMoment(random: Random, zone: string, date: LocalDate): number {
  const hour = random.weighted(HOUR_WEIGHTS);
  return zonedInstant(zone, date, hour, random.int(0, 59)) + random.int(0, 59_999);
}
