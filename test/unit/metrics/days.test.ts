import { describe, expect, it } from 'vitest';
import {
  dayEnd,
  daysIn,
  daysOf,
  isDay,
  shiftDay,
  validatePeriod,
  windowEnding,
} from '../../../core/src/domain/days.ts';
import { ErrorCode } from '../../../core/src/errors.ts';

describe('UTC days', () => {
  it('knows a real day from a look-alike', () => {
    expect(isDay('2026-02-28')).toBe(true);
    expect(isDay('2024-02-29')).toBe(true);
    expect(isDay('2026-02-29')).toBe(false);
    expect(isDay('2026-13-01')).toBe(false);
    expect(isDay('2026-3-1')).toBe(false);
    expect(isDay(20260301)).toBe(false);
  });

  it('shifts across months and years, and counts a range with both ends', () => {
    expect(shiftDay('2026-03-01', -1)).toBe('2026-02-28');
    expect(shiftDay('2025-12-31', 1)).toBe('2026-01-01');
    expect(daysIn({ from: '2026-02-27', to: '2026-03-02' })).toBe(4);
    expect(daysIn({ from: '2026-03-02', to: '2026-03-01' })).toBe(0);
    expect(daysOf({ from: '2026-02-27', to: '2026-03-01' })).toEqual(['2026-02-27', '2026-02-28', '2026-03-01']);
  });

  it('takes "the day and the 6 days before" as a window of 7 ending with the day', () => {
    expect(windowEnding('2026-03-10', 7)).toEqual({ from: '2026-03-04', to: '2026-03-10' });
    expect(windowEnding('2026-03-10', 28)).toEqual({ from: '2026-02-11', to: '2026-03-10' });
    expect(dayEnd('2026-03-10')).toEqual(new Date('2026-03-11T00:00:00Z'));
  });

  it('accepts a period of real days in order, up to today, at most 366 days long', () => {
    expect(validatePeriod({ from: '2026-01-01', to: '2026-03-10' }, '2026-03-10')).toEqual({
      ok: true,
      value: { from: '2026-01-01', to: '2026-03-10' },
    });
    expect(validatePeriod({ from: '2025-03-10', to: '2026-03-10' }, '2026-03-10').ok).toBe(true);
    for (const period of [
      { from: '2026-03-02', to: '2026-03-01' },
      { from: '2026-03-01', to: '2026-03-11' },
      { from: '2025-03-09', to: '2026-03-10' },
      { from: '2026-02-30', to: '2026-03-01' },
      { from: undefined, to: '2026-03-01' },
    ]) {
      expect(validatePeriod(period, '2026-03-10')).toMatchObject({
        ok: false,
        code: ErrorCode.InvalidInput,
        params: { field: 'period' },
      });
    }
  });
});
