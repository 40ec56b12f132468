import type { HistoryWindow } from '../domain/backfill.ts';
import type { Platform, PlatformRef } from '../domain/platform.ts';
import type { PlatformActivity } from '../ingest/inbox-events.ts';

/** One bounded read of a group's past: what it found, and where the next read starts. */
export interface HistoryPage {
  /** Messages, replies, reactions and files, as live events would have given them. */
  readonly activities: readonly PlatformActivity[];
  /** The platform's cursor of the next read (opaque to the core); null once the window is read through. */
  readonly next: string | null;
  /** Everything from this instant to the window's end has been read (history is read newest first). */
  readonly readBackTo: Date;
}

/**
 * Reads a group's past for a backfill. Each activity carries a `platformEventId` that names it
 * for good (Teams: the one its live event carries; Slack, whose history has no event ids: its
 * channel and `ts`), so a window read twice is counted once. A backfill reads only the days before
 * the group was registered, which live events never counted. Only activities in the window are returned.
 * Each call makes a bounded number of platform calls and waits on the platform's rate limits;
 * implementations throw `PlatformError` (with `retryAfterMs` when the platform said how long to wait).
 */
export interface HistoryReader {
  readonly platform: Platform;
  readHistory(group: PlatformRef, window: HistoryWindow, cursor: string | null): Promise<HistoryPage>;
}
