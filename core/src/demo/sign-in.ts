import { isActive } from '../domain/group.ts';
import type { Locale } from '../domain/locale.ts';
import type { Person } from '../domain/person.ts';
import { ErrorCode, fail, type Result } from '../errors.ts';
import { type DashboardViewer, dashboardViewer, type ViewerRole } from '../use-cases/dashboard-access.ts';
import type { CoreDeps } from '../use-cases/deps.ts';
import { DEFAULT_DEMO_SEED, demoTenantId } from './tenant.ts';

/**
 * Who a newcomer trying the demo becomes: its first community manager by name, or the owner of
 * the most active groups (who is no community manager, so that they see only their groups).
 * Always the same person for the same demo company. The newcomer speaks `locale`: the demo person
 * is made to speak it too (the dashboard and their chat messages), as a real person's language
 * comes from their profile.
 */
export async function demoViewer(
  deps: CoreDeps,
  role: ViewerRole,
  locale: Locale,
  seed = DEFAULT_DEMO_SEED,
): Promise<Result<DashboardViewer, typeof ErrorCode.NotFound | typeof ErrorCode.NotAViewer>> {
  const tenantId = demoTenantId(seed);
  if (!(await deps.store.tenants.get(tenantId))) return fail(ErrorCode.NotFound, 'no demo company in this store');
  const person = await demoPerson(deps, tenantId, role);
  if (!person) return fail(ErrorCode.NotFound, `the demo company has no ${role}`);
  if (person.locale !== locale) await deps.store.people.save({ ...person, locale });
  return dashboardViewer(deps, tenantId, person.id);
}

async function demoPerson({ store }: CoreDeps, tenantId: string, role: ViewerRole): Promise<Person | null> {
  if (role === 'community_manager') {
    const [manager] = await store.people.listWithRole(tenantId, 'community_manager');
    return manager ?? null;
  }
  const owned = new Map<string, number>();
  for (const group of (await store.groups.list(tenantId)).filter(isActive)) {
    for (const ownerId of group.ownerIds) owned.set(ownerId, (owned.get(ownerId) ?? 0) + 1);
  }
  const people = await store.people.getMany(tenantId, [...owned.keys()]);
  const owners = people
    .filter(
      (p) => p.deactivatedAt === null && !p.roles.includes('community_manager') && !p.roles.includes('administrator'),
    )
    .sort((a, b) => (owned.get(b.id) ?? 0) - (owned.get(a.id) ?? 0) || a.id.localeCompare(b.id));
  return owners[0] ?? null;
}
