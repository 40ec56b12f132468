import { isActive } from '../domain/group.ts';
import { ErrorCode, fail, type Result } from '../errors.ts';
import { dashboardViewer, type DashboardViewer, type ViewerRole } from '../use-cases/dashboard-access.ts';
import type { CoreDeps } from '../use-cases/deps.ts';
import { DEFAULT_DEMO_SEED, demoTenantId } from './tenant.ts';

/**
 * Who a newcomer trying the demo becomes: its first community manager by name, or the owner of
 * the most active groups (who is no community manager, so that they see only their groups).
 * Always the same person for the same demo company.
 */
export async function demoViewer(
  deps: CoreDeps,
  role: ViewerRole,
  seed = DEFAULT_DEMO_SEED,
): Promise<Result<DashboardViewer, typeof ErrorCode.NotFound | typeof ErrorCode.NotAViewer>> {
  const { store } = deps;
  const tenantId = demoTenantId(seed);
  if (!(await store.tenants.get(tenantId))) return fail(ErrorCode.NotFound, 'no demo company in this store');
  if (role === 'community_manager') {
    const [manager] = await store.people.listWithRole(tenantId, 'community_manager');
    return manager ? dashboardViewer(deps, tenantId, manager.id) : fail(ErrorCode.NotFound, 'the demo company has no community manager');
  }
  const owned = new Map<string, number>();
  for (const group of (await store.groups.list(tenantId)).filter(isActive)) {
    for (const ownerId of group.ownerIds) owned.set(ownerId, (owned.get(ownerId) ?? 0) + 1);
  }
  const people = await store.people.getMany(tenantId, [...owned.keys()]);
  const owners = people
    .filter((p) => p.deactivatedAt === null && !p.roles.includes('community_manager') && !p.roles.includes('administrator'))
    .sort((a, b) => (owned.get(b.id) ?? 0) - (owned.get(a.id) ?? 0) || a.id.localeCompare(b.id));
  return owners[0] ? dashboardViewer(deps, tenantId, owners[0].id) : fail(ErrorCode.NotFound, 'the demo company has no owner');
}
