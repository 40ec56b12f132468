import type pg from 'pg';
import type { SecretKeyRing } from '../secret-keys.ts';
import { openEmbeddedDatabase } from './embedded.ts';
import { PostgresStore } from './postgres-store.ts';
import { createPool } from './sql.ts';

export { type SecretKey, SecretKeyRing } from '../secret-keys.ts';
export { type EmbeddedDatabase, openEmbeddedDatabase } from './embedded.ts';
export { PostgresStore } from './postgres-store.ts';
export { createPool } from './sql.ts';

/** Room for an operator's psql or a benchmark beside the process's own connection. */
const EMBEDDED_MAX_CONNECTIONS = 8;

/**
 * The zero-setup store: PGlite in `dataDir`, created and migrated on first use.
 *
 * The process reaches it through one connection, shared by the store and the scheduler (`pool`).
 * PGlite runs one statement at a time anyway, so more connections would add no throughput, and
 * pglite-socket can bind one connection's large parameters to another connection's statement when
 * both send at once (electric-sql/pglite#1046). Queries queue in the pool instead.
 */
export async function openEmbeddedStore(
  dataDir: string,
  options: { readonly secretKeys?: SecretKeyRing } = {},
): Promise<{ store: PostgresStore; pool: pg.Pool; connectionString: string }> {
  const database = await openEmbeddedDatabase({ dataDir, maxConnections: EMBEDDED_MAX_CONNECTIONS });
  try {
    const pool = createPool(database.connectionString, 1);
    const store = await PostgresStore.open({ pool, kind: 'pglite', onClose: () => database.close(), ...options });
    return { store, pool, connectionString: database.connectionString };
  } catch (error) {
    await database.close();
    throw error;
  }
}
