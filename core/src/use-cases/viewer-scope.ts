import { isActive } from '../domain/group.ts';
import type { CoreDeps } from './deps.ts';

// Stand-in for the sign-in helper's dashboard access rule (branch `auth`): the API swaps to it
// once that lands. Same contract: a community manager sees the tenant, an owner their groups.

/** Which groups a dashboard viewer may see: every group of their tenant, or only these. */
export type GroupScope = { readonly kind: 'tenant' } | { readonly kind: 'groups'; readonly groupIds: readonly string[] };

export interface ScopedViewer {
  readonly personId: string;
  readonly tenantId: string;
  readonly role: 'community_manager' | 'owner';
}

/** A community manager sees every group of the tenant; an owner the active groups they own. */
export async function groupScopeOf(deps: CoreDeps, viewer: ScopedViewer): Promise<GroupScope> {
  if (viewer.role === 'community_manager') return { kind: 'tenant' };
  const owned = await deps.store.groups.listOwnedBy(viewer.tenantId, viewer.personId);
  return { kind: 'groups', groupIds: owned.filter(isActive).map((g) => g.id) };
}

export function canSeeGroup(scope: GroupScope, groupId: string): boolean {
  return scope.kind === 'tenant' || scope.groupIds.includes(groupId);
}
