import { describe, expect, it } from 'vitest';
import { backoffMs } from '../../core/src/domain/backoff.ts';
import { DEFAULT_DELIVERY } from '../../core/src/use-cases/deliver-outbox.ts';

const MINUTE = 60_000;
const at = (random: number) => ({ ...DEFAULT_DELIVERY, random: () => random });

describe('the outbox’s retry delays', () => {
  it('waits what the platform asked, plus up to a second so that throttled messages do not return together', () => {
    expect(backoffMs(0, 30_000, at(0))).toBe(30_000);
    expect(backoffMs(0, 30_000, at(0.999))).toBe(30_999);
    // Whatever the message's age: the platform's word counts, not our backoff.
    expect(backoffMs(6 * 3_600_000, 2_000, at(0.5))).toBe(2_500);
  });

  it('backs off about as long as the message has waited, between half and all of it, from a second', () => {
    expect(backoffMs(0, null, at(0))).toBe(500);
    expect(backoffMs(0, null, at(1))).toBe(1_000);
    expect(backoffMs(8_000, null, at(0))).toBe(4_000);
    expect(backoffMs(8_000, null, at(1))).toBe(8_000);
  });

  it('never waits more than five minutes without being asked, however long the platform is down', () => {
    expect(DEFAULT_DELIVERY.maxDelayMs).toBe(5 * MINUTE);
    for (const age of [10 * MINUTE, 3_600_000, 3 * 24 * 3_600_000]) {
      expect(backoffMs(age, null, at(0))).toBe(2.5 * MINUTE);
      expect(backoffMs(age, null, at(1))).toBe(5 * MINUTE);
    }
  });
});
