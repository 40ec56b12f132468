import { describe, expect, it } from 'vitest';
import { cardDueAt, mondayOf, nextIsoWeek } from '../../core/src/domain/weekly-hour-schedule.ts';
import type { WeeklyHourSlot } from '../../core/src/domain/weekly-hour-slot.ts';

const mondayNine: WeeklyHourSlot = { weekday: 1, time: '09:00' };

describe('ISO week arithmetic', () => {
  it.each([
    ['2026-W01', { year: 2025, month: 12, day: 29 }],
    ['2020-W53', { year: 2020, month: 12, day: 28 }],
    ['2026-W48', { year: 2026, month: 11, day: 23 }],
  ] as const)('the Monday of %s', (week, monday) => {
    expect(mondayOf(week)).toEqual(monday);
  });

  it('steps over year ends, both ways', () => {
    expect(nextIsoWeek('2026-W53')).toBe('2027-W01');
    expect(nextIsoWeek('2027-W01', -1)).toBe('2026-W53');
    expect(nextIsoWeek('2025-W52')).toBe('2026-W01');
  });
});

describe('when the weekly card is due', () => {
  // Paris leaves CET (+1) for CEST (+2) on 29 March 2026 and comes back on 25 October 2026.
  it.each([
    ['2026-W13', '2026-03-23T08:00:00Z'],
    ['2026-W14', '2026-03-30T07:00:00Z'],
    ['2026-W43', '2026-10-19T07:00:00Z'],
    ['2026-W44', '2026-10-26T08:00:00Z'],
  ] as const)('a Paris owner at Monday 09:00 gets it at 09:00 local in %s', (week, utc) => {
    expect(cardDueAt(mondayNine, 'Europe/Paris', week).toISOString()).toBe(new Date(utc).toISOString());
  });

  // Sydney leaves AEDT (+11) for AEST (+10) on 5 April 2026 and goes back on 4 October 2026.
  it.each([
    ['2026-W14', '2026-03-29T22:00:00Z'],
    ['2026-W15', '2026-04-05T23:00:00Z'],
    ['2026-W40', '2026-09-27T23:00:00Z'],
    ['2026-W41', '2026-10-04T22:00:00Z'],
  ] as const)('a Sydney owner at Monday 09:00 gets it at 09:00 local in %s', (week, utc) => {
    expect(cardDueAt(mondayNine, 'Australia/Sydney', week).toISOString()).toBe(new Date(utc).toISOString());
  });

  it('moves a time the spring change skips to the same time after the gap', () => {
    // Sunday 29 March 2026, 02:30 does not exist in Paris: the clocks go from 02:00 to 03:00.
    expect(cardDueAt({ weekday: 7, time: '02:30' }, 'Europe/Paris', '2026-W13').toISOString()).toBe(
      '2026-03-29T01:30:00.000Z',
    );
  });

  it('takes the second of the two 02:30s of the autumn change', () => {
    expect(cardDueAt({ weekday: 7, time: '02:30' }, 'Europe/Paris', '2026-W43').toISOString()).toBe(
      '2026-10-25T01:30:00.000Z',
    );
  });

  it('reads the weekday on the owner’s wall clock, not in UTC', () => {
    // Monday 09:00 in Auckland (+13 in November) is Sunday 20:00 UTC.
    expect(cardDueAt(mondayNine, 'Pacific/Auckland', '2026-W48').toISOString()).toBe('2026-11-22T20:00:00.000Z');
  });
});
