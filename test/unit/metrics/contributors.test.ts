import { describe, expect, it } from 'vitest';
import { CONTRIBUTION_WEIGHTS } from '../../../core/src/domain/contribution.ts';
import {
  contributionCount,
  contributorAbsenceFactor,
  contributorRanges,
  topContributors,
  weightedScore,
} from '../../../core/src/domain/metrics/contributors.ts';

const counts = (posts: number, replies: number, reactions: number, files: number, answers: number) => ({
  posts,
  replies,
  reactions,
  files,
  answers,
});

describe('contributions by kind', () => {
  it('counts every contribution once, and weighs them as METRICS.md says: post 3, answer 3, reply 2, file 2, reaction 1', () => {
    expect(contributionCount(counts(1, 2, 3, 4, 5))).toBe(15);
    expect(weightedScore(counts(1, 2, 3, 4, 5), CONTRIBUTION_WEIGHTS)).toBe(3 + 4 + 3 + 8 + 15);
  });
});

describe('new and inactive contributors (CHAOSS)', () => {
  it('takes new ones from first days in the period, inactive ones from last days in it that are now over 30 days old', () => {
    expect(contributorRanges({ from: '2026-01-01', to: '2026-01-31' }, '2026-03-10')).toEqual({
      firstIn: { from: '2026-01-01', to: '2026-01-31' },
      lastIn: { from: '2026-01-01', to: '2026-01-31' },
    });
    // On 10 March, a last contribution of 7 February is 31 days old (inactive), of 8 February 30 (not yet).
    expect(contributorRanges({ from: '2026-02-01', to: '2026-03-10' }, '2026-03-10').lastIn).toEqual({
      from: '2026-02-01',
      to: '2026-02-07',
    });
  });

  it('finds no inactive contributor in a period within the last 30 days', () => {
    const { lastIn } = contributorRanges({ from: '2026-02-20', to: '2026-03-10' }, '2026-03-10');
    expect(lastIn.from > lastIn.to).toBe(true);
  });
});

describe('contributor absence factor (CHAOSS)', () => {
  it('is the fewest members, most active first, whose contributions reach half of all', () => {
    // 40 + 30 + 20 + 10 = 100: 40 is not half, 40 + 30 is.
    expect(contributorAbsenceFactor([10, 40, 20, 30])).toBe(2);
    // Exactly half counts as reaching it.
    expect(contributorAbsenceFactor([50, 25, 25])).toBe(1);
    // Ten equal contributors: five make half.
    expect(contributorAbsenceFactor(Array.from({ length: 10 }, () => 3))).toBe(5);
  });

  it('is 0 without contributions', () => {
    expect(contributorAbsenceFactor([])).toBe(0);
    expect(contributorAbsenceFactor([0, 0])).toBe(0);
  });
});

describe('top contributors (Orbit love)', () => {
  it('ranks by weighted contributions, ties by person id, leaves out zero scores, keeps the first few', () => {
    const members = [
      { personId: 'c', counts: counts(0, 0, 4, 0, 0) }, // 4
      { personId: 'a', counts: counts(1, 0, 1, 0, 0) }, // 4
      { personId: 'b', counts: counts(0, 0, 0, 0, 2) }, // 6
      { personId: 'd', counts: counts(0, 0, 0, 0, 0) }, // 0
    ];
    expect(topContributors(members, CONTRIBUTION_WEIGHTS, 10)).toEqual([
      { personId: 'b', score: 6 },
      { personId: 'a', score: 4 },
      { personId: 'c', score: 4 },
    ]);
    expect(topContributors(members, CONTRIBUTION_WEIGHTS, 2).map((m) => m.personId)).toEqual(['b', 'a']);
  });
});
