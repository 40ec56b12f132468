import { type LimiterClock, systemLimiterClock } from '@steward/core';

/** One token every `intervalMs`, and up to `burst` at once after a quiet spell. */
export interface Rate {
  readonly intervalMs: number;
  readonly burst: number;
}

/**
 * A rate that never exceeds `perMinute` calls in any sliding minute, as Slack counts: a hundredth
 * of the allowance may go at once, the rest is spread evenly, and 2% is kept in hand, because a call
 * sent on time may reach Slack a little late and land in the next minute with the burst still
 * counted. A long fan-out thus runs at 97% of the limit, with no 429.
 */
export function ratePerMinute(perMinute: number): Rate {
  const burst = Math.max(1, Math.floor(perMinute / 100));
  const spread = Math.max(1, Math.floor(perMinute * 0.98) - burst);
  return { intervalMs: 60_000 / spread, burst };
}

// Keys for channels nobody wrote to lately are dropped past this many, so that a week of DMs to
// every owner does not keep one entry per person forever.
const PRUNE_ABOVE_KEYS = 10_000;

/**
 * Token buckets per key, kept as the time the next token is due (the "generic cell rate
 * algorithm"): a caller reserves its slot at once and then waits for it, so concurrent callers on
 * one key are served in order, each one interval after the previous, without a queue or a timer
 * per bucket.
 */
export class RateLimiter {
  readonly #clock: LimiterClock;
  /** Key → when the bucket is empty again if nobody else comes (theoretical arrival time). */
  readonly #due = new Map<string, number>();

  constructor(clock: LimiterClock = systemLimiterClock) {
    this.#clock = clock;
  }

  /** Resolves when the caller may make one call under `key`. */
  acquire(key: string, rate: Rate): Promise<void> {
    const now = this.#clock.now();
    if (this.#due.size > PRUNE_ABOVE_KEYS) this.#prune(now);
    const due = Math.max(this.#due.get(key) ?? now, now);
    this.#due.set(key, due + rate.intervalMs);
    const wait = due - (rate.burst - 1) * rate.intervalMs - now;
    return wait > 0 ? this.#clock.sleep(wait) : Promise.resolve();
  }

  /** A key whose due time has passed is a full bucket: forgetting it changes nothing. */
  #prune(now: number): void {
    for (const [key, due] of this.#due) if (due <= now) this.#due.delete(key);
  }
}
