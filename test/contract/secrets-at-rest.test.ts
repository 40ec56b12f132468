import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../core/src/domain/ids.ts';
import type { Installation } from '../../core/src/ports/store/installations.ts';
import {
  createPool,
  type EmbeddedDatabase,
  openEmbeddedDatabase,
  PostgresStore,
  SecretKeyRing,
} from '../../core/src/stores/postgres/index.ts';
import { aTenant } from '../support/factories.ts';
import { createTemporaryPostgresDatabase } from '../support/temporary-postgres.ts';

// The platforms' tokens never reach the database in clear, and a key is rotated without a token
// lost: on embedded PGlite, and on PostgreSQL when TEST_DATABASE_URL is set.

const serverUrl = process.env['TEST_DATABASE_URL'];
const ring = (...keys: [string, number][]) =>
  new SecretKeyRing(keys.map(([id, fill]) => ({ id, key: Buffer.alloc(32, fill) })));
const TOKEN = 'xoxb-4242-secret-token';

describe.each([['embedded PGlite'], ...(serverUrl ? [['PostgreSQL']] : [])])('Platform tokens at rest (%s)', (kind) => {
  let url: string;
  let dispose: () => Promise<void>;
  let raw: pg.Pool;

  beforeAll(async () => {
    if (kind === 'PostgreSQL') {
      const database = await createTemporaryPostgresDatabase(serverUrl!);
      url = database.url;
      dispose = database.drop;
    } else {
      const dataDir = await mkdtemp(join(tmpdir(), 'steward-secrets-'));
      const database: EmbeddedDatabase = await openEmbeddedDatabase({ dataDir, maxConnections: 4 });
      url = database.connectionString;
      dispose = async () => {
        await database.close();
        await rm(dataDir, { recursive: true, force: true });
      };
    }
    raw = new pg.Pool({ connectionString: url, max: 1 });
  }, 60_000);
  afterAll(async () => {
    await raw?.end();
    await dispose?.();
  });

  // Each store on its own one-connection pool: PGlite serves one statement at a time anyway.
  const openStore = (secretKeys?: SecretKeyRing) =>
    PostgresStore.open({ pool: createPool(url, 1), ...(secretKeys ? { secretKeys } : {}) });
  const storedText = async (workspaceId: string) =>
    (
      await raw.query<{ s: string }>('SELECT secrets::text AS s FROM installations WHERE workspace_id = $1', [
        workspaceId,
      ])
    ).rows[0]?.s;

  async function anInstallation(store: PostgresStore): Promise<Installation> {
    const tenant = aTenant();
    await store.tenants.save(tenant);
    const installation: Installation = {
      platform: 'slack',
      workspaceId: `T${newId().slice(0, 8).toUpperCase()}`,
      tenantId: tenant.id,
      enterpriseInstall: false,
      installedAt: new Date('2026-03-02T09:00:00Z'),
      secrets: { botToken: TOKEN, botUserId: 'U0BOT' },
      revokedAt: null,
    };
    await store.installations.save(installation);
    return installation;
  }

  it('stores a token sealed, so that a dump of the table does not show it, and reads it back', async () => {
    const store = await openStore(ring(['k1', 1]));
    try {
      const installation = await anInstallation(store);
      const text = await storedText(installation.workspaceId);
      expect(text).toMatch(/^\{"sealed": "v1\.k1\./);
      expect(text).not.toContain('xoxb');
      expect((await store.installations.find('slack', installation.workspaceId))?.secrets).toEqual(
        installation.secrets,
      );
      expect((await store.installations.listByTenant(installation.tenantId))[0]?.secrets).toEqual(installation.secrets);
    } finally {
      await store.close();
    }
  });

  it('rotates a key: with the new key first every token still opens, reseal moves them to it, then the old key can go', async () => {
    const before = await openStore(ring(['k1', 1]));
    const installation = await anInstallation(before).finally(() => before.close());

    const rotating = await openStore(ring(['k2', 2], ['k1', 1]));
    try {
      expect((await rotating.installations.find('slack', installation.workspaceId))?.secrets).toEqual(
        installation.secrets,
      );
      expect(await rotating.installations.reseal()).toBeGreaterThanOrEqual(1);
      expect(await storedText(installation.workspaceId)).toMatch(/^\{"sealed": "v1\.k2\./);
      expect(await rotating.installations.reseal()).toBe(0);
    } finally {
      await rotating.close();
    }
    const after = await openStore(ring(['k2', 2]));
    try {
      expect((await after.installations.find('slack', installation.workspaceId))?.secrets).toEqual(
        installation.secrets,
      );
    } finally {
      await after.close();
    }
  });

  it('seals the tokens stored in clear before keys were configured', async () => {
    const clear = await openStore();
    const installation = await anInstallation(clear).finally(() => clear.close());
    expect(await storedText(installation.workspaceId)).toContain(TOKEN);

    const sealing = await openStore(ring(['k3', 3], ['k2', 2], ['k1', 1]));
    try {
      expect(await sealing.installations.reseal()).toBeGreaterThanOrEqual(1);
      expect(await storedText(installation.workspaceId)).not.toContain('xoxb');
      expect((await sealing.installations.find('slack', installation.workspaceId))?.secrets).toEqual(
        installation.secrets,
      );
    } finally {
      await sealing.close();
    }
  });
});
