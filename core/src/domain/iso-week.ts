/** An ISO 8601 week such as "2026-W47". */
export type IsoWeek = `${number}-W${string}`;

const ISO_WEEK = /^(\d{4})-W(0[1-9]|[1-4]\d|5[0-3])$/;

export function isIsoWeek(value: string): value is IsoWeek {
  return ISO_WEEK.test(value);
}

/** The ISO week that contains the calendar date (year, month 1–12, day). */
export function isoWeekOfDate(year: number, month: number, day: number): IsoWeek {
  const date = new Date(Date.UTC(year, month - 1, day));
  const weekday = date.getUTCDay() || 7;
  // The Thursday of this week decides the ISO year.
  date.setUTCDate(date.getUTCDate() + 4 - weekday);
  const isoYear = date.getUTCFullYear();
  const week = Math.ceil(((date.getTime() - Date.UTC(isoYear, 0, 1)) / 86_400_000 + 1) / 7);
  return `${isoYear}-W${String(week).padStart(2, '0')}`;
}

/** The ISO week of an instant as seen on the wall clock of `timeZone`. */
export function isoWeekOf(instant: Date, timeZone: string): IsoWeek {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(instant);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return isoWeekOfDate(part('year'), part('month'), part('day'));
}
