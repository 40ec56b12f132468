import { PlatformError } from '../ports/chat-platform.ts';

/**
 * How handling one inbox item went. `retry` waits for something outside to come back (a platform
 * answering 429 or 503) and is tried again however long that takes; `failed` is tried again a few
 * times, then parked; `park` is parked now: it will never go through on its own.
 */
export type ItemOutcome =
  | { readonly result: 'done' }
  | { readonly result: 'retry'; readonly reason: string; readonly retryAfterMs: number | null }
  | { readonly result: 'failed'; readonly reason: string }
  | { readonly result: 'park'; readonly reason: string };

export const DONE: ItemOutcome = { result: 'done' };

export const failed = (reason: string): ItemOutcome => ({ result: 'failed', reason });

export const parkNow = (reason: string): ItemOutcome => ({ result: 'park', reason });

/** What a thrown error means for the item: a platform's own word, or else a failure to retry a few times. */
export function outcomeOf(error: unknown): ItemOutcome {
  if (error instanceof PlatformError) {
    return error.permanent
      ? parkNow(error.code)
      : { result: 'retry', reason: error.code, retryAfterMs: error.retryAfterMs };
  }
  return failed(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
}
