import { rawEventsCutoff } from './privacy.ts';
import { DAY_MS } from './zoned-time.ts';

/** A stretch of a group's past: [since, until). */
export interface HistoryWindow {
  readonly since: Date;
  readonly until: Date;
}

/** How many days back a backfill reads unless told otherwise, and the bounds of what it may be told. */
export const BACKFILL_DAYS = { default: 90, min: 1, max: 3_660 } as const;

/**
 * The past a backfill of a group reads: the `days` before the group was registered, the days live
 * events have counted since then left out, and never before the tenant's raw-event retention. Raw
 * events are what tells an event already counted from a new one; past the retention they are
 * deleted while the rollups keep them, so reading that far back would count them twice. Null when
 * nothing is left to read.
 */
export function backfillWindow(
  registeredAt: Date,
  now: Date,
  days: number,
  retentionMonths: number,
): HistoryWindow | null {
  const until = registeredAt < now ? registeredAt : now;
  const wanted = new Date(until.getTime() - days * DAY_MS);
  const cutoff = rawEventsCutoff(now, retentionMonths);
  const since = wanted < cutoff ? cutoff : wanted;
  return since < until ? { since, until } : null;
}

/** Whether the history backfill may be told to read this many days. */
export function isBackfillDays(days: number): boolean {
  return Number.isInteger(days) && days >= BACKFILL_DAYS.min && days <= BACKFILL_DAYS.max;
}
