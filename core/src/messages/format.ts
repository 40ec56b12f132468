import type { Locale } from '../domain/locale.ts';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: Locale, timeZone: string, options: Intl.DateTimeFormatOptions, style: string): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${style}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { timeZone, ...options });
    formatters.set(key, format);
  }
  return format;
}

/** "21 Nov", "21 nov.", "21 нояб." — a day in the reader's language and zone. */
export function formatDay(locale: Locale, timeZone: string, instant: Date): string {
  return formatter(locale, timeZone, { day: 'numeric', month: 'short' }, 'day').format(instant);
}

/** "Mon 23 Nov, 09:00" in the reader's language, zone and clock. */
export function formatDayAndTime(locale: Locale, timeZone: string, instant: Date): string {
  const options: Intl.DateTimeFormatOptions = { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' };
  return formatter(locale, timeZone, options, 'day-time').format(instant);
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
