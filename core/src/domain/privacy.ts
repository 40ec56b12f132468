/** Raw contribution events are kept this long unless the tenant says otherwise; rollups are kept for good. */
export const DEFAULT_RAW_EVENT_RETENTION_MONTHS = 13;

/**
 * Bounds of the retention setting. No figure reads raw events (they tell a redelivered event from
 * a new one), so a month is enough; ten years is a ceiling against typos.
 */
export const RAW_EVENT_RETENTION_MONTHS = { min: 1, max: 120 } as const;

/**
 * Raw events that occurred before this instant are older than the retention: `months` calendar
 * months before `now`, in UTC (the last day of a shorter month when the day does not exist).
 */
export function rawEventsCutoff(now: Date, months: number): Date {
  const cutoff = new Date(now);
  const day = cutoff.getUTCDate();
  cutoff.setUTCDate(1);
  cutoff.setUTCMonth(cutoff.getUTCMonth() - months);
  const lastDay = new Date(Date.UTC(cutoff.getUTCFullYear(), cutoff.getUTCMonth() + 1, 0)).getUTCDate();
  cutoff.setUTCDate(Math.min(day, lastDay));
  return cutoff;
}

/** What an erasure puts where a value naming the person was (audit details, outbox messages). */
export const ERASED = '[erased]';
