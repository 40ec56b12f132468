import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEmbeddedStore, type PostgresStore } from '../../core/src/stores/postgres/index.ts';

/** A fresh embedded store in a temporary folder, removed again by `dispose`. */
export async function openTemporaryEmbeddedStore(): Promise<{
  store: PostgresStore;
  connectionString: string;
  dispose: () => Promise<void>;
}> {
  const dataDir = await mkdtemp(join(tmpdir(), 'steward-test-'));
  const { store, connectionString } = await openEmbeddedStore(dataDir);
  return {
    store,
    connectionString,
    dispose: async () => {
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
