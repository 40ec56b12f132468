import { createConnection } from 'mongoose';
import type { SecretKeyRing } from '../secret-keys.ts';
import { openCollections } from './models.ts';
import { MongoStore } from './mongo-store.ts';

export { MongoStore } from './mongo-store.ts';

export interface MongoStoreOptions {
  /** A MongoDB connection string, e.g. `MONGODB_URI`; the database is the one it names. */
  readonly uri: string;
  /** Seal the platforms' tokens at rest; without, they are stored in clear (tests that hold none). */
  readonly secretKeys?: SecretKeyRing;
}

/**
 * Connects (a connection of its own, never mongoose's global one) and creates the indexes the
 * store's guarantees rest on before anything is written. Works on a standalone server: the store
 * uses no transactions.
 */
export async function openMongoStore(options: MongoStoreOptions): Promise<MongoStore> {
  const connection = createConnection(options.uri);
  try {
    await connection.asPromise();
    return new MongoStore(connection, await openCollections(connection), options.secretKeys ?? null);
  } catch (error) {
    await connection.close();
    throw error;
  }
}
