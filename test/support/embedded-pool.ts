import type { Queryable } from './database-digest.ts';

/**
 * The one connection of the embedded store a server opened last, for tests that read its tables
 * while it runs. PGlite runs one statement at a time, and a second connection's statements can
 * interleave with the server's (electric-sql/pglite#1046): reads go through the server's own pool.
 * A test file that wants it mocks the store module with `capturingEmbeddedPool`:
 *
 *   vi.mock('../../core/src/stores/postgres/index.ts', async (original) =>
 *     (await import('../support/embedded-pool.ts')).capturingEmbeddedPool(await original()));
 */
const embeddedPool: { current: Queryable | null } = { current: null };

interface OpensEmbeddedStore {
  openEmbeddedStore(dataDir: string, options?: object): Promise<{ pool: Queryable }>;
}

/** The store module, its `openEmbeddedStore` keeping the pool it opens for `currentEmbeddedPool`. */
export function capturingEmbeddedPool<M extends OpensEmbeddedStore>(original: M): M {
  return {
    ...original,
    openEmbeddedStore: async (dataDir: string, options?: object) => {
      const opened = await original.openEmbeddedStore(dataDir, options);
      embeddedPool.current = opened.pool;
      return opened;
    },
  };
}

/** The captured pool; throws when no embedded store was opened through the mock. */
export function currentEmbeddedPool(): Queryable {
  if (!embeddedPool.current) throw new Error('no embedded store was opened through capturingEmbeddedPool');
  return embeddedPool.current;
}
