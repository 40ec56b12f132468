import { describe, expect, it } from 'vitest';
import { dateLocale, formatDay, formatLongDay, formatWeekdayAndTime } from '../../core/src/messages/format.ts';

describe('dates as the reader writes them', () => {
  const monday = new Date('2026-03-09T09:00:00Z');

  it('writes English dates British-style for a London owner, American-style for a New York one', () => {
    expect(formatDay('en', 'Europe/London', monday)).toBe('9 Mar');
    expect(formatDay('en', 'America/New_York', monday)).toBe('Mar 9');
    expect(formatLongDay('en', 'Europe/London', monday)).toBe('9 March');
    expect(formatLongDay('en', 'America/Los_Angeles', monday)).toBe('March 9');
    expect(formatWeekdayAndTime('en', 'Europe/London', monday)).toBe('Mon 09:00');
    expect(formatWeekdayAndTime('en', 'America/New_York', monday)).toBe('Mon 05:00 AM');
  });

  it('derives the region from the time zone, and from the platform locale when it is known', () => {
    expect(dateLocale('en', 'Europe/London')).toBe('en-GB');
    expect(dateLocale('en', 'Europe/Paris')).toBe('en-GB');
    expect(dateLocale('en', 'America/Chicago')).toBe('en-US');
    expect(dateLocale('en', 'America/Toronto')).toBe('en-CA');
    expect(dateLocale('en', 'Australia/Sydney')).toBe('en-AU');
    expect(dateLocale('en', 'Asia/Kolkata')).toBe('en-IN');
    // Slack's "en-GB", Teams' "en-gb": the platform says it outright.
    expect(dateLocale('en', 'America/New_York', 'en-GB')).toBe('en-GB');
    expect(dateLocale('en', 'Europe/London', 'en-us')).toBe('en-US');
    // Another language's platform locale says nothing of how this reader writes English.
    expect(dateLocale('en', 'Europe/London', 'fr-FR')).toBe('en-GB');
    expect(dateLocale('fr', 'Europe/Paris')).toBe('fr');
    expect(dateLocale('fr', 'America/Montreal', 'fr_CA')).toBe('fr-CA');
    expect(dateLocale('ru', 'Europe/Moscow')).toBe('ru');
  });

  it('spells out a calendar date the same wherever the reader is', () => {
    const date = new Date(Date.UTC(2026, 2, 9));
    expect(formatLongDay('fr', 'Pacific/Auckland', date)).toBe('9 mars');
    expect(formatLongDay('ru', 'America/Los_Angeles', date)).toBe('9 марта');
  });
});
