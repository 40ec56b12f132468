import { DEFAULT_HEALTH_WEIGHTS } from '../domain/health.ts';
import { newId } from '../domain/ids.ts';
import { isListed, NO_ORGANISATION } from '../domain/organisation.ts';
import type { Platform, PlatformRef } from '../domain/platform.ts';
import { DEFAULT_REQUEST_EXPIRY_DAYS } from '../domain/request-deadlines.ts';
import { DEFAULT_ESCALATION, type Tenant } from '../domain/tenant.ts';
import type { Installation } from '../ports/store/installations.ts';
import type { CoreDeps } from './deps.ts';
import { applyOrganisation, organisationTenants } from './organisation.ts';
import { applyConfiguredRolesIn } from './roles.ts';

/** Until the tenant's administrators choose, the weekly hour is Monday morning, in English and UTC. */
export const NEW_TENANT_DEFAULTS = {
  defaultWeeklyHour: { weekday: 1, time: '10:00' },
  defaultTimeZone: 'UTC',
  defaultLocale: 'en',
  escalation: DEFAULT_ESCALATION,
  healthWeights: DEFAULT_HEALTH_WEIGHTS,
  requestExpiryDays: DEFAULT_REQUEST_EXPIRY_DAYS,
} as const satisfies Pick<
  Tenant,
  'defaultWeeklyHour' | 'defaultTimeZone' | 'defaultLocale' | 'escalation' | 'healthWeights' | 'requestExpiryDays'
>;

/**
 * Records that the app was installed in a workspace or organisation. A reinstall keeps its tenant
 * (and so all its data), after an uninstall too. A first install joins the configured
 * organisation's tenant when the workspace is one of its own, and otherwise starts a new tenant
 * named after the workspace.
 */
export async function recordInstallation(
  deps: CoreDeps,
  input: {
    platform: Platform;
    workspaceId: string;
    workspaceName: string;
    enterpriseInstall: boolean;
    secrets: Record<string, unknown>;
    /** What the install granted, when the platform says. */
    grantedScopes?: readonly string[] | null;
  },
): Promise<Installation> {
  const { store, clock } = deps;
  const settings = deps.organisation ?? NO_ORGANISATION;
  const listed = isListed(settings, input.platform, input.workspaceId);
  const existing = await store.installations.find(input.platform, input.workspaceId);
  let tenantId = existing?.tenantId ?? (listed ? (await organisationTenants(deps, settings))[0]?.id : undefined);
  const isNewTenant = !tenantId;
  if (!tenantId) {
    tenantId = newId();
    const name = (listed ? settings.name : null) ?? input.workspaceName;
    await store.tenants.save({ id: tenantId, name, createdAt: clock.now(), ...NEW_TENANT_DEFAULTS });
  }
  const installation: Installation = {
    platform: input.platform,
    workspaceId: input.workspaceId,
    tenantId,
    enterpriseInstall: input.enterpriseInstall,
    installedAt: existing?.installedAt ?? clock.now(),
    secrets: input.secrets,
    revokedAt: null,
    ...(input.grantedScopes ? { grantedScopes: input.grantedScopes } : {}),
  };
  await store.installations.save(installation);
  if (isNewTenant) await applyConfiguredRolesIn(deps, tenantId);
  if (!listed) return installation;
  // Two of the organisation's workspaces installed at the same moment may each have started a
  // tenant. A merge that keeps meeting newcomers (a conflict) is tried again at the next start.
  await applyOrganisation(deps);
  return (await store.installations.find(input.platform, input.workspaceId)) ?? installation;
}

/**
 * The app was uninstalled or its token revoked (`reason`): nothing more can be sent there, and
 * what was waiting to be sent is cancelled with that reason. Data stays. Says whether a live
 * installation was revoked, and how many messages were cancelled.
 */
export async function removeInstallation(
  { store, clock }: CoreDeps,
  platform: Platform,
  workspaceId: string,
  reason: string,
): Promise<{ revoked: boolean; cancelled: number }> {
  const revoked = await store.installations.revoke(platform, workspaceId, clock.now());
  const installation = revoked ?? (await store.installations.find(platform, workspaceId));
  if (!installation) return { revoked: false, cancelled: 0 };
  // Also when it was revoked already: a message enqueued since (a race) is not left pending.
  const cancelled = await store.outbox.cancelPending(
    installation.tenantId,
    { platform, workspaceId },
    clock.now(),
    reason,
  );
  return { revoked: revoked !== null, cancelled };
}

/**
 * The app was removed from one group (a Teams team) but stays installed: nothing more is posted
 * or done there, and what was waiting for that group is cancelled with `reason`. Returns how many.
 */
export async function removeAppFromGroup(
  { store, clock }: CoreDeps,
  group: PlatformRef,
  reason: string,
): Promise<number> {
  const installation = await store.installations.find(group.platform, group.workspaceId);
  if (!installation) return 0;
  return store.outbox.cancelPending(
    installation.tenantId,
    { platform: group.platform, workspaceId: group.workspaceId, groupId: group.id },
    clock.now(),
    reason,
  );
}
