import pg from 'pg';
import { newId } from '../../core/src/domain/ids.ts';
import { PostgresStore } from '../../core/src/stores/postgres/index.ts';

/**
 * A store on a database of its own, created on the server of `TEST_DATABASE_URL` and dropped by
 * `dispose`: for suites whose jobs read across tenants, so that other suites' rows stay out.
 */
export async function openTemporaryPostgresStore(serverUrl: string): Promise<{ store: PostgresStore; url: string; dispose: () => Promise<void> }> {
  const name = `steward_${newId().replaceAll('-', '').slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const store = await PostgresStore.open({ connectionString: url.toString() });
  return {
    store,
    url: url.toString(),
    dispose: async () => {
      await store.close();
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}
