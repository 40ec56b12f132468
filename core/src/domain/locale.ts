export const LOCALES = ['en', 'fr', 'ru'] as const;
export type Locale = (typeof LOCALES)[number];

/** Maps a platform locale such as "fr-FR" or "ru_RU" to a catalogue language, English otherwise. */
export function localeFrom(platformLocale: string | undefined): Locale {
  const language = platformLocale?.slice(0, 2).toLowerCase();
  return (LOCALES as readonly string[]).includes(language ?? '') ? (language as Locale) : 'en';
}

/**
 * An IANA zone. Intl also takes offsets ("+01:00"), which know no daylight saving: a weekly card at
 * 9:00 on one would come an hour off for half the year.
 */
export function isTimeZone(zone: string): boolean {
  if (/^[+-]/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
