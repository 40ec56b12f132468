import type { MethodLimit } from './limits.ts';

const WINDOW_MS = 60_000;

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * Slack's limits as the fake applies them, in the fake's (scaled) milliseconds: at most
 * `perMinute` calls in any sliding minute per workspace and method, and a token bucket per channel
 * where the method has one. Refused calls do not count against the caller.
 */
export class FakeRateLimiter {
  readonly #windows = new Map<string, number[]>();
  readonly #buckets = new Map<string, Bucket>();

  /** Counts the call and returns null, or returns the seconds to put in Retry-After. */
  admit(limit: MethodLimit, key: string, channel: string | null, now: number): number | null {
    const calls = (this.#windows.get(key) ?? []).filter((at) => at > now - WINDOW_MS);
    this.#windows.set(key, calls);
    const oldestToExpire = calls[calls.length - limit.perMinute];
    let waitMs = oldestToExpire === undefined ? 0 : oldestToExpire + WINDOW_MS - now;

    const perChannel = channel === null ? undefined : limit.perChannel;
    const bucketKey = `${key}:${channel}`;
    let bucket: Bucket | undefined;
    if (perChannel) {
      const previous = this.#buckets.get(bucketKey) ?? { tokens: perChannel.burst, at: now };
      bucket = {
        tokens: Math.min(perChannel.burst, previous.tokens + ((now - previous.at) / 1000) * perChannel.perSecond),
        at: now,
      };
      if (bucket.tokens < 1) waitMs = Math.max(waitMs, ((1 - bucket.tokens) / perChannel.perSecond) * 1000);
    }

    if (waitMs > 0) return Math.max(1, Math.ceil(waitMs / 1000));
    calls.push(now);
    if (bucket) this.#buckets.set(bucketKey, { tokens: bucket.tokens - 1, at: now });
    return null;
  }

  reset(): void {
    this.#windows.clear();
    this.#buckets.clear();
  }
}
