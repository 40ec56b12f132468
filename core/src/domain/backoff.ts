/** How long to wait before trying again: exponential, capped, with full jitter. */
export interface Backoff {
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** A number in [0, 1): Math.random, or a fixed one in tests. */
  readonly random: () => number;
}

/** The wait after `attempts` tries, never shorter than what the other side asked for. */
export function backoffMs(attempts: number, backoff: Backoff, atLeastMs: number | null = null): number {
  const ceiling = Math.min(backoff.maxDelayMs, backoff.baseDelayMs * 2 ** Math.max(0, attempts - 1));
  return Math.max(Math.round(backoff.random() * ceiling), atLeastMs ?? 0);
}
