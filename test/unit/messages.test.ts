import { describe, expect, it } from 'vitest';
import { GROUP_FLAGS } from '../../core/src/domain/group-health.ts';
import { HEALTH_BANDS, HEALTH_COMPONENTS } from '../../core/src/domain/health.ts';
import { LOCALES } from '../../core/src/domain/locale.ts';
import { ENGAGEMENT_LEVELS } from '../../core/src/domain/metrics/engagement.ts';
import { en, type MessageKey } from '../../core/src/messages/en.ts';
import {
  bandLabel,
  componentLabel,
  DASHBOARD_FIELDS,
  fieldErrorLabel,
  flagLabel,
  levelLabel,
} from '../../core/src/messages/labels.ts';
import { catalogues, translate } from '../../core/src/messages/translate.ts';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const texts = (entry: unknown): string[] => (typeof entry === 'string' ? [entry] : Object.values(entry as object));

describe('message catalogue', () => {
  const keys = Object.keys(en) as MessageKey[];

  it.each(LOCALES)('%s has every key, no extra key, and no empty text', (locale) => {
    const catalogue = catalogues[locale];
    expect(Object.keys(catalogue).sort()).toEqual([...keys].sort());
    for (const key of keys)
      for (const text of texts(catalogue[key])) expect(text.trim(), `${locale} ${key}`).not.toBe('');
  });

  it.each(LOCALES)('%s uses the same placeholders as English', (locale) => {
    for (const key of keys) {
      const expected = placeholders(texts(en[key]).join(' '));
      const actual = placeholders(texts(catalogues[locale][key]).join(' '));
      expect([...new Set(actual)], `${locale} ${key}`).toEqual([...new Set(expected)]);
    }
  });

  it('fills placeholders and picks the plural form of the language', () => {
    expect(translate('en', 'error.not_an_owner', { group: '#design' })).toBe('Only an owner of #design can do that.');
    expect(translate('en', 'group.members', { count: 1 })).toBe('1 member');
    expect(translate('en', 'group.members', { count: 1200 })).toBe('1,200 members');
    expect(translate('fr', 'group.members', { count: 0 })).toBe('0 membre');
    expect(translate('ru', 'group.members', { count: 1 })).toBe('1 участник');
    expect(translate('ru', 'group.members', { count: 3 })).toBe('3 участника');
    expect(translate('ru', 'group.members', { count: 25 })).toBe('25 участников');
    expect(translate('ru', 'group.members', { count: 21 })).toBe('21 участник');
  });

  it('leaves a missing parameter visible rather than printing "undefined"', () => {
    expect(translate('en', 'error.not_an_owner')).toBe('Only an owner of {group} can do that.');
  });
});

describe('labels of what the dashboards show', () => {
  it.each(LOCALES)('%s names every health component, band, flag, engagement level and dashboard field', (locale) => {
    const keys = [
      ...HEALTH_COMPONENTS.map(componentLabel),
      ...HEALTH_BANDS.map(bandLabel),
      ...GROUP_FLAGS.map(flagLabel),
      ...ENGAGEMENT_LEVELS.map(levelLabel),
      ...DASHBOARD_FIELDS.map(fieldErrorLabel),
    ];
    for (const key of keys) expect(catalogues[locale][key], `${locale} ${key}`).toBeTypeOf('string');
    expect(new Set(keys.map((key) => translate(locale, key))).size, `${locale}: two things share a name`).toBe(
      keys.length,
    );
  });
});
