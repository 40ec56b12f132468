import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Store } from '../../core/src/ports/store/index.ts';
import { openEmbeddedStore, PostgresStore } from '../../core/src/stores/postgres/index.ts';
import { createTemporaryPostgresDatabase, TEST_SECRET_KEYS } from './temporary-postgres.ts';

export interface ServerDatabase {
  /** What the server's configuration says of it (DATABASE_URL or STEWARD_DATA_DIR). */
  readonly env: Readonly<Record<string, string>>;
  /** Opens its store from the test, while the server is stopped (an embedded folder has one user at a time). */
  readonly openStore: () => Promise<Store>;
  readonly drop: () => Promise<void>;
}

/** Opens the database's store, uses it, and closes it again (the server or command is not running meanwhile). */
export async function withStoreOf<T>(database: ServerDatabase, use: (store: Store) => Promise<T>): Promise<T> {
  const store = await database.openStore();
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}

/**
 * Where an end-to-end test's server keeps its data: a temporary PostgreSQL database when
 * TEST_DATABASE_URL is set, else an embedded data folder named from `prefix`.
 */
export async function aServerDatabase(prefix: string): Promise<ServerDatabase> {
  const serverUrl = process.env['TEST_DATABASE_URL'];
  if (serverUrl) {
    const database = await createTemporaryPostgresDatabase(serverUrl);
    return {
      env: { DATABASE_URL: database.url, STEWARD_SECRET_KEYS: TEST_SECRET_KEYS },
      openStore: () => PostgresStore.open({ connectionString: database.url }),
      drop: database.drop,
    };
  }
  const dataDir = await mkdtemp(join(tmpdir(), prefix));
  return {
    env: { STEWARD_DATA_DIR: dataDir },
    openStore: async () => (await openEmbeddedStore(dataDir)).store,
    drop: () => rm(dataDir, { recursive: true, force: true }),
  };
}
