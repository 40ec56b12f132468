import { type Group, isActive } from '../domain/group.ts';
import type { Locale } from '../domain/locale.ts';
import type { Person } from '../domain/person.ts';
import { ErrorCode, fail, ok, type Result } from '../errors.ts';
import type { CoreDeps } from './deps.ts';

export const VIEWER_ROLES = ['community_manager', 'owner'] as const;
export type ViewerRole = (typeof VIEWER_ROLES)[number];

/** Who a signed-in person is to the dashboard; every dashboard and API request carries one. */
export interface DashboardViewer {
  readonly personId: string;
  readonly tenantId: string;
  readonly role: ViewerRole;
  readonly locale: Locale;
  readonly displayName: string;
}

/**
 * What a viewer may see, for the store's queries: a community manager their whole organisation
 * (tenant), an owner their own groups. Always within `tenantId`: nobody sees another tenant's.
 */
export type DashboardScope =
  | { readonly kind: 'tenant'; readonly tenantId: string }
  | { readonly kind: 'groups'; readonly tenantId: string; readonly groupIds: readonly string[] };

/**
 * The dashboard's rule: community managers and administrators see the organisation; owners of at
 * least one active group see theirs; anyone else (and anyone who left) is refused.
 */
export function viewerOf(
  person: Person,
  ownedGroups: readonly Group[],
): Result<DashboardViewer, typeof ErrorCode.NotAViewer> {
  const role = viewerRoleOf(person, ownedGroups);
  if (!role)
    return fail(ErrorCode.NotAViewer, `${person.id} is neither a community manager nor the owner of an active group`);
  return ok({
    personId: person.id,
    tenantId: person.tenantId,
    role,
    locale: person.locale,
    displayName: person.displayName,
  });
}

function viewerRoleOf(person: Person, ownedGroups: readonly Group[]): ViewerRole | null {
  if (person.deactivatedAt !== null) return null;
  if (person.roles.includes('community_manager') || person.roles.includes('administrator')) return 'community_manager';
  const owns = ownedGroups.some(
    (group) => group.tenantId === person.tenantId && isActive(group) && group.ownerIds.includes(person.id),
  );
  return owns ? 'owner' : null;
}

/**
 * The viewer a person of a tenant is now: read at every request, so that a role taken back or a
 * last group handed over shows at once.
 */
export async function dashboardViewer(
  { store }: CoreDeps,
  tenantId: string,
  personId: string,
): Promise<Result<DashboardViewer, typeof ErrorCode.NotAViewer | typeof ErrorCode.NotFound>> {
  const person = await store.people.get(tenantId, personId);
  if (!person) return fail(ErrorCode.NotFound, `no person ${personId} in tenant ${tenantId}`);
  const managing = person.roles.includes('community_manager') || person.roles.includes('administrator');
  // A community manager's groups do not matter: no need to read them.
  const owned = managing ? [] : await store.groups.listOwnedBy(tenantId, personId);
  return viewerOf(person, owned);
}

/** What the viewer may see, as the store's queries take it. */
export async function dashboardScope({ store }: CoreDeps, viewer: DashboardViewer): Promise<DashboardScope> {
  if (viewer.role === 'community_manager') return { kind: 'tenant', tenantId: viewer.tenantId };
  const owned = await store.groups.listOwnedBy(viewer.tenantId, viewer.personId);
  return { kind: 'groups', tenantId: viewer.tenantId, groupIds: owned.map((group) => group.id) };
}

/**
 * Whether a group of `scope.tenantId` is the viewer's to see. The caller reads the group in the
 * scope's tenant (`store.groups.get(scope.tenantId, id)`): a group of another tenant is not found.
 */
export function canSeeGroup(scope: DashboardScope, groupId: string): boolean {
  return scope.kind === 'tenant' || scope.groupIds.includes(groupId);
}
