import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { Logger, Scheduler, Store } from '@steward/core';
import { embeddedScheduler, mongoScheduler, postgresScheduler } from '@steward/core/scheduler';
import { openMongoStore } from '@steward/core/stores/mongo';
import { openEmbeddedStore, PostgresStore, SecretKeyRing } from '@steward/core/stores/postgres';
import type { Database, SecretKey } from './config.ts';

export interface OpenedDatabase {
  readonly store: Store;
  readonly embedded: boolean;
  /** A scheduler whose jobs live in the same database as the store. */
  createScheduler(logger: Logger): Promise<Scheduler>;
}

const processName = () => `${hostname()}:${process.pid}`;

/** Opens the configured store (migrated and ready) and says how to schedule on the same database. */
export async function openDatabase(database: Database): Promise<OpenedDatabase> {
  switch (database.kind) {
    case 'embedded': {
      const secretKeys = new SecretKeyRing(database.secretKeys ?? (await dataFolderKey(database.dataDir)));
      const { store, pool } = await openEmbeddedStore(database.dataDir, { secretKeys });
      return {
        store,
        embedded: true,
        createScheduler: (logger) => embeddedScheduler(pool, { processName: processName(), logger }),
      };
    }
    case 'postgres': {
      const store = await PostgresStore.open({
        connectionString: database.url,
        secretKeys: new SecretKeyRing(database.secretKeys),
      });
      return {
        store,
        embedded: false,
        createScheduler: (logger) => postgresScheduler(database.url, { processName: processName(), logger }),
      };
    }
    case 'mongodb': {
      const store = await openMongoStore({ uri: database.uri, secretKeys: new SecretKeyRing(database.secretKeys) });
      return {
        store,
        embedded: false,
        createScheduler: (logger) => mongoScheduler(database.uri, { processName: processName(), logger }),
      };
    }
  }
}

/**
 * The embedded store's own key when none is configured, kept beside its data (readable by this
 * user only), so that the demo starts with no setup and its tokens are still not stored in clear.
 */
async function dataFolderKey(dataDir: string): Promise<SecretKey[]> {
  const file = join(dataDir, 'secret-key');
  await mkdir(dataDir, { recursive: true });
  const fresh = SecretKeyRing.generateKey('local').key.toString('base64');
  // `wx`: a key once written is never replaced (of two processes starting at once, one writes it).
  await writeFile(file, `${fresh}\n`, { mode: 0o600, flag: 'wx' }).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') throw error;
  });
  return [{ id: 'local', key: Buffer.from((await readFile(file, 'utf8')).trim(), 'base64') }];
}
