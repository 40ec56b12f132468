import { openEmbeddedDatabase } from './embedded.ts';
import { PostgresStore } from './postgres-store.ts';

export { PostgresStore } from './postgres-store.ts';
export { openEmbeddedDatabase, type EmbeddedDatabase } from './embedded.ts';

/** Connections each pool may open; the embedded server accepts the store's and the scheduler's. */
const EMBEDDED_POOL = 4;

/** The zero-setup store: PGlite in `dataDir`, created and migrated on first use. */
export async function openEmbeddedStore(dataDir: string): Promise<{ store: PostgresStore; connectionString: string }> {
  const database = await openEmbeddedDatabase({ dataDir, maxConnections: EMBEDDED_POOL * 3 });
  try {
    const store = await PostgresStore.open({
      connectionString: database.connectionString,
      maxConnections: EMBEDDED_POOL,
      kind: 'pglite',
      onClose: () => database.close(),
    });
    return { store, connectionString: database.connectionString };
  } catch (error) {
    await database.close();
    throw error;
  }
}
