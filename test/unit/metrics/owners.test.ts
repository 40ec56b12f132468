import { describe, expect, it } from 'vitest';
import type { IsoWeek } from '../../../core/src/domain/iso-week.ts';
import {
  activeOwnerIds,
  ownerEngagement,
  ownershipCoverage,
  weeksBefore,
} from '../../../core/src/domain/metrics/owners.ts';
import { newWeeklyHourRecord, type WeeklyHourRecord } from '../../../core/src/domain/weekly-hour.ts';
import { aPerson } from '../../support/factories.ts';

const HOUR = 3_600_000;
const record = (ownerId: string, week: IsoWeek, overrides: Partial<WeeklyHourRecord> = {}): WeeklyHourRecord => ({
  ...newWeeklyHourRecord('t', ownerId, week, new Date('2026-01-01T00:00:00Z')),
  ...overrides,
});
const acted = (hours: number) => ({
  cardSentAt: new Date('2026-01-05T09:00:00Z'),
  firstActionAt: new Date(Date.parse('2026-01-05T09:00:00Z') + hours * HOUR),
});

describe('owner engagement (ours)', () => {
  const weeks = weeksBefore('2026-W10', 8);

  it('looks back on the 8 weeks before this one', () => {
    expect(weeks).toEqual([
      '2026-W09',
      '2026-W08',
      '2026-W07',
      '2026-W06',
      '2026-W05',
      '2026-W04',
      '2026-W03',
      '2026-W02',
    ]);
    expect(weeksBefore('2026-W02', 3)).toEqual(['2026-W01', '2025-W52', '2025-W51']);
  });

  it('shares the weeks with a card done or skipped with a reason, and takes the median time from card to first action', () => {
    const records = [
      record('o', '2026-W09', { status: 'done', ...acted(1) }),
      record('o', '2026-W08', { status: 'skipped', skipReason: 'On holiday', ...acted(3) }),
      record('o', '2026-W07', { status: 'skipped', skipReason: null, ...acted(5) }), // no reason: not looked after
      record('o', '2026-W06', { status: 'pending', cardSentAt: new Date('2026-02-02T09:00:00Z') }),
      record('o', '2026-W05', { status: 'delegated', delegateId: 'x', ...acted(2) }),
      record('o', '2026-W01', { status: 'done', ...acted(100) }), // before the 8 weeks
    ];
    expect(ownerEngagement(records, weeks)).toEqual({
      weeks: 5,
      lookedAfter: 2,
      share: 0.4,
      medianFirstActionMs: 2.5 * HOUR,
    });
  });

  it('counts a group’s week once, looked after when any of its owners did the hour', () => {
    const records = [
      record('a', '2026-W09', { status: 'pending' }),
      record('b', '2026-W09', { status: 'done' }),
      record('a', '2026-W08', { status: 'pending' }),
    ];
    expect(ownerEngagement(records, weeks)).toMatchObject({ weeks: 2, lookedAfter: 1, share: 0.5 });
  });

  it('has no share before the first card', () => {
    expect(ownerEngagement([], weeks)).toEqual({ weeks: 0, lookedAfter: 0, share: null, medianFirstActionMs: null });
  });
});

describe('ownership coverage', () => {
  it('counts the owners still with the company: deactivated and unknown ones are gone', () => {
    const here = aPerson('t');
    const gone = aPerson('t', { deactivatedAt: new Date('2026-02-01T00:00:00Z') });
    const people = new Map([here, gone].map((p) => [p.id, p]));
    expect(activeOwnerIds({ ownerIds: [gone.id, here.id, 'unknown'] }, people)).toEqual([here.id]);
  });

  it('does not count an owner who left the group, though still with the company', () => {
    const [stayed, left] = [aPerson('t'), aPerson('t')];
    const people = new Map([stayed, left].map((p) => [p.id, p]));
    expect(activeOwnerIds({ ownerIds: [left.id, stayed.id] }, people, new Set([left.id]))).toEqual([stayed.id]);
    expect(activeOwnerIds({ ownerIds: [left.id] }, people, new Set([left.id]))).toEqual([]);
  });

  it('is ownerless at 0, at risk at 1, covered from 2', () => {
    expect([0, 1, 2, 3].map(ownershipCoverage)).toEqual(['ownerless', 'at_risk', 'covered', 'covered']);
  });
});
