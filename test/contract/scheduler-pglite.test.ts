import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { embeddedScheduler } from '../../core/src/scheduler/index.ts';
import { openEmbeddedStore } from '../../core/src/stores/postgres/index.ts';
import { SCHEDULER_POLL_MS, schedulerContract } from './scheduler/index.ts';

schedulerContract('embedded PGlite', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'steward-scheduler-'));
  const { store, pool } = await openEmbeddedStore(dataDir);
  return {
    kind: 'pglite',
    // Every scheduler shares the store's one connection, as the embedded server's do.
    scheduler: (options) => embeddedScheduler(pool, { ...options, pollInterval: SCHEDULER_POLL_MS }),
    dispose: async () => {
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
});
