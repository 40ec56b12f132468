import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Store } from '../../core/src/index.ts';
import { openEmbeddedStore, PostgresStore } from '../../core/src/stores/postgres/index.ts';
import { createTemporaryPostgresDatabase } from './temporary-postgres.ts';

/**
 * A database for one server and the test that reads it after: a temporary PostgreSQL database
 * when `serverUrl` is given (TEST_DATABASE_URL), else an embedded data folder. `env` configures
 * the server; `open` opens the same store for the test; `drop` removes it.
 */
export async function aServerDatabase(serverUrl: string | undefined, prefix: string): Promise<{ env: Record<string, string>; open: () => Promise<Store>; drop: () => Promise<void> }> {
  if (serverUrl) {
    const database = await createTemporaryPostgresDatabase(serverUrl);
    return { env: { DATABASE_URL: database.url }, open: () => PostgresStore.open({ connectionString: database.url }), drop: database.drop };
  }
  const dataDir = await mkdtemp(join(tmpdir(), prefix));
  return {
    env: { STEWARD_DATA_DIR: dataDir },
    open: async () => (await openEmbeddedStore(dataDir)).store,
    drop: () => rm(dataDir, { recursive: true, force: true }),
  };
}
