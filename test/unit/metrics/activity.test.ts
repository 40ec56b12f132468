import { describe, expect, it } from 'vitest';
import { CONTRIBUTIONS } from '../../../core/src/domain/contribution.ts';
import {
  ACTIVE_KINDS,
  activeRatio,
  ENGAGED_KINDS,
  isIdle,
  MONTHLY_ACTIVE,
  WEEKLY_ACTIVE,
} from '../../../core/src/domain/metrics/activity.ts';

describe('active members (METRICS.md)', () => {
  it('counts members who posted, replied or reacted: every contribution, a file being a post and an answer a reply', () => {
    expect([...ACTIVE_KINDS].sort()).toEqual([...CONTRIBUTIONS].sort());
  });

  it('looks at the day and the 6 days before for weekly, the 27 before for monthly', () => {
    expect(WEEKLY_ACTIVE.days).toBe(7);
    expect(MONTHLY_ACTIVE.days).toBe(28);
  });

  it('divides the monthly active members by the members at the end of the period', () => {
    // "100 members with 10 active beat 1,000 with the same 10."
    expect(activeRatio(10, 100)).toBe(0.1);
    expect(activeRatio(10, 1000)).toBe(0.01);
    expect(activeRatio(0, 0)).toBeNull();
  });
});

describe('active or idle group (Viva Engage)', () => {
  it('counts only reactions and replies (answers are replies), not posts alone', () => {
    expect([...ENGAGED_KINDS].sort()).toEqual(['answer', 'reaction', 'reply']);
  });

  it('is active from 5% of the members reacting or replying, idle below', () => {
    expect(isIdle(5, 100)).toBe(false);
    expect(isIdle(4, 100)).toBe(true);
    expect(isIdle(1, 20)).toBe(false);
    expect(isIdle(0, 3)).toBe(true);
  });

  it('calls a group without members idle', () => {
    expect(isIdle(0, 0)).toBe(true);
  });
});
