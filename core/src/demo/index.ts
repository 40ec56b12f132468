import type { Store } from '../ports/store/index.ts';
import { generateDemoTenant } from './tenant.ts';
import { writeDemoTenant, type DemoSummary, type SeedProgress } from './write.ts';

export { generateDemoTenant, DEFAULT_DEMO_SEED, type DemoTenant } from './tenant.ts';
export { GROUP_PROFILES, type DemoGroup, type GroupProfile } from './groups.ts';
export { HISTORY_DAYS } from './context.ts';
export type { DemoRequest } from './requests.ts';
export type { DemoSummary, SeedProgress } from './write.ts';

/** True when the store holds no tenant yet: the only time the demo tenant may be seeded. */
export async function isStoreEmpty(store: Store): Promise<boolean> {
  return (await store.tenants.list()).length === 0;
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
  return writeDemoTenant(store, demo, onProgress);
}
