import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { steward } from '../support/cli-process.ts';
import { anInstallation, aPerson, aTenant } from '../support/factories.ts';
import { aServerDatabase, type ServerDatabase } from '../support/server-database.ts';

const ENTRA = '72f988bf-86f1-41af-91ab-2d7cd011db47';

describe('steward: usage and configuration', { timeout: 120_000 }, () => {
  it('--help lists the commands and exits 0', async () => {
    const run = await steward(['--help'], {});
    expect(run.code).toBe(0);
    for (const command of ['roles', 'organisation', 'outbox', 'doctor'])
      expect(run.stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
  });

  it('an unknown command or a missing option value is bad usage: exit 2, one message, no stack', async () => {
    const unknown = await steward(['rolez'], {});
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown command 'rolez'");
    const missing = await steward(['roles', '--tenant'], {});
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("option '--tenant <id>' argument missing");
    expect(missing.stderr).not.toMatch(/\n\s+at /);
  });

  it('a bad configuration names the setting and exits 2 before touching any database', async () => {
    const run = await steward(['roles'], { DATABASE_URL: 'mysql://nope' });
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toMatch(/^Configuration error: DATABASE_URL must be a PostgreSQL URL/);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('steward roles', { timeout: 240_000 }, () => {
  let database: ServerDatabase;
  const tenant = aTenant({ name: 'Roles Co' });
  const ana = aPerson(tenant.id, { displayName: 'Ana Admin', email: 'ana@roles.example', roles: ['administrator'] });

  beforeAll(async () => {
    database = await aServerDatabase('steward-cli-roles-');
    const store = await database.openStore();
    try {
      await store.tenants.save(tenant);
      await store.people.save(ana);
      await store.roleGrants.grant({
        tenantId: tenant.id,
        email: 'ana@roles.example',
        role: 'administrator',
        source: 'configuration',
        grantedAt: new Date('2026-03-01T10:00:00Z'),
      });
      await store.roleGrants.grant({
        tenantId: tenant.id,
        email: 'ben@roles.example',
        role: 'community_manager',
        source: 'configuration',
        grantedAt: new Date('2026-03-02T10:00:00Z'),
      });
    } finally {
      await store.close();
    }
  });
  afterAll(() => database.drop());

  it('lists each role holder: the person met, and the e-mail granted before they appear', async () => {
    const run = await steward(['roles', '--tenant', tenant.id, '--json'], database.env);
    expect(run.code, run.stderr).toBe(0);
    const [listed] = JSON.parse(run.stdout) as [{ tenantId: string; holders: unknown[] }];
    expect(listed.tenantId).toBe(tenant.id);
    expect(listed.holders).toEqual(
      expect.arrayContaining([
        {
          role: 'administrator',
          email: 'ana@roles.example',
          person: { id: ana.id, name: 'Ana Admin' },
          source: 'configuration',
          grantedAt: '2026-03-01T10:00:00.000Z',
        },
        {
          role: 'community_manager',
          email: 'ben@roles.example',
          person: null,
          source: 'configuration',
          grantedAt: '2026-03-02T10:00:00.000Z',
        },
      ]),
    );
  });

  it('prints one aligned line per holder for a person', async () => {
    const run = await steward(['roles', '--tenant', tenant.id], database.env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`Roles Co (${tenant.id})`);
    expect(run.stdout).toMatch(/administrator\s+ana@roles\.example\s+Ana Admin\s+configuration\s+2026-03-01 10:00 UTC/);
    expect(run.stdout).toMatch(/community_manager\s+ben@roles\.example\s+\(not met yet\)/);
  });

  it('an unknown tenant is bad usage', async () => {
    const run = await steward(['roles', '--tenant', 'no-such-tenant'], database.env);
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe('steward: no tenant no-such-tenant (steward organisation lists them)');
  });

  it('--apply grants what the configuration now names, audited, and keeps what it still names', async () => {
    const env = {
      ...database.env,
      STEWARD_ADMINISTRATORS: 'ana@roles.example',
      STEWARD_COMMUNITY_MANAGERS: 'ben@roles.example,cleo@roles.example',
    };
    const run = await steward(['roles', '--apply', '--tenant', tenant.id, '--json'], env);
    expect(run.code, run.stderr).toBe(0);
    const printed = JSON.parse(run.stdout) as { applied: { granted: number; revoked: number } };
    expect(printed.applied.revoked).toBe(0);
    expect(printed.applied.granted).toBeGreaterThanOrEqual(1);
    const store = await database.openStore();
    try {
      expect((await store.roleGrants.listForEmail(tenant.id, 'cleo@roles.example')).map((g) => g.role)).toEqual([
        'community_manager',
      ]);
      expect((await store.roleGrants.listForEmail(tenant.id, 'ana@roles.example')).map((g) => g.role)).toEqual([
        'administrator',
      ]);
      const audited = await store.audit.list(tenant.id, { limit: 50 });
      expect(audited).toEqual(
        expect.arrayContaining([expect.objectContaining({ action: 'role.granted', subjectId: 'cleo@roles.example' })]),
      );
    } finally {
      await store.close();
    }
  });
});

describe('steward organisation', { timeout: 240_000 }, () => {
  const databases: ServerDatabase[] = [];
  afterAll(() => Promise.all(databases.map((database) => database.drop())));

  /** Two tenants, one per platform, that STEWARD_WORKSPACES names as one organisation. */
  async function twoTenants() {
    const database = await aServerDatabase('steward-cli-organisation-');
    databases.push(database);
    const first = aTenant({ name: 'Slack side', createdAt: new Date('2026-01-01T00:00:00Z') });
    const second = aTenant({ name: 'Teams side', createdAt: new Date('2026-02-01T00:00:00Z') });
    const store = await database.openStore();
    try {
      for (const [tenant, platform, workspaceId] of [
        [first, 'slack', 'T0ACME'],
        [second, 'teams', ENTRA],
      ] as const) {
        await store.tenants.save(tenant);
        await store.installations.save(anInstallation(tenant.id, platform, workspaceId, tenant.createdAt));
      }
    } finally {
      await store.close();
    }
    const env = {
      ...database.env,
      STEWARD_WORKSPACES: `slack:T0ACME,teams:${ENTRA}`,
      STEWARD_ORGANISATION_NAME: 'Acme',
    };
    return { database, first, second, env };
  }

  it('shows the tenants, their workspaces, and what STEWARD_WORKSPACES would merge, changing nothing', async () => {
    const { database, first, second, env } = await twoTenants();
    const run = await steward(['organisation'], env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`${first.id}\\s+Slack side\\s+2026-01-01 00:00 UTC\\s+slack:T0ACME`));
    expect(run.stdout).toContain(`STEWARD_WORKSPACES would merge ${second.id} into ${first.id}`);
    const store = await database.openStore();
    try {
      expect((await store.tenants.list()).map((t) => t.id).sort()).toEqual([first.id, second.id].sort());
    } finally {
      await store.close();
    }
  });

  it('--apply merges them into the oldest tenant, named as configured', async () => {
    const { first, second, env } = await twoTenants();
    const run = await steward(['organisation', '--apply', '--json'], env);
    expect(run.code, run.stderr).toBe(0);
    const printed = JSON.parse(run.stdout) as {
      tenants: { id: string; name: string }[];
      wouldMerge: string[];
      applied: { tenantId: string; merged: string[] };
    };
    expect(printed.applied).toMatchObject({ tenantId: first.id, merged: [second.id] });
    expect(printed.tenants).toEqual([expect.objectContaining({ id: first.id, name: 'Acme' })]);
    expect(printed.wouldMerge).toEqual([]);
  });
});
