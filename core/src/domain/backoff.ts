/** How long to wait before trying something again. */
export interface Backoff {
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** A number in [0, 1): Math.random, or a fixed one in tests. */
  readonly random: () => number;
}

/**
 * When to try again, in ms from now. What the other side asked (Retry-After), plus up to
 * `baseDelayMs` so that what it throttled together does not all come back at once. Otherwise
 * backoff without a counter: about as long as the thing has waited so far (so doubling from
 * `baseDelayMs`), capped at `maxDelayMs`, between half and all of that (jitter that never retries
 * at once).
 */
export function backoffMs(waitedMs: number, retryAfterMs: number | null, backoff: Backoff): number {
  if (retryAfterMs !== null) return retryAfterMs + Math.round(backoff.random() * backoff.baseDelayMs);
  const ceiling = Math.min(backoff.maxDelayMs, Math.max(backoff.baseDelayMs, waitedMs));
  return Math.round(ceiling / 2 + (backoff.random() * ceiling) / 2);
}
