import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dumpDatabase } from '../support/database-dump.ts';
import { groupFigures, seedPersonToErase } from '../support/privacy-scenario.ts';
import { aServerDatabase, type ServerDatabase } from '../support/server-database.ts';
import { ROOT } from '../support/server-process.ts';

const NODE = join(ROOT, 'node_modules/.bin/node');

/** Runs `steward …` on the database as an administrator would; its exit code and standard output. */
function steward(
  database: ServerDatabase,
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      NODE,
      ['apps/server/src/cli/main.ts', ...args],
      { cwd: ROOT, env: { ...process.env, ...database.env } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

// PostgreSQL when TEST_DATABASE_URL is set (pg_dump of its database), else embedded PGlite (every row of every table).
// Each command opens the database as a process of its own: on a loaded machine the embedded one takes a minute.
describe('steward export person / erase person', () => {
  let database: ServerDatabase;
  let seeded: Awaited<ReturnType<typeof seedPersonToErase>>;
  let before: unknown;

  beforeAll(async () => {
    database = await aServerDatabase('steward-privacy-');
    const store = await database.openStore();
    seeded = await seedPersonToErase(store);
    before = await groupFigures(store, seeded.tenant.id, seeded.group.id);
    await store.close();
  }, 300_000);
  afterAll(async () => {
    await database.drop();
  });

  it('exports the person as JSON, refuses an erasure without --yes, erases with it; a dump then holds nothing of hers while the group figures are equal', async () => {
    const { patricia, tenant, group } = seeded;
    const exported = await steward(database, 'export', 'person', patricia.email!);
    expect(exported.code).toBe(0);
    const json = JSON.parse(exported.stdout) as {
      person: { email: string; identities: unknown[] };
      records: Record<string, unknown[]>;
    };
    expect(json.person.email).toBe(patricia.email);
    expect(json.person.identities).toHaveLength(2);
    expect(json.records['memberships']).toHaveLength(1);

    const unconfirmed = await steward(database, 'erase', 'person', patricia.email!);
    expect(unconfirmed.code).toBe(2);

    const erased = await steward(database, 'erase', 'person', patricia.email!, '--yes');
    expect(erased.code).toBe(0);
    expect(JSON.parse(erased.stdout)).toMatchObject({ erased: true });

    const dump = await dumpDatabase(database.env);
    const hers = [
      patricia.email!,
      patricia.displayName,
      ...patricia.identities.map((i) => i.userId),
      'let me in',
      'words for',
    ];
    for (const value of hers) expect(dump, value).not.toContain(value);
    expect(dump).toContain('person.erased');

    const store = await database.openStore();
    try {
      expect(await groupFigures(store, tenant.id, group.id)).toEqual(before);
    } finally {
      await store.close();
    }
    expect((await steward(database, 'export', 'person', patricia.email!)).code).toBe(1);
  }, 900_000);

  it('shows and sets how long a tenant keeps raw events, refusing a retention out of bounds', async () => {
    const { tenant } = seeded;
    const set = await steward(database, 'retention', '--tenant', tenant.id, '--months', '6');
    expect(set.code).toBe(0);
    expect(JSON.parse(set.stdout)).toEqual({ tenantId: tenant.id, months: 6 });
    expect((await steward(database, 'retention', '--tenant', tenant.id, '--months', '0')).code).toBe(2);
    expect((await steward(database, 'retention', '--months', '6')).code).toBe(2);
  }, 600_000);
});
