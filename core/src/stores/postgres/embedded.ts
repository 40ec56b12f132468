import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export interface EmbeddedDatabase {
  /** A PostgreSQL connection string for `pg` (the store and the scheduler both use it). */
  readonly connectionString: string;
  close(): Promise<void>;
}

/**
 * PGlite in `dataDir`, served on a loopback port so that the store and agenda reach it through
 * `pg` like any PostgreSQL server. PGlite has one session: the socket server runs one message at a
 * time and, while a connection is inside a transaction, only that connection's messages, so
 * transactions of several connections are serialised (and must stay short).
 */
export async function openEmbeddedDatabase(options: {
  dataDir: string;
  maxConnections: number;
}): Promise<EmbeddedDatabase> {
  const db = await PGlite.create({ dataDir: options.dataDir });
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: options.maxConnections });
  try {
    await server.start();
  } catch (error) {
    await db.close();
    throw error;
  }
  const [host, port] = server.getServerConn().split(':');
  return {
    connectionString: `postgres://postgres@${host}:${port}/postgres?sslmode=disable`,
    async close() {
      await server.stop();
      await db.close();
    },
  };
}
