import {
  applyConfiguredRoles,
  applyConfiguredRolesIn,
  normaliseEmail,
  type Person,
  ROLES,
  type RoleGrant,
  type Store,
} from '@steward/core';
import { EXIT, type RegisterCommand } from '../command.ts';
import type { CliContext } from '../context.ts';
import { table, when } from '../table.ts';
import { tenantsOf } from '../tenants.ts';

interface RolesOptions {
  readonly tenant?: string;
  readonly apply?: boolean;
  readonly json?: boolean;
}

/** One holder of a role: a grant (perhaps for someone not met yet), a person holding it, or both. */
interface RoleHolder {
  readonly role: string;
  readonly email: string | null;
  readonly person: { readonly id: string; readonly name: string } | null;
  readonly source: string | null;
  readonly grantedAt: Date | null;
}

export const registerRoles: RegisterCommand = (program, run) => {
  program
    .command('roles')
    .description(
      'list who holds which role (administrator, community manager) in each tenant; --apply grants and revokes what STEWARD_ADMINISTRATORS and STEWARD_COMMUNITY_MANAGERS now say (audited)',
    )
    .option('--tenant <id>', 'only this tenant')
    .option('--apply', 'apply the configured roles now, as a start does')
    .option('--json', 'print JSON')
    .action(run<RolesOptions>(roles));
};

async function roles(context: CliContext, options: RolesOptions) {
  const tenants = await tenantsOf(context.store, options.tenant);
  const applied = options.apply
    ? await (options.tenant ? applyConfiguredRolesIn(context.deps, options.tenant) : applyConfiguredRoles(context.deps))
    : null;
  const listed = await Promise.all(
    tenants.map(async (tenant) => ({ tenant, holders: await roleHolders(context.store, tenant.id) })),
  );
  if (options.json) {
    const tenantsListed = listed.map(({ tenant, holders }) => ({ tenantId: tenant.id, tenant: tenant.name, holders }));
    context.print(JSON.stringify(applied ? { applied, tenants: tenantsListed } : tenantsListed, null, 2));
    return EXIT.ok;
  }
  if (applied) context.print(`Configured roles applied: ${applied.granted} granted, ${applied.revoked} revoked.`);
  for (const { tenant, holders } of listed) {
    context.print(`${tenant.name} (${tenant.id})`);
    if (holders.length === 0) context.print('  nobody holds a role');
    const rows = holders.map((h) => [
      h.role,
      h.email ?? '—',
      h.person?.name ?? '(not met yet)',
      h.source ?? 'by hand',
      when(h.grantedAt),
    ]);
    for (const line of table(rows, '  ')) context.print(line);
  }
  return EXIT.ok;
}

/** The grants of a tenant beside the people holding each role, one line per e-mail and role. */
async function roleHolders(store: Store, tenantId: string): Promise<RoleHolder[]> {
  const grants = await store.roleGrants.list(tenantId);
  const holders: RoleHolder[] = [];
  for (const role of ROLES) {
    const people = await store.people.listWithRole(tenantId, role);
    const byEmail = new Map(people.flatMap((p) => (p.email ? [[normaliseEmail(p.email), p] as const] : [])));
    const granted = grants.filter((g) => g.role === role);
    for (const grant of granted) holders.push(holder(role, grant, byEmail.get(grant.email) ?? null));
    const grantedEmails = new Set(granted.map((g) => g.email));
    for (const person of people) {
      if (!person.email || !grantedEmails.has(normaliseEmail(person.email))) holders.push(holder(role, null, person));
    }
  }
  return holders;
}

function holder(role: string, grant: RoleGrant | null, person: Person | null): RoleHolder {
  return {
    role,
    email: grant?.email ?? person?.email ?? null,
    person: person ? { id: person.id, name: person.displayName } : null,
    source: grant?.source ?? null,
    grantedAt: grant?.grantedAt ?? null,
  };
}
