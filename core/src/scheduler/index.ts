import { MongoBackend } from '@agendajs/mongo-backend';
import { PostgresBackend } from '@agendajs/postgres-backend';
import type pg from 'pg';
import type { Logger } from '../ports/logger.ts';
import { AgendaScheduler } from './agenda-scheduler.ts';

export { AgendaScheduler } from './agenda-scheduler.ts';

interface SchedulerOptions {
  readonly processName: string;
  readonly logger: Logger;
  readonly pollInterval?: string | number;
}

/** Jobs on a PostgreSQL server, in their own small pool; LISTEN/NOTIFY wakes idle workers. */
export function postgresScheduler(connectionString: string, options: SchedulerOptions): Promise<AgendaScheduler> {
  const backend = new PostgresBackend({ poolConfig: { connectionString, max: 2 } });
  return AgendaScheduler.connect({ ...options, backend, kind: 'postgres' });
}

/**
 * Jobs on the embedded PGlite, sharing the store's one connection. Workers poll: a connection
 * parked on LISTEN would hold that connection, and NOTIFY does not cross pglite-socket connections.
 */
export function embeddedScheduler(pool: pg.Pool, options: SchedulerOptions): Promise<AgendaScheduler> {
  const backend = new PostgresBackend({ pool, disableNotifications: true });
  return AgendaScheduler.connect({ pollInterval: '2 seconds', ...options, backend, kind: 'pglite' });
}

export function mongoScheduler(uri: string, options: SchedulerOptions): Promise<AgendaScheduler> {
  return AgendaScheduler.connect({ ...options, backend: new MongoBackend({ address: uri }), kind: 'mongodb' });
}
