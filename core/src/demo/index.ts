import { newId } from '../domain/ids.ts';
import type { Store } from '../ports/store/index.ts';
import { DEFAULT_DEMO_SEED, demoNowOf, demoTenantId, generateDemoTenant } from './tenant.ts';
import { type DemoSummary, type SeedProgress, writeDemoTenant } from './write.ts';

export { HISTORY_DAYS } from './context.ts';
export { type DemoGroup, GROUP_PROFILES, type GroupProfile } from './groups.ts';
export type { DemoRequest } from './requests.ts';
export { demoViewer } from './sign-in.ts';
export { DEFAULT_DEMO_SEED, type DemoTenant, demoTenantId, generateDemoTenant } from './tenant.ts';
export type { DemoSummary, SeedProgress } from './write.ts';

/** The audit action that marks a demo tenant as completely written. */
export const DEMO_SEEDED = 'demo.seeded';

/**
 * Whether the demo tenant must be written, and for which `now`: on an empty store, for `now`; when
 * an earlier seed was cut short (a crash, Ctrl-C), again for that seed's own `now`, which finishes
 * it since every write of the seeder can be repeated. Null when there is nothing to do, which is
 * always the case on a store holding any other tenant.
 */
export async function pendingDemoSeed(
  store: Store,
  now: Date,
  seed = DEFAULT_DEMO_SEED,
): Promise<{ now: Date } | null> {
  const tenants = await store.tenants.list();
  if (tenants.length === 0) return { now };
  const demo = tenants.find((tenant) => tenant.id === demoTenantId(seed));
  if (tenants.length > 1 || !demo) return null;
  const marks = await store.audit.list(demo.id, { subjectId: demo.id, limit: 10 });
  return marks.some((entry) => entry.action === DEMO_SEEDED) ? null : { now: demoNowOf(demo) };
}

/**
 * Fills the store with a realistic demo tenant: 52 groups on Slack and Teams, 300 people,
 * 90 days of contributions ending at `now`, content, membership requests and weekly-hour history.
 * The same `seed` and `now` always make the same tenant.
 */
export async function seedDemoTenant(
  store: Store,
  options: { now: Date; seed?: number; onProgress?: SeedProgress },
): Promise<DemoSummary> {
  const onProgress = options.onProgress ?? (() => {});
  onProgress('generate', 0, 1);
  const demo = generateDemoTenant({ now: options.now, seed: options.seed });
  onProgress('generate', 1, 1);
  const summary = await writeDemoTenant(store, demo, onProgress);
  await store.audit.append({
    id: newId(),
    tenantId: demo.tenant.id,
    at: options.now,
    actorId: null,
    action: DEMO_SEEDED,
    subjectKind: 'tenant',
    subjectId: demo.tenant.id,
    details: { events: summary.events },
  });
  return summary;
}
