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

/**
 * The catalogue language a browser prefers most, from its Accept-Language header (RFC 9110
 * §12.5.4: "fr-CH, fr;q=0.9, en;q=0.8"); English when it names none of ours.
 */
export function localeFromAcceptLanguage(header: string | undefined): Locale {
  let best: { locale: Locale; q: number } | null = null;
  for (const range of (header ?? '').split(',').slice(0, 32)) {
    const [tag = '', ...parameters] = range.trim().split(';');
    const language = (tag.trim().split('-')[0] ?? '').toLowerCase();
    if (!(LOCALES as readonly string[]).includes(language)) continue;
    const weight = parameters.map((p) => /^\s*q=([01](?:\.\d{0,3})?)\s*$/i.exec(p)?.[1]).find((v) => v !== undefined);
    const q = weight === undefined ? 1 : Number(weight);
    // The first of equal weights wins: the browser lists them in its order of preference.
    if (q > 0 && (best === null || q > best.q)) best = { locale: language as Locale, q };
  }
  return best?.locale ?? 'en';
}
