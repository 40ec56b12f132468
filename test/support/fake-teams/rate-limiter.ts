import type { Window } from './limits.ts';

/** A counter the call is checked against: its key and its windows. */
export interface Budget {
  readonly key: string;
  readonly windows: readonly Window[];
}

/** How many of the sorted times are after `since`. */
function countAfter(times: readonly number[], since: number): number {
  let low = 0;
  let high = times.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((times[middle] ?? 0) > since) high = middle;
    else low = middle + 1;
  }
  return times.length - low;
}

/**
 * Microsoft's limits as the fake applies them, in the fake's (scaled) milliseconds: a log of
 * admitted calls per key, checked against every window. A call is admitted only when every budget
 * it draws on has room; refused calls do not count against the caller.
 */
export class FakeRateLimiter {
  readonly #admitted = new Map<string, number[]>();

  /** Counts the call and returns null, or returns the seconds to put in Retry-After. */
  admit(budgets: readonly Budget[], now: number): number | null {
    let waitMs = 0;
    for (const { key, windows } of budgets) {
      const log = this.#admitted.get(key) ?? [];
      for (const { limit, periodMs } of windows) {
        // Full: it has room again when the oldest of its last `limit` calls leaves it.
        const oldestToLeave = log[log.length - limit];
        if (countAfter(log, now - periodMs) >= limit && oldestToLeave !== undefined)
          waitMs = Math.max(waitMs, oldestToLeave + periodMs - now);
      }
    }
    if (waitMs > 0) return Math.max(1, Math.ceil(waitMs / 1000));
    for (const { key, windows } of budgets) {
      const log = this.#admitted.get(key) ?? [];
      const longest = Math.max(...windows.map((window) => window.periodMs));
      log.splice(0, log.length - countAfter(log, now - longest));
      log.push(now);
      this.#admitted.set(key, log);
    }
    return null;
  }

  reset(): void {
    this.#admitted.clear();
  }
}
