import { describe, expect, it } from 'vitest';
import type { IsoWeek } from '../../core/src/domain/iso-week.ts';
import { DEFAULT_ESCALATION } from '../../core/src/domain/tenant.ts';
import { isOnTimeOff, validateTimeOff } from '../../core/src/domain/time-off.ts';
import {
  escalationOf,
  missedWeeksInARow,
  newWeeklyHourRecord,
  timeOffWeeklyHourRecord,
  type WeeklyHourRecord,
  weeklyHourTally,
  weeklyHourTransition,
} from '../../core/src/domain/weekly-hour.ts';
import { ErrorCode } from '../../core/src/errors.ts';

const now = new Date('2026-11-23T10:00:00Z');
const week: IsoWeek = '2026-W48';
const missed = (w: IsoWeek): WeeklyHourRecord => newWeeklyHourRecord('t', 'owner', w, now);
const away = (w: IsoWeek, coverId: string | null = 'co'): WeeklyHourRecord =>
  timeOffWeeklyHourRecord('t', 'owner', w, coverId, now);

describe('weeks on time off', () => {
  it('hand the week to the cover, or skip it when nobody covers', () => {
    expect(away(week)).toMatchObject({ status: 'delegated', delegateId: 'co', timeOff: true, cardSentAt: null });
    expect(away(week, null)).toMatchObject({ status: 'skipped', delegateId: null, timeOff: true });
  });

  it('do not count toward escalation, even when the cover left the card undone', () => {
    const history = [away('2026-W47'), away('2026-W46'), away('2026-W45')];
    expect(history.every((r) => r.status === 'delegated')).toBe(true);
    expect(missedWeeksInARow(history, week)).toBe(0);
    expect(escalationOf(missedWeeksInARow(history, week), DEFAULT_ESCALATION)).toEqual({
      coOwners: false,
      managers: false,
    });
  });

  it('end a run of missed weeks: the weeks before a holiday are not added to those after it', () => {
    const history = [missed('2026-W47'), away('2026-W46'), missed('2026-W45'), missed('2026-W44')];
    expect(missedWeeksInARow(history, week)).toBe(1);
    // The same weeks without the holiday are four in a row, and reach the managers.
    expect(
      missedWeeksInARow([missed('2026-W47'), missed('2026-W46'), missed('2026-W45'), missed('2026-W44')], week),
    ).toBe(4);
  });

  it('count in none of the owner’s tallies', () => {
    const tally = weeklyHourTally(
      [away('2026-W47'), away('2026-W46', null), missed('2026-W45')],
      ['2026-W47', '2026-W46', '2026-W45'],
    );
    expect(tally).toEqual({ done: 0, skipped: 0, missed: 1 });
  });

  it('let the cover finish the week, as any delegated card', () => {
    const done = weeklyHourTransition(away(week), { kind: 'done' }, 'co', week, now);
    expect(done).toMatchObject({ ok: true, value: { changes: { status: 'done' } } });
    expect(weeklyHourTransition(away(week), { kind: 'done' }, 'someone else', week, now)).toMatchObject({
      ok: false,
      code: ErrorCode.NotYourCard,
    });
  });
});

describe('isOnTimeOff', () => {
  const person = (from: string, until: string, timeZone = 'Europe/Paris') => ({
    timeZone,
    timeOff: { from, until, coverId: null },
  });

  it('is true from the first to the last day, both included, on the person’s own calendar', () => {
    const p = person('2026-07-06', '2026-07-10');
    expect(isOnTimeOff(p, new Date('2026-07-05T21:59:00Z'))).toBe(false); // 23:59 in Paris, the day before
    expect(isOnTimeOff(p, new Date('2026-07-05T22:00:00Z'))).toBe(true); // midnight in Paris
    expect(isOnTimeOff(p, new Date('2026-07-10T21:59:00Z'))).toBe(true);
    expect(isOnTimeOff(p, new Date('2026-07-10T22:00:00Z'))).toBe(false);
  });

  it('follows the zone: the same instant is a holiday in Tokyo and not yet in New York', () => {
    const at = new Date('2026-07-06T02:00:00Z');
    expect(isOnTimeOff(person('2026-07-06', '2026-07-06', 'Asia/Tokyo'), at)).toBe(true);
    expect(isOnTimeOff(person('2026-07-06', '2026-07-06', 'America/New_York'), at)).toBe(false);
  });

  it('is false without time off', () => {
    expect(isOnTimeOff({ timeZone: 'UTC', timeOff: null }, now)).toBe(false);
  });
});

describe('validateTimeOff', () => {
  const today = '2026-07-01';
  const check = (from: string, until: string, coverId = '') =>
    validateTimeOff({ from, until, coverId }, today, ['co'], 'owner');

  it('accepts real days in order with a co-owner covering, and from defaults to today', () => {
    expect(check('2026-07-06', '2026-07-26', 'co')).toEqual({
      ok: true,
      value: { from: '2026-07-06', until: '2026-07-26', coverId: 'co' },
    });
    expect(check('', ' 2026-07-03 ')).toEqual({ ok: true, value: { from: today, until: '2026-07-03', coverId: null } });
  });

  it('clears the time off when both days are empty', () => {
    expect(check('', '')).toEqual({ ok: true, value: null });
  });

  it('names the field of each failure', () => {
    const field = (result: ReturnType<typeof check>) => (result.ok ? 'ok' : result.params?.field);
    expect(field(check('2026-02-30', '2026-03-02'))).toBe('time_off_from');
    expect(field(check('2026-07-06', 'soon'))).toBe('time_off_until');
    expect(field(check('2026-07-06', '2026-07-05'))).toBe('time_off_until');
    expect(field(check('2026-06-01', '2026-06-30'))).toBe('time_off_until'); // over already
    expect(field(check('2026-07-01', '2027-07-02'))).toBe('time_off_until'); // longer than MAX_TIME_OFF_DAYS
    expect(field(check('2026-07-06', '2026-07-10', 'stranger'))).toBe('time_off_cover');
    expect(field(check('2026-07-06', '2026-07-10', 'owner'))).toBe('time_off_cover');
    expect(field(check('', '', 'co'))).toBe('time_off_until');
  });
});
