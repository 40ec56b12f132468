import pg from 'pg';
import { newId } from '../../core/src/domain/ids.ts';
import { PostgresStore } from '../../core/src/stores/postgres/index.ts';

/** The key that seals the platforms' tokens, which a server database requires (`STEWARD_SECRET_KEYS`). */
export const TEST_SECRET_KEYS = `test:${Buffer.alloc(32, 7).toString('base64')}`;

/**
 * A database of its own on the server of `TEST_DATABASE_URL`, dropped by `drop`: for suites whose
 * jobs read across tenants, so that other suites' rows stay out.
 */
export async function createTemporaryPostgresDatabase(
  serverUrl: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `steward_${newId().replaceAll('-', '').slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}

/** A store on a temporary database of its own (`createTemporaryPostgresDatabase`). */
export async function openTemporaryPostgresStore(
  serverUrl: string,
): Promise<{ store: PostgresStore; dispose: () => Promise<void> }> {
  const database = await createTemporaryPostgresDatabase(serverUrl);
  const store = await PostgresStore.open({ connectionString: database.url });
  return {
    store,
    dispose: async () => {
      await store.close();
      await database.drop();
    },
  };
}
