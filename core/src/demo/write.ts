import { ErrorCode } from '../errors.ts';
import type { Store } from '../ports/store/index.ts';
import type { DemoTenant } from './tenant.ts';

/** What the seeder made. */
export interface DemoSummary {
  readonly tenantId: string;
  readonly groups: number;
  readonly people: number;
  readonly memberships: number;
  /** Contribution events the store kept (a re-run stores none twice). */
  readonly events: number;
  readonly contentItems: number;
  readonly pendingRequests: number;
  readonly decidedRequests: number;
  readonly weeklyHours: number;
}

export type SeedProgress = (step: string, done: number, total: number) => void;

/** The contributions port's batch limit: large enough to amortise a round trip, short enough a transaction. */
export const EVENT_BATCH = 5_000;

/**
 * Writes the tenant through the Store port, parents before children. Every write is an upsert or
 * idempotent, so a run cut short can be repeated with the same seed and `now`.
 */
export async function writeDemoTenant(store: Store, demo: DemoTenant, onProgress: SeedProgress): Promise<DemoSummary> {
  const { tenant } = demo;
  const each = async <T>(step: string, items: readonly T[], every: number, write: (item: T) => Promise<unknown>) => {
    onProgress(step, 0, items.length);
    for (const [index, item] of items.entries()) {
      await write(item);
      if ((index + 1) % every === 0 && index + 1 < items.length) onProgress(step, index + 1, items.length);
    }
    if (items.length > 0) onProgress(step, items.length, items.length);
  };

  await each('tenant', [tenant], 1, (t) => store.tenants.save(t));
  await each('people', demo.people, 50, (person) => store.people.save(person));
  await each('groups', demo.groups, 10, ({ group }) => store.groups.save(group));
  await each('memberships', demo.memberships, 500, async (m) => {
    await store.memberships.recordJoin(tenant.id, m.groupId, m.personId, m.joinedAt);
    if (m.leftAt) await store.memberships.recordLeave(tenant.id, m.groupId, m.personId, m.leftAt);
  });
  await each('membership requests', demo.requests, 10, async (demoRequest) => {
    // Audited only when the write happened, as the use cases do; a re-run finds both done already.
    const created = await store.membershipRequests.create(demoRequest.request);
    if (created.ok) await store.audit.append(demoRequest.created);
    else if (created.code !== ErrorCode.RequestPending) throw new Error(created.detail);
    if (!demoRequest.decision || !demoRequest.decided) return;
    const decided = await store.membershipRequests.decide(tenant.id, demoRequest.request.id, demoRequest.decision);
    if (decided.ok) await store.audit.append(demoRequest.decided);
    else if (decided.code !== ErrorCode.AlreadyDecided) throw new Error(decided.detail);
  });
  await each('content items', demo.contentItems, 50, (item) => store.contentItems.save(item));
  await each('weekly hours', demo.weeklyHours, 100, (record) => store.weeklyHours.claim(record));

  let stored = 0;
  const batches = Math.ceil(demo.events.length / EVENT_BATCH);
  onProgress('contribution events', 0, demo.events.length);
  for (let b = 0; b < batches; b++) {
    const batch = demo.events.slice(b * EVENT_BATCH, (b + 1) * EVENT_BATCH);
    stored += (await store.contributions.record(tenant.id, batch)).stored;
    onProgress('contribution events', Math.min((b + 1) * EVENT_BATCH, demo.events.length), demo.events.length);
  }

  return {
    tenantId: tenant.id,
    groups: demo.groups.length,
    people: demo.people.length,
    memberships: demo.memberships.length,
    events: stored,
    contentItems: demo.contentItems.length,
    pendingRequests: demo.requests.filter((r) => r.decision === null).length,
    decidedRequests: demo.requests.filter((r) => r.decision !== null).length,
    weeklyHours: demo.weeklyHours.length,
  };
}
