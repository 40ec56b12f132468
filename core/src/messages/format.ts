import type { Locale } from '../domain/locale.ts';

// English is written differently on either side of the Atlantic ("Nov 23" or "23 Nov", "9:00 AM"
// or "09:00"). We store a person's language, not their region; their time zone says where they
// are, which is what decides how they read a date.
const ENGLISH_BY_ZONE: readonly (readonly [RegExp, string])[] = [
  [/^(America\/(?!Toronto|Vancouver|Edmonton|Winnipeg|Halifax|St_Johns|Regina))|^US\/|^Pacific\/Honolulu$/, 'en-US'],
  [/^America\/|^Canada\//, 'en-CA'],
  [/^Australia\//, 'en-AU'],
  [/^Pacific\/Auckland$|^NZ$/, 'en-NZ'],
  [/^Asia\/(Kolkata|Calcutta)$/, 'en-IN'],
  [/^Asia\/Singapore$/, 'en-SG'],
  [/^Africa\/Johannesburg$/, 'en-ZA'],
  [/^Europe\/Dublin$/, 'en-IE'],
];

/**
 * The locale dates are written in: the person's platform locale when we know it ("en-GB" on Slack,
 * Teams' "en-gb"), else their language with the region their time zone implies: English reads
 * British ("23 Nov", 24-hour clock) anywhere not listed above, as most English readers outside the
 * Americas do.
 */
export function dateLocale(locale: Locale, timeZone: string, platformLocale?: string): string {
  const region = platformLocale ? /^[a-z]{2}[-_]([a-z]{2})$/i.exec(platformLocale.trim()) : null;
  if (region?.[1] && platformLocale?.slice(0, 2).toLowerCase() === locale)
    return `${locale}-${region[1].toUpperCase()}`;
  if (locale !== 'en') return locale;
  return ENGLISH_BY_ZONE.find(([zones]) => zones.test(timeZone))?.[1] ?? 'en-GB';
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** A cached format for the reader (`locale` in `timeZone`), shown in `shownIn` (the reader's zone unless said). */
function formatter(
  locale: Locale,
  timeZone: string,
  options: Intl.DateTimeFormatOptions,
  style: string,
  shownIn = timeZone,
): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${shownIn}|${style}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(dateLocale(locale, timeZone), { ...options, timeZone: shownIn });
    formatters.set(key, format);
  }
  return format;
}

/** "23 Nov" (London), "Nov 23" (New York), "23 nov.", "23 нояб." — a day in the reader's language and zone. */
export function formatDay(locale: Locale, timeZone: string, instant: Date): string {
  return formatter(locale, timeZone, { day: 'numeric', month: 'short' }, 'day').format(instant);
}

/** "9 March", "March 9", "9 mars", "9 марта": a calendar date (in UTC) spelt out, for "week of …". */
export function formatLongDay(locale: Locale, timeZone: string, date: Date): string {
  return formatter(locale, timeZone, { day: 'numeric', month: 'long' }, 'long-day', 'UTC').format(date);
}

/** "Mon 23 Nov, 09:00" in the reader's language, zone and clock. */
export function formatDayAndTime(locale: Locale, timeZone: string, instant: Date): string {
  const options: Intl.DateTimeFormatOptions = {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  };
  return formatter(locale, timeZone, options, 'day-time').format(instant);
}

/** "Mon 09:00", "lun. 09:00", "пн 09:00": a moment within the coming week. */
export function formatWeekdayAndTime(locale: Locale, timeZone: string, instant: Date): string {
  const options: Intl.DateTimeFormatOptions = { weekday: 'short', hour: '2-digit', minute: '2-digit' };
  return formatter(locale, timeZone, options, 'weekday-time').format(instant);
}

const lists = new Map<Locale, Intl.ListFormat>();

/** "Alice, Boris and Chloé", "Alice, Boris et Chloé", "Alice, Boris и Chloé". */
export function formatNames(locale: Locale, names: readonly string[]): string {
  let format = lists.get(locale);
  if (!format) {
    format = new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' });
    lists.set(locale, format);
  }
  return format.format(names);
}
