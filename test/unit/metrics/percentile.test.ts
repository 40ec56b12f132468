import { describe, expect, it } from 'vitest';
import { percentile } from '../../../core/src/domain/metrics/percentile.ts';

describe('percentile', () => {
  it('interpolates between the closest ranks: the median of an even count is the mean of the middle two', () => {
    expect(percentile([4, 1, 3, 2], 0.5)).toBe(2.5);
    expect(percentile([5, 1, 3], 0.5)).toBe(3);
    // Ranks 0…9: the 90th percentile sits at rank 8.1, between 9 and 10.
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBeCloseTo(9.1);
    expect(percentile([7], 0.9)).toBe(7);
  });

  it('has none for no values', () => {
    expect(percentile([], 0.5)).toBeNull();
  });
});
