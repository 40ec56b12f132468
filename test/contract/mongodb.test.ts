import { MongoMemoryServer } from 'mongodb-memory-server-core';
import { describe } from 'vitest';
import { openMongoStore } from '../../core/src/stores/mongo/index.ts';
import { missingMongod } from '../support/mongod.ts';
import { contractSecretKeys } from './store/context.ts';
import { type OpenedStore, storeContract } from './store/index.ts';

async function open(): Promise<OpenedStore> {
  const server = await MongoMemoryServer.create();
  try {
    const store = await openMongoStore({ uri: server.getUri(), secretKeys: contractSecretKeys() });
    return {
      store,
      dispose: async () => {
        await store.close();
        await server.stop();
      },
    };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

const missing = await missingMongod();
if (missing === null) {
  storeContract('MongoDB', open);
} else {
  console.error(
    `MongoDB contract suite SKIPPED: no mongod could be obtained (${missing}); set MONGOMS_SYSTEM_BINARY to run it`,
  );
  describe.skip(`Store contract: MongoDB (skipped: ${missing})`, () => storeContract('MongoDB', open));
}
