import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import type { EmbeddedWorkerData, EmbeddedWorkerMessage } from './embedded-worker.ts';

export interface EmbeddedDatabase {
  /** A PostgreSQL connection string for `pg` (the store and the scheduler both use it). */
  readonly connectionString: string;
  close(): Promise<void>;
}

/**
 * PGlite in `dataDir`, served on a loopback port so that the store and agenda reach it through
 * `pg` like any PostgreSQL server. It runs on a worker thread: PGlite computes on the thread that
 * hosts it, and the server's own thread must stay free to answer Slack within its 3 seconds.
 * PGlite has one session: the socket server runs one message at a time and, while a connection is
 * inside a transaction, only that connection's messages, so transactions of several connections
 * are serialised (and must stay short).
 */
export async function openEmbeddedDatabase(options: EmbeddedWorkerData): Promise<EmbeddedDatabase> {
  const worker = new Worker(new URL('./embedded-worker.ts', import.meta.url), { workerData: options });
  const [first] = (await Promise.race([
    once(worker, 'message'),
    once(worker, 'exit').then(([code]) => [{ error: `the embedded database thread stopped (exit ${String(code)})` }]),
  ])) as [EmbeddedWorkerMessage];
  if (typeof first !== 'object' || 'error' in first) {
    await worker.terminate();
    throw new Error(
      `cannot open the embedded database in ${options.dataDir}: ${typeof first === 'object' ? first.error : first}`,
    );
  }
  return {
    connectionString: first.connectionString,
    async close() {
      const closed = once(worker, 'message');
      worker.postMessage('close');
      await closed;
      await worker.terminate();
    },
  };
}
