/** Wall-clock dates and times in IANA zones, daylight-saving changes included. */

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
const QUARTER_HOUR_MS = 900_000;

/** A calendar date, as the wall clock of some zone shows it. */
export interface LocalDate {
  readonly year: number;
  /** 1–12. */
  readonly month: number;
  readonly day: number;
}

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();
// Zones change offset only on quarter hours, so one lookup per zone and quarter hour is exact.
const offsetCache = new Map<string, number>();
const OFFSET_CACHE_LIMIT = 100_000;

/** Minutes the zone's wall clock is ahead of UTC at the instant (DST included). */
export function utcOffsetMinutes(zone: string, instant: number): number {
  const quarter = Math.floor(instant / QUARTER_HOUR_MS);
  const key = `${zone}@${quarter}`;
  const cached = offsetCache.get(key);
  if (cached !== undefined) return cached;
  let formatter = offsetFormatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
    offsetFormatters.set(zone, formatter);
  }
  const name =
    formatter.formatToParts(new Date(quarter * QUARTER_HOUR_MS)).find((p) => p.type === 'timeZoneName')?.value ?? '';
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  const minutes = match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
  if (offsetCache.size >= OFFSET_CACHE_LIMIT) offsetCache.clear();
  offsetCache.set(key, minutes);
  return minutes;
}

/**
 * The instant at which the wall clock in `zone` shows this date and time. A time skipped by a
 * spring-forward change comes out as the same time after the gap (02:30 → 03:30); a time that
 * happens twice in the autumn comes out as its second occurrence.
 */
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
