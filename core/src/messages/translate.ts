import type { Locale } from '../domain/locale.ts';
import type { Failure } from '../errors.ts';
import { type Catalogue, en, type MessageKey, type PluralForms } from './en.ts';
import { fr } from './fr.ts';
import { ru } from './ru.ts';

export const catalogues: Readonly<Record<Locale, Catalogue>> = { en, fr, ru };

export type MessageParams = Readonly<Record<string, string | number>>;

const pluralRules = new Map<Locale, Intl.PluralRules>();

function pluralCategory(locale: Locale, count: number): Intl.LDMLPluralRule {
  let rules = pluralRules.get(locale);
  if (!rules) {
    rules = new Intl.PluralRules(locale);
    pluralRules.set(locale, rules);
  }
  return rules.select(count);
}

/** The text of `key` in `locale`, with `{name}` placeholders filled from `params`. */
export function translate(locale: Locale, key: MessageKey, params: MessageParams = {}): string {
  const entry = catalogues[locale][key];
  const text = typeof entry === 'string' ? entry : pluralForm(entry, locale, params['count']);
  return text.replace(/\{(\w+)\}/g, (placeholder, name: string) => {
    const value = params[name];
    if (value === undefined) return placeholder;
    return typeof value === 'number' ? value.toLocaleString(locale) : value;
  });
}

function pluralForm(forms: PluralForms, locale: Locale, count: string | number | undefined): string {
  if (typeof count !== 'number') return forms.other;
  return forms[pluralCategory(locale, count)] ?? forms.other;
}

/** What a person reads when a use case refused what they asked. */
export function failureText(locale: Locale, failure: Failure): string {
  return translate(locale, `error.${failure.code}`, failure.params);
}
