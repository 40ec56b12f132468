import { describe, expect, it } from 'vitest';
import { growthRate, membersByMonth } from '../../../core/src/domain/metrics/growth.ts';

describe('new and lost members per calendar month', () => {
  it('adds up each month’s days, in order, with net growth = new − lost', () => {
    const days = [
      { day: '2026-03-02', joins: 2, leaves: 1 },
      { day: '2026-01-31', joins: 4, leaves: 0 },
      { day: '2026-03-31', joins: 1, leaves: 5 },
      { day: '2026-02-01', joins: 0, leaves: 2 },
    ];
    expect(membersByMonth(days)).toEqual([
      { month: '2026-01', joined: 4, left: 0, net: 4 },
      { month: '2026-02', joined: 0, left: 2, net: -2 },
      { month: '2026-03', joined: 3, left: 6, net: -3 },
    ]);
  });
});

describe('growth rate', () => {
  it('is the net growth over the members at the start (end − net)', () => {
    // 110 members now, 15 joined and 5 left: 100 at the start, +10%.
    expect(growthRate(110, 15, 5)).toBeCloseTo(0.1);
    // 90 now, 0 joined, 10 left: 100 at the start, −10%.
    expect(growthRate(90, 0, 10)).toBeCloseTo(-0.1);
  });

  it('counts from one member for a group that started empty, and has none for a group that has and had nobody', () => {
    expect(growthRate(12, 12, 0)).toBe(12);
    expect(growthRate(0, 0, 0)).toBeNull();
    expect(growthRate(0, 1, 1)).toBe(0);
  });
});
