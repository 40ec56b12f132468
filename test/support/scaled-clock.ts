import { setTimeout as sleep } from 'node:timers/promises';
import type { Clock, LimiterClock } from '../../core/src/ports/clock.ts';

// The fakes' clocks run at `performance.now() / timeScale`; these run at the same pace, so that our
// limiters, the outbox's waits and the fakes' windows and Retry-After agree however sped up.

/** A limiter clock whose milliseconds pass `1 / scale` times faster than real ones. */
export function scaledLimiterClock(scale: number): LimiterClock {
  return { now: () => performance.now() / scale, sleep: (ms) => sleep(ms * scale) };
}

/** Wall time from `from` on, `1 / scale` times faster than real time. */
export function scaledClock(from: Date, scale: number): Clock {
  const began = performance.now();
  return { now: () => new Date(from.getTime() + (performance.now() - began) / scale) };
}
