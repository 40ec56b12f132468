import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEmbeddedStore } from '../../core/src/stores/postgres/index.ts';
import { contractSecretKeys } from './store/context.ts';
import { storeContract } from './store/index.ts';

storeContract('embedded PGlite', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'steward-pglite-'));
  const { store } = await openEmbeddedStore(dataDir, { secretKeys: contractSecretKeys() });
  return {
    store,
    dispose: async () => {
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
});
