export const LOCALES = ['en', 'fr', 'ru'] as const;
export type Locale = (typeof LOCALES)[number];

/** Maps a platform locale such as "fr-FR" or "ru_RU" to a catalogue language, English otherwise. */
export function localeFrom(platformLocale: string | undefined): Locale {
  const language = platformLocale?.slice(0, 2).toLowerCase();
  return (LOCALES as readonly string[]).includes(language ?? '') ? (language as Locale) : 'en';
}

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
