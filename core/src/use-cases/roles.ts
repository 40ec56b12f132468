import { newId } from '../domain/ids.ts';
import { NO_ORGANISATION, type RoleSource } from '../domain/organisation.ts';
import { normaliseEmail, type Person, ROLES, type Role } from '../domain/person.ts';
import type { CoreDeps } from './deps.ts';

const CONFIGURATION: RoleSource = 'configuration';

export interface RoleChanges {
  /** Grants made, and roles given to people who lacked them. */
  readonly granted: number;
  readonly revoked: number;
}

/**
 * The roles the configuration names, in every tenant of the deployment: a self-hosted deployment
 * serves one company, so its community managers and administrators are the same whichever
 * workspace (or organisation) people are met in. Run at every start and for each new tenant.
 */
export async function applyConfiguredRoles(deps: CoreDeps): Promise<RoleChanges> {
  let granted = 0;
  let revoked = 0;
  for (const tenant of await deps.store.tenants.list()) {
    const changes = await applyConfiguredRolesIn(deps, tenant.id);
    granted += changes.granted;
    revoked += changes.revoked;
  }
  return { granted, revoked };
}

/**
 * Grants each configured e-mail its role (now if the person exists, else when they first appear)
 * and takes back what the configuration granted to e-mails it no longer names. A role the
 * configuration gave is the configuration's: taking the e-mail out takes the role away, even from
 * someone who also held it before. Roles given another way (none so far) are left alone.
 */
export async function applyConfiguredRolesIn(deps: CoreDeps, tenantId: string): Promise<RoleChanges> {
  const { store, clock } = deps;
  const roles = (deps.organisation ?? NO_ORGANISATION).roles;
  const wanted = ROLES.flatMap((role) => roles[role].map((email) => ({ email: normaliseEmail(email), role })));
  const held = (await store.roleGrants.list(tenantId)).filter((grant) => grant.source === CONFIGURATION);
  const stale = held.filter((grant) => !wanted.some((w) => w.email === grant.email && w.role === grant.role));
  for (const grant of stale) {
    await store.roleGrants.revoke(tenantId, grant.email, grant.role, CONFIGURATION);
    await takeRole(deps, tenantId, grant.email, grant.role);
  }
  let granted = 0;
  for (const { email, role } of wanted) {
    const isNew = await store.roleGrants.grant({
      tenantId,
      email,
      role,
      source: CONFIGURATION,
      grantedAt: clock.now(),
    });
    if (await giveRole(deps, tenantId, email, role, isNew)) granted += 1;
  }
  return { granted, revoked: stale.length };
}

/** The roles granted to a newly met person's e-mail before they appeared; the person as they now are. */
export async function applyRoleGrants(deps: CoreDeps, person: Person): Promise<Person> {
  if (!person.email) return person;
  const email = normaliseEmail(person.email);
  const grants = await deps.store.roleGrants.listForEmail(person.tenantId, email);
  const missing = grants.filter((grant) => !person.roles.includes(grant.role));
  if (missing.length === 0) return person;
  const granted = { ...person, roles: [...new Set([...person.roles, ...missing.map((grant) => grant.role)])] };
  await deps.store.people.save(granted);
  for (const grant of missing)
    await audit(deps, 'role.granted', person.tenantId, granted, email, grant.role, grant.source);
  return granted;
}

/** Audited when the grant is new or the person gains the role by it; true then. */
async function giveRole(deps: CoreDeps, tenantId: string, email: string, role: Role, isNew: boolean): Promise<boolean> {
  const person = await deps.store.people.findByEmail(tenantId, email);
  const gains = person !== null && !person.roles.includes(role);
  if (person && gains) await deps.store.people.save({ ...person, roles: [...person.roles, role] });
  if (isNew || gains) await audit(deps, 'role.granted', tenantId, person, email, role, CONFIGURATION);
  return isNew || gains;
}

async function takeRole(deps: CoreDeps, tenantId: string, email: string, role: Role): Promise<void> {
  const person = await deps.store.people.findByEmail(tenantId, email);
  const stillGranted = (await deps.store.roleGrants.listForEmail(tenantId, email)).some((grant) => grant.role === role);
  if (person && !stillGranted && person.roles.includes(role)) {
    await deps.store.people.save({ ...person, roles: person.roles.filter((r) => r !== role) });
  }
  await audit(deps, 'role.revoked', tenantId, person, email, role, CONFIGURATION);
}

/** About the person when there is one, else about the e-mail still waiting for them. */
async function audit(
  deps: CoreDeps,
  action: 'role.granted' | 'role.revoked',
  tenantId: string,
  person: Person | null,
  email: string,
  role: Role,
  source: RoleSource,
): Promise<void> {
  await deps.store.audit.append({
    id: newId(),
    tenantId,
    at: deps.clock.now(),
    actorId: null,
    action,
    subjectKind: person ? 'person' : 'email',
    subjectId: person ? person.id : email,
    details: { role, source, email },
  });
}
