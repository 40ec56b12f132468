import { hostname } from 'node:os';
import type { Logger, Scheduler, Store } from '@steward/core';
import { embeddedScheduler, mongoScheduler, postgresScheduler } from '@steward/core/scheduler';
import { openMongoStore } from '@steward/core/stores/mongo';
import { openEmbeddedStore, PostgresStore } from '@steward/core/stores/postgres';
import type { Database } from './config.ts';

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
      const { store, pool } = await openEmbeddedStore(database.dataDir);
      return {
        store,
        embedded: true,
        createScheduler: (logger) => embeddedScheduler(pool, { processName: processName(), logger }),
      };
    }
    case 'postgres': {
      const store = await PostgresStore.open({ connectionString: database.url });
      return {
        store,
        embedded: false,
        createScheduler: (logger) => postgresScheduler(database.url, { processName: processName(), logger }),
      };
    }
    case 'mongodb': {
      const store = await openMongoStore({ uri: database.uri });
      return {
        store,
        embedded: false,
        createScheduler: (logger) => mongoScheduler(database.uri, { processName: processName(), logger }),
      };
    }
  }
}
