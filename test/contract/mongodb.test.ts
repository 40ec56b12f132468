import { MongoBinary, MongoMemoryServer, errors } from 'mongodb-memory-server-core';
import { describe } from 'vitest';
import { openMongoStore } from '../../core/src/stores/mongo/index.ts';
import { contractSecretKeys } from './store/context.ts';
import { storeContract, type OpenedStore } from './store/index.ts';

// The suite needs a mongod: the one MONGOMS_SYSTEM_BINARY names, one already downloaded, or one
// downloaded now. Where none can be had (no network), it says so and is reported skipped, by name.
const OBTAIN_TIMEOUT_MS = 20_000;

/** Why no mongod can be had here, or null when one can. */
async function missingMongod(): Promise<string | null> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<string>((resolve) => {
    timer = setTimeout(
      () => resolve(`no mongod found, nor downloaded within ${OBTAIN_TIMEOUT_MS / 1000} s`),
      OBTAIN_TIMEOUT_MS,
    );
  });
  try {
    return await Promise.race([MongoBinary.getPath().then(() => null), timedOut]);
  } catch (error) {
    if (error instanceof errors.DownloadError) return `download of ${error.url} failed: ${error.msg}`;
    return error instanceof Error ? error.message : String(error);
  } finally {
    clearTimeout(timer);
  }
}

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
  const reason = missing.replace(/\s+/g, ' ').trim();
  console.error(
    `MongoDB contract suite SKIPPED: no mongod could be obtained (${reason}); set MONGOMS_SYSTEM_BINARY to run it`,
  );
  describe.skip(`Store contract: MongoDB (skipped: ${reason})`, () => storeContract('MongoDB', open));
}
