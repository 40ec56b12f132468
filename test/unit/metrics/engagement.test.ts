import { describe, expect, it } from 'vitest';
import { engagementLevel, engagementLevels, PRESENCE_WINDOWS } from '../../../core/src/domain/metrics/engagement.ts';

describe('engagement levels (Orbit, by presence)', () => {
  it('counts active days over the last 7, 30 and 90 days', () => {
    expect(PRESENCE_WINDOWS).toEqual([7, 30, 90]);
  });

  it('gives the highest level reached: leader ≥30 of 90 days, contributor ≥7 of 30, participant ≥2 of 7', () => {
    expect(engagementLevel([0, 0, 30])).toBe('leader');
    expect(engagementLevel([2, 7, 29])).toBe('contributor');
    expect(engagementLevel([2, 6, 29])).toBe('participant');
    expect(engagementLevel([7, 30, 90])).toBe('leader');
    // Contributed lately, but on too few days for any level.
    expect(engagementLevel([1, 6, 29])).toBe('observer');
    expect(engagementLevel([0, 0, 0])).toBe('observer');
  });

  it('counts the members at each level, everyone else being an observer', () => {
    const contributors = [
      [3, 10, 40],
      [2, 2, 2],
      [1, 1, 1],
      [0, 8, 8],
    ];
    expect(engagementLevels(10, contributors)).toEqual({ leader: 1, contributor: 1, participant: 1, observer: 7 });
  });
});
