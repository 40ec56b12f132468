import { setTimeout as sleep } from 'node:timers/promises';

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A rate limiter's time: a monotonic clock in milliseconds, and a way to wait on it. */
export interface LimiterClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemLimiterClock: LimiterClock = {
  now: () => performance.now(),
  sleep: (ms) => sleep(ms),
};
