import { RAW_EVENT_RETENTION_MONTHS, rawEventsCutoff } from '../../domain/privacy.ts';
import { ErrorCode, fail, ok, type Result } from '../../errors.ts';
import type { CoreDeps } from '../deps.ts';

export interface PurgeBudget {
  /** Raw events deleted per statement: a short transaction each. */
  readonly batch: number;
  /** Full batches per run, over every tenant; the next run goes on. */
  readonly batches: number;
}

export const DEFAULT_PURGE_BUDGET: PurgeBudget = { batch: 5_000, batches: 100 };

export interface PurgeOutcome {
  readonly deleted: number;
  /** False when the budget ran out first: older events are left for the next run. */
  readonly done: boolean;
}

/**
 * Deletes raw contribution events older than each tenant's retention, in bounded batches. Every
 * figure reads the rollups (group days, member days, contributor spans, questions), which are
 * kept, so figures over any period stay the same; raw events only tell a redelivered platform
 * event from a new one, which no platform does after months.
 */
export async function purgeRawEvents(
  { store, clock }: CoreDeps,
  budget: PurgeBudget = DEFAULT_PURGE_BUDGET,
): Promise<PurgeOutcome> {
  let deleted = 0;
  let fullBatches = 0;
  let done = true;
  // Every tenant is visited each run (a probe that finds nothing old is one index lookup); only
  // full batches count against the budget, so no tenant waits behind another's backlog for good.
  for (const { tenantId, months } of await store.privacy.rawEventRetentions()) {
    const cutoff = rawEventsCutoff(clock.now(), months);
    for (;;) {
      if (fullBatches >= budget.batches) {
        done = false;
        break;
      }
      const n = await store.privacy.deleteRawEventsBefore(tenantId, cutoff, budget.batch);
      deleted += n;
      if (n < budget.batch) break;
      fullBatches += 1;
    }
  }
  return { deleted, done };
}

/** Sets how many months the tenant's raw events are kept (whole months within the bounds). */
export async function setRawEventRetention(
  { store }: CoreDeps,
  tenantId: string,
  months: number,
): Promise<Result<number, typeof ErrorCode.InvalidInput>> {
  const { min, max } = RAW_EVENT_RETENTION_MONTHS;
  if (!Number.isInteger(months) || months < min || months > max) {
    return fail(ErrorCode.InvalidInput, `the retention is a whole number of months from ${min} to ${max}`);
  }
  await store.privacy.setRawEventRetention(tenantId, months);
  return ok(months);
}
