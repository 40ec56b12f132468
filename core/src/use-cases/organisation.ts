import type { AuditEntry } from '../domain/audit-entry.ts';
import { newId } from '../domain/ids.ts';
import { combinePeople, MERGED_WEEKLY_HOUR_PRECEDENCE, type OrganisationSettings } from '../domain/organisation.ts';
import { normaliseEmail, type Person } from '../domain/person.ts';
import type { Tenant } from '../domain/tenant.ts';
import { ErrorCode, fail, ok, type Result } from '../errors.ts';
import type { PersonMerge, TenantMerge } from '../ports/store/tenant-merges.ts';
import type { CoreDeps } from './deps.ts';
import { applyConfiguredRoles, type RoleChanges } from './roles.ts';

export interface OrganisationOutcome {
  /** The organisation's tenant; null while none of its workspaces is installed. */
  readonly tenantId: string | null;
  /** The tenants merged into it now. */
  readonly merged: readonly string[];
  /** People merged into another now (same e-mail). */
  readonly peopleMerged: number;
  readonly weeklyHoursDropped: number;
}

const NOTHING: OrganisationOutcome = { tenantId: null, merged: [], peopleMerged: 0, weeklyHoursDropped: 0 };

/** A merge that meets people appearing meanwhile is planned again, this many times at most. */
const MERGE_ATTEMPTS = 3;

/** What a start applies: the organisation first, so that the roles then apply to its one tenant. */
export async function applyOrganisationSettings(
  deps: CoreDeps,
): Promise<{ organisation: Result<OrganisationOutcome>; roles: RoleChanges }> {
  const organisation = await applyOrganisation(deps);
  return { organisation, roles: await applyConfiguredRoles(deps) };
}

/**
 * Makes the configured workspaces one tenant. The tenants they are installed in now are merged
 * into the oldest, with every row, and the people of the same e-mail become one person. Applied
 * at every start and after each install of a listed workspace: with nothing to merge, it changes
 * nothing (but the organisation's name).
 */
export async function applyOrganisation(deps: CoreDeps): Promise<Result<OrganisationOutcome>> {
  const settings = deps.organisation;
  if (!settings || settings.workspaces.length === 0) return ok(NOTHING);
  for (let attempt = 1; ; attempt += 1) {
    const [into, ...from] = await organisationTenants(deps, settings);
    if (!into) return ok(NOTHING);
    if (settings.name && into.name !== settings.name) await deps.store.tenants.save({ ...into, name: settings.name });
    if (from.length === 0) return ok({ ...NOTHING, tenantId: into.id });
    const plan = planTenantMerge(
      into,
      from,
      await deps.store.people.listSharingEmail([into.id, ...from.map((t) => t.id)]),
      deps.clock.now(),
    );
    const merged = await deps.store.tenantMerges.merge(plan);
    if (merged.ok) {
      const { weeklyHoursDropped } = merged.value;
      return ok({ tenantId: into.id, merged: plan.from, peopleMerged: plan.people.length, weeklyHoursDropped });
    }
    if (attempt === MERGE_ATTEMPTS) return fail(ErrorCode.Conflict, `merging into tenant ${into.id}: ${merged.detail}`);
  }
}

/** The tenants the organisation's workspaces are installed in, oldest first. */
export async function organisationTenants(deps: CoreDeps, settings: OrganisationSettings): Promise<Tenant[]> {
  const installed = await Promise.all(
    settings.workspaces.map((w) => deps.store.installations.find(w.platform, w.workspaceId)),
  );
  const ids = [...new Set(installed.flatMap((installation) => (installation ? [installation.tenantId] : [])))];
  const tenants = (await Promise.all(ids.map((id) => deps.store.tenants.get(id)))).filter((t) => t !== null);
  return tenants.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1));
}

/**
 * Who becomes whom: of the people sharing an e-mail, the one of the earliest tenant (`into`, then
 * `from` in order) is kept and takes in the others (`combinePeople`). Each merge is audited.
 */
export function planTenantMerge(
  into: Tenant,
  from: readonly Tenant[],
  sharing: readonly Person[],
  now: Date,
): TenantMerge {
  const order = [into, ...from].map((t) => t.id);
  const people: PersonMerge[] = [];
  const audit: AuditEntry[] = [];
  const mergedFrom = new Map<string, number>();
  const entry = (
    action: string,
    subjectKind: string,
    subjectId: string,
    details: AuditEntry['details'],
  ): AuditEntry => ({
    id: newId(),
    tenantId: into.id,
    at: now,
    actorId: null,
    action,
    subjectKind,
    subjectId,
    details,
  });
  for (const same of Map.groupBy(sharing, (p) => normaliseEmail(p.email ?? '')).values()) {
    const [first, ...others] = [...same].sort((a, b) => order.indexOf(a.tenantId) - order.indexOf(b.tenantId));
    if (!first) continue;
    const kept = others.reduce((person, other) => combinePeople(person, other, into.id), {
      ...first,
      tenantId: into.id,
    });
    for (const other of others) {
      people.push({ fromId: other.id, into: kept });
      mergedFrom.set(other.tenantId, (mergedFrom.get(other.tenantId) ?? 0) + 1);
      audit.push(
        entry('person.merged', 'person', kept.id, {
          mergedPersonId: other.id,
          fromTenant: other.tenantId,
          email: kept.email,
        }),
      );
    }
  }
  for (const tenant of from) {
    const peopleMerged = mergedFrom.get(tenant.id) ?? 0;
    audit.push(entry('tenant.merged', 'tenant', tenant.id, { name: tenant.name, into: into.id, peopleMerged }));
  }
  return {
    into: into.id,
    from: from.map((t) => t.id),
    people,
    weeklyHourPrecedence: MERGED_WEEKLY_HOUR_PRECEDENCE,
    audit,
  };
}
