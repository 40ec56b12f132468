import { CONTRIBUTION_KINDS, type ContributionEvent } from '../domain/contribution.ts';
import { fail, ok, ErrorCode, type Result } from '../errors.ts';
import type { IngestResult } from '../ports/store/contributions.ts';
import type { CoreDeps } from './deps.ts';

/** Large enough to amortise a round trip, small enough to keep each transaction short. */
export const MAX_BATCH = 5_000;

/**
 * Stores what members did in their groups. Redelivered platform events are counted once; a batch
 * with one bad event is refused whole, so nothing half-arrives.
 */
export async function recordContributions(
  { store }: CoreDeps,
  tenantId: string,
  events: readonly ContributionEvent[],
): Promise<Result<IngestResult>> {
  if (events.length > MAX_BATCH) {
    return fail(ErrorCode.InvalidInput, `at most ${MAX_BATCH} events a batch, got ${events.length}`);
  }
  for (const [index, event] of events.entries()) {
    const problem = problemWith(event, tenantId);
    if (problem) return fail(ErrorCode.InvalidInput, `event ${index}: ${problem}`);
  }
  return ok(await store.contributions.record(tenantId, events));
}

function problemWith(event: ContributionEvent, tenantId: string): string | null {
  if (event.tenantId !== tenantId) return 'belongs to another tenant';
  if (!CONTRIBUTION_KINDS.includes(event.kind)) return `unknown kind "${String(event.kind)}"`;
  if (!(event.occurredAt instanceof Date) || Number.isNaN(event.occurredAt.getTime())) return 'no valid time';
  if (event.platformEventId === '') return 'no platform event id';
  if (event.asksQuestion && event.kind !== 'post') return 'only a post can ask a question';
  return null;
}
