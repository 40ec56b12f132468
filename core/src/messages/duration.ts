import type { Locale } from '../domain/locale.ts';
import { DAY_MS, HOUR_MS } from '../domain/zoned-time.ts';
import { translate } from './translate.ts';

const MINUTE_MS = 60_000;

/**
 * A wait as a person reads it, rounded to the unit that fits: "45 min" under an hour, "5 h" under
 * two days, "3 d" beyond (in the reader's language).
 */
export function formatWait(locale: Locale, ms: number): string {
  if (ms < HOUR_MS)
    return translate(locale, 'questions.duration.minutes', { count: Math.max(0, Math.round(ms / MINUTE_MS)) });
  if (ms < 2 * DAY_MS) return translate(locale, 'questions.duration.hours', { count: Math.round(ms / HOUR_MS) });
  return translate(locale, 'questions.duration.days', { count: Math.round(ms / DAY_MS) });
}
