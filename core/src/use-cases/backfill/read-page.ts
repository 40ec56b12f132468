import type { Group } from '../../domain/group.ts';
import { PlatformError } from '../../ports/chat-platform.ts';
import type { HistoryPage, HistoryReader } from '../../ports/history.ts';
import type { GroupBackfill } from '../../ports/store/group-backfills.ts';

/** Failures in a row, other than the platform asking us to wait, after which the group is left for a later run. */
export const BACKFILL_FAILURES_IN_A_ROW = 6;
const FIRST_BACKOFF_MS = 1_000;

export interface PageWaits {
  /** Resolves after `ms`, or early when `signal` is aborted. */
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly signal?: AbortSignal;
  /** Told before each wait: how long, and the platform's code that caused it. */
  readonly onWait?: (ms: number, code: string) => void;
}

/** A page, or why none could be read: a permanent platform error, too many failures, or Ctrl-C. */
export type PageRead =
  | { readonly page: HistoryPage }
  | { readonly gaveUp: PlatformError | Error }
  | { readonly interrupted: true };

/**
 * Reads the backfill's next page, waiting as the platform asks (a 429's Retry-After however often
 * it comes: that is the platform's pace, e.g. Slack's one history call a minute outside the
 * Marketplace) and backing off on other transient failures, a few in a row at most.
 */
export async function readPage(
  reader: HistoryReader,
  group: Group,
  backfill: GroupBackfill,
  waits: PageWaits,
): Promise<PageRead> {
  const window = { since: backfill.since, until: backfill.until };
  for (let failures = 0; ; ) {
    if (waits.signal?.aborted) return { interrupted: true };
    try {
      return { page: await reader.readHistory(group.platformRef, window, backfill.cursor) };
    } catch (error) {
      if (error instanceof PlatformError && error.permanent) return { gaveUp: error };
      const paced = error instanceof PlatformError && error.retryAfterMs !== null;
      if (!paced) failures += 1;
      if (failures >= BACKFILL_FAILURES_IN_A_ROW) return { gaveUp: asError(error) };
      const ms = paced ? (error.retryAfterMs ?? 0) : FIRST_BACKOFF_MS * 2 ** (failures - 1);
      waits.onWait?.(ms, error instanceof PlatformError ? error.code : asError(error).message);
      await waits.sleep(ms, waits.signal);
    }
  }
}

const asError = (error: unknown) => (error instanceof Error ? error : new Error(String(error)));
