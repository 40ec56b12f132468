import { type LimiterClock, systemLimiterClock } from '@steward/core';

/** At most `limit` calls in any `periodMs`, as Microsoft states its limits. */
export interface Window {
  readonly limit: number;
  readonly periodMs: number;
}

interface Log {
  /** When granted calls go, oldest first; only the last `max(limit)` can matter. */
  readonly granted: number[];
  /** The longest window: past it, the log holds nothing that counts. */
  readonly spanMs: number;
}

// A call granted the moment a window has room may reach Teams a little before, by Teams' clock, the
// window's oldest call leaves it (network jitter): each window is kept 5% longer than stated, which
// costs a long fan-out 5% of its speed and spares it most 429s.
const WINDOW_MARGIN = 1.05;

// Keys for conversations nobody wrote to lately are dropped past this many, so that a week of DMs
// to every owner does not keep one entry per person forever.
const PRUNE_ABOVE_KEYS = 10_000;

/**
 * Sliding windows per key, several at once (Teams states 7 per second, 8 per 2 s, 60 per 30 s and
 * 1800 per hour for one conversation). Each key keeps the times its calls were granted; a caller
 * takes the earliest time, not before the key's previous caller, at which every window still has
 * room, reserves it at once and then waits for it. Concurrent callers on a key are thus served in
 * order and no window ever holds more than its limit, without a queue or a timer per key.
 */
export class RateLimiter {
  readonly #clock: LimiterClock;
  readonly #logs = new Map<string, Log>();

  constructor(clock: LimiterClock = systemLimiterClock) {
    this.#clock = clock;
  }

  /** Resolves when the caller may make one call under `key`. */
  acquire(key: string, windows: readonly Window[]): Promise<void> {
    const now = this.#clock.now();
    if (this.#logs.size > PRUNE_ABOVE_KEYS) this.#prune(now);
    const log = this.#logs.get(key) ?? { granted: [], spanMs: Math.max(...windows.map((window) => window.periodMs)) };
    const { granted } = log;
    let at = Math.max(now, granted.at(-1) ?? now);
    for (const { limit, periodMs } of windows) {
      // With `limit` calls already in the window ending at `at`, the oldest of them must leave it first.
      const oldestInFullWindow = granted[granted.length - limit];
      if (oldestInFullWindow !== undefined) at = Math.max(at, oldestInFullWindow + periodMs * WINDOW_MARGIN);
    }
    granted.push(at);
    const longestLimit = Math.max(...windows.map((window) => window.limit));
    if (granted.length > longestLimit) granted.splice(0, granted.length - longestLimit);
    this.#logs.set(key, log);
    const wait = at - now;
    return wait > 0 ? this.#clock.sleep(wait) : Promise.resolve();
  }

  /** A key whose last call left its longest window is as good as new: forgetting it changes nothing. */
  #prune(now: number): void {
    for (const [key, { granted, spanMs }] of this.#logs)
      if ((granted.at(-1) ?? 0) + spanMs <= now) this.#logs.delete(key);
  }
}
