import { describe, expect, it } from 'vitest';
import type { IsoWeek } from '../../core/src/domain/iso-week.ts';
import { DEFAULT_ESCALATION } from '../../core/src/domain/tenant.ts';
import {
  escalationOf,
  missedWeeksInARow,
  newWeeklyHourRecord,
  type WeeklyHourRecord,
  type WeeklyHourStatus,
  weeklyHourTally,
  weeklyHourTransition,
} from '../../core/src/domain/weekly-hour.ts';
import { ErrorCode } from '../../core/src/errors.ts';

const now = new Date('2026-11-23T10:00:00Z');
const week: IsoWeek = '2026-W48';
const record = (overrides: Partial<WeeklyHourRecord> = {}): WeeklyHourRecord => ({
  ...newWeeklyHourRecord('t', 'owner', week, now),
  ...overrides,
});

describe('the weekly-hour card’s buttons', () => {
  it('lets the owner mark the hour done, recording when and the first action', () => {
    const done = weeklyHourTransition(record(), { kind: 'done' }, 'owner', week, now);
    expect(done).toMatchObject({
      ok: true,
      value: {
        from: ['pending', 'snoozed', 'delegated'],
        changes: { status: 'done', doneAt: now, firstActionAt: now },
      },
    });
  });

  it('keeps the first action’s time once there was one', () => {
    const earlier = new Date('2026-11-23T09:30:00Z');
    const done = weeklyHourTransition(
      record({ status: 'snoozed', firstActionAt: earlier }),
      { kind: 'done' },
      'owner',
      week,
      now,
    );
    expect(done.ok && done.value.changes.firstActionAt).toEqual(earlier);
  });

  it('snoozes until the same time tomorrow', () => {
    const snoozed = weeklyHourTransition(record(), { kind: 'snooze' }, 'owner', week, now);
    expect(snoozed.ok && snoozed.value.changes.snoozedUntil?.toISOString()).toBe('2026-11-24T10:00:00.000Z');
  });

  it('keeps a skip reason short and drops a blank one', () => {
    const long = weeklyHourTransition(record(), { kind: 'skip', reason: 'x'.repeat(400) }, 'owner', week, now);
    const blank = weeklyHourTransition(record(), { kind: 'skip', reason: '   ' }, 'owner', week, now);
    expect(long.ok && long.value.changes.skipReason).toHaveLength(300);
    expect(blank.ok && blank.value.changes.skipReason).toBeNull();
  });

  it('refuses anyone but the owner', () => {
    expect(weeklyHourTransition(record(), { kind: 'done' }, 'stranger', week, now)).toMatchObject({
      ok: false,
      code: ErrorCode.NotYourCard,
    });
  });

  it('refuses a card of another week', () => {
    expect(weeklyHourTransition(record(), { kind: 'done' }, 'owner', '2026-W49', now)).toMatchObject({
      ok: false,
      code: ErrorCode.WrongWeek,
    });
  });

  it.each(['done', 'skipped'] as WeeklyHourStatus[])('does nothing more once the week is %s', (status) => {
    for (const action of [{ kind: 'done' }, { kind: 'snooze' }, { kind: 'skip', reason: null }] as const) {
      expect(weeklyHourTransition(record({ status }), action, 'owner', week, now)).toMatchObject({
        ok: false,
        code: ErrorCode.AlreadyActed,
      });
    }
  });

  it('lets the co-owner the week was handed to finish it, and nothing else', () => {
    const handed = record({ status: 'delegated', delegateId: 'co' });
    expect(weeklyHourTransition(handed, { kind: 'done' }, 'co', week, now).ok).toBe(true);
    expect(weeklyHourTransition(handed, { kind: 'skip', reason: null }, 'co', week, now).ok).toBe(true);
    expect(weeklyHourTransition(handed, { kind: 'snooze' }, 'co', week, now).ok).toBe(false);
    expect(weeklyHourTransition(handed, { kind: 'delegate', delegateId: 'other' }, 'co', week, now).ok).toBe(false);
    expect(weeklyHourTransition(record({ delegateId: 'co' }), { kind: 'done' }, 'co', week, now)).toMatchObject({
      ok: false,
      code: ErrorCode.NotYourCard,
    });
  });

  it('hands the week to a co-owner, not to the owner', () => {
    expect(weeklyHourTransition(record(), { kind: 'delegate', delegateId: 'co' }, 'owner', week, now)).toMatchObject({
      ok: true,
      value: { changes: { status: 'delegated', delegateId: 'co' } },
    });
    expect(weeklyHourTransition(record(), { kind: 'delegate', delegateId: 'owner' }, 'owner', week, now).ok).toBe(
      false,
    );
  });
});

describe('missed weeks', () => {
  const history = (...statuses: [IsoWeek, WeeklyHourStatus][]) =>
    statuses.map(([w, status]) => record({ week: w, status }));

  it('counts the weeks in a row before this one without done or skip', () => {
    const records = history(
      ['2026-W47', 'pending'],
      ['2026-W46', 'snoozed'],
      ['2026-W45', 'delegated'],
      ['2026-W44', 'done'],
      ['2026-W43', 'pending'],
    );
    expect(missedWeeksInARow(records, week)).toBe(3);
  });

  it('ignores this week’s record and stops at a week without a card', () => {
    const records = history(['2026-W48', 'pending'], ['2026-W47', 'pending'], ['2026-W45', 'pending']);
    expect(missedWeeksInARow(records, week)).toBe(1);
  });

  it('crosses the year end', () => {
    expect(missedWeeksInARow(history(['2026-W53', 'pending'], ['2026-W52', 'pending']), '2027-W01')).toBe(2);
  });

  it('tallies the weeks asked for by what became of the hour: done, skipped, and missed for pending, snoozed or delegated', () => {
    const records = history(
      ['2026-W48', 'done'], // this week: not one of the weeks asked for
      ['2026-W47', 'done'],
      ['2026-W46', 'skipped'],
      ['2026-W45', 'pending'],
      ['2026-W44', 'snoozed'],
      ['2026-W43', 'done'],
      ['2026-W42', 'delegated'],
      // no card in W41
      ['2026-W40', 'skipped'],
      ['2026-W39', 'done'], // nine weeks back: outside
    );
    const weeks: IsoWeek[] = [
      '2026-W47',
      '2026-W46',
      '2026-W45',
      '2026-W44',
      '2026-W43',
      '2026-W42',
      '2026-W41',
      '2026-W40',
    ];
    expect(weeklyHourTally(records, weeks)).toEqual({ done: 2, skipped: 2, missed: 3 });
    expect(weeklyHourTally([], weeks)).toEqual({ done: 0, skipped: 0, missed: 0 });
  });

  it('tells co-owners after two weeks and community managers after three, by default', () => {
    expect(escalationOf(1, DEFAULT_ESCALATION)).toEqual({ coOwners: false, managers: false });
    expect(escalationOf(2, DEFAULT_ESCALATION)).toEqual({ coOwners: true, managers: false });
    expect(escalationOf(3, DEFAULT_ESCALATION)).toEqual({ coOwners: true, managers: true });
    expect(escalationOf(3, { coOwnersAfterWeeks: 4, managersAfterWeeks: 6 })).toEqual({
      coOwners: false,
      managers: false,
    });
  });
});
