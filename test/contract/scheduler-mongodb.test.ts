import { MongoMemoryServer } from 'mongodb-memory-server-core';
import { describe } from 'vitest';
import { mongoScheduler } from '../../core/src/scheduler/index.ts';
import { missingMongod } from '../support/mongod.ts';
import { SCHEDULER_POLL_MS, type SchedulerDatabase, schedulerContract } from './scheduler/index.ts';

async function open(): Promise<SchedulerDatabase> {
  const server = await MongoMemoryServer.create();
  return {
    kind: 'mongodb',
    scheduler: (options) =>
      mongoScheduler(server.getUri('steward-scheduler'), { ...options, pollInterval: SCHEDULER_POLL_MS }),
    dispose: async () => {
      await server.stop();
    },
  };
}

const missing = await missingMongod();
if (missing === null) {
  schedulerContract('MongoDB', open);
} else {
  console.error(
    `MongoDB scheduler contract SKIPPED: no mongod could be obtained (${missing}); set MONGOMS_SYSTEM_BINARY to run it`,
  );
  describe.skip(`Scheduler contract: MongoDB (skipped: ${missing})`, () => schedulerContract('MongoDB', open));
}
