// Runs PGlite and its socket server on a thread of its own (see embedded.ts).

import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export interface EmbeddedWorkerData {
  readonly dataDir: string;
  readonly maxConnections: number;
}

export type EmbeddedWorkerMessage = { readonly connectionString: string } | { readonly error: string } | 'closed';

const port = parentPort;
if (!port) throw new Error('embedded-worker.ts runs as a worker thread');
const { dataDir, maxConnections } = workerData as EmbeddedWorkerData;

try {
  const db = await PGlite.create({ dataDir });
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections });
  await server.start();
  const [host, listening] = server.getServerConn().split(':');
  port.on('message', async (message: unknown) => {
    if (message !== 'close') return;
    await server.stop();
    await db.close();
    port.postMessage('closed' satisfies EmbeddedWorkerMessage);
  });
  port.postMessage({
    connectionString: `postgres://postgres@${host}:${listening}/postgres?sslmode=disable`,
  } satisfies EmbeddedWorkerMessage);
} catch (error) {
  port.postMessage({ error: error instanceof Error ? error.message : String(error) } satisfies EmbeddedWorkerMessage);
}
