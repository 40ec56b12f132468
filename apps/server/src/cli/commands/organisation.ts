import { applyOrganisationSettings, type Installation, organisationTenants } from '@steward/core';
import { EXIT, type RegisterCommand } from '../command.ts';
import type { CliContext } from '../context.ts';
import { table, when } from '../table.ts';

interface OrganisationOptions {
  readonly apply?: boolean;
  readonly json?: boolean;
}

export const registerOrganisation: RegisterCommand = (program, run) => {
  program
    .command('organisation')
    .description(
      'show the tenants and which of them STEWARD_WORKSPACES makes one organisation; --apply merges them now, as a start does',
    )
    .option('--apply', 'merge the configured workspaces’ tenants now (audited)')
    .option('--json', 'print JSON')
    .action(run<OrganisationOptions>(organisation));
};

async function organisation(context: CliContext, options: OrganisationOptions) {
  const { deps, store, config } = context;
  const applied = options.apply ? await applyOrganisationSettings(deps) : null;
  if (applied) {
    if (!applied.organisation.ok) {
      context.print(
        `Not merged: ${applied.organisation.detail}. Run it again: a merge that met new people is planned anew.`,
      );
      return EXIT.problems;
    }
    const { tenantId, merged, peopleMerged } = applied.organisation.value;
    if (!options.json)
      context.print(
        `Organisation ${tenantId ?? '(none installed yet)'}: ${merged.length} tenants merged into it, ${peopleMerged} people merged; roles ${applied.roles.granted} granted, ${applied.roles.revoked} revoked.`,
      );
  }
  const tenants = await store.tenants.list();
  const installations = new Map(
    await Promise.all(tenants.map(async (t) => [t.id, await store.installations.listByTenant(t.id)] as const)),
  );
  const [into, ...from] = await organisationTenants(deps, config.organisation);
  const plan = {
    organisation: config.organisation.name,
    workspaces: config.organisation.workspaces,
    into: into?.id ?? null,
    wouldMerge: from.map((t) => t.id),
  };
  if (options.json) {
    const listed = tenants.map((t) => ({
      id: t.id,
      name: t.name,
      createdAt: t.createdAt,
      workspaces: (installations.get(t.id) ?? []).map(workspaceOf),
    }));
    const merge = applied?.organisation.ok ? { applied: { ...applied.organisation.value, roles: applied.roles } } : {};
    context.print(JSON.stringify({ tenants: listed, ...plan, ...merge }, null, 2));
    return EXIT.ok;
  }
  context.print('Tenants:');
  const rows = tenants.map((t) => [
    t.id,
    t.name,
    when(t.createdAt),
    (installations.get(t.id) ?? []).map(workspaceOf).join(', ') || 'no installation',
  ]);
  for (const line of table(rows, '  ')) context.print(line);
  if (config.organisation.workspaces.length === 0) {
    context.print('STEWARD_WORKSPACES is not set: each installation is a tenant of its own.');
  } else if (!into) {
    context.print('None of the STEWARD_WORKSPACES is installed yet.');
  } else if (from.length === 0) {
    context.print(`STEWARD_WORKSPACES: one organisation, tenant ${into.id}; nothing to merge.`);
  } else {
    context.print(
      `STEWARD_WORKSPACES would merge ${from.map((t) => t.id).join(', ')} into ${into.id} (steward organisation --apply does it now).`,
    );
  }
  return EXIT.ok;
}

const workspaceOf = (installation: Installation) =>
  `${installation.platform}:${installation.workspaceId}${installation.revokedAt ? ' (removed)' : ''}`;
