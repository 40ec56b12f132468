import { describe, expect, it } from 'vitest';
import { shiftDay } from '../../core/src/domain/days.ts';
import type { MemberDay } from '../../core/src/domain/rollups.ts';
import { pickTakeOverCandidates, TAKE_OVER_CANDIDATES } from '../../core/src/domain/take-over.ts';

const TODAY = '2026-04-30';
const day = (personId: string, date: string, posts: number, replies = 0): MemberDay => ({
  groupId: 'g',
  personId,
  day: date,
  posts,
  replies,
  reactions: 0,
  files: 0,
  answers: 0,
});
/** One member day for each of `count` days from `from` on. */
const days = (personId: string, from: string, count: number, posts: number) =>
  Array.from({ length: count }, (_, n) => day(personId, shiftDay(from, n), posts));
const everyone = () => true;

describe('who is asked to take over an ownerless group', () => {
  // Worked by hand: today is 30 April; the 90 days start on 31 January, the 30 on 1 April, the 7 on 24 April.
  const memberDays = [
    ...days('leader', '2026-02-01', 30, 1), // 30 active days in 90: leader, with no contribution in April
    ...days('contrib-b', '2026-04-10', 7, 2), // 7 days in 30: contributor, 14 contributions in 30 days
    ...days('contrib-c', '2026-04-20', 8, 1), // 8 days in 30 (4 of them in the last 7): contributor, 8 contributions
    ...days('particip', '2026-04-29', 2, 5), // 2 days in 7: participant, 10 contributions
    day('observer', '2026-04-30', 40), // one day only: an observer, however busy
    ...days('too-old', '2026-01-01', 30, 1), // 30 days, all before the 90: nothing counts
  ];

  it('takes leaders, then contributors, then participants; within a level the most contributions in 30 days', () => {
    const picked = pickTakeOverCandidates(memberDays, TODAY, everyone, 10);
    expect(picked).toEqual([
      { personId: 'leader', level: 'leader', recentContributions: 0 },
      { personId: 'contrib-b', level: 'contributor', recentContributions: 14 },
      { personId: 'contrib-c', level: 'contributor', recentContributions: 8 },
      { personId: 'particip', level: 'participant', recentContributions: 10 },
    ]);
  });

  it('asks at most three, the core’s constant', () => {
    expect(TAKE_OVER_CANDIDATES).toBe(3);
    expect(pickTakeOverCandidates(memberDays, TODAY, everyone).map((m) => m.personId)).toEqual([
      'leader',
      'contrib-b',
      'contrib-c',
    ]);
  });

  it('leaves out those who cannot be asked (deactivated, no longer members), and the rest move up', () => {
    const picked = pickTakeOverCandidates(memberDays, TODAY, (id) => id !== 'leader' && id !== 'contrib-c');
    expect(picked.map((m) => m.personId)).toEqual(['contrib-b', 'particip']);
  });

  it('breaks a full tie by person id, so the pick is the same every time', () => {
    const tied = [...days('zoe', '2026-04-28', 2, 3), ...days('adam', '2026-04-28', 2, 3)];
    expect(pickTakeOverCandidates(tied, TODAY, everyone).map((m) => m.personId)).toEqual(['adam', 'zoe']);
  });

  it('asks nobody when no member reaches the participant level', () => {
    expect(pickTakeOverCandidates([day('a', TODAY, 9), day('b', '2026-04-01', 1)], TODAY, everyone)).toEqual([]);
  });
});
