import { MongoBackend } from '@agendajs/mongo-backend';
import { PostgresBackend } from '@agendajs/postgres-backend';
import type { Logger } from '../ports/logger.ts';
import { AgendaScheduler } from './agenda-scheduler.ts';

export { AgendaScheduler } from './agenda-scheduler.ts';

interface SchedulerOptions {
  readonly processName: string;
  readonly logger: Logger;
  readonly pollInterval?: string | number;
}

/** Jobs on PostgreSQL, or on the embedded PGlite through its socket (`kind: 'pglite'`). */
export function postgresScheduler(
  connectionString: string,
  options: SchedulerOptions & { kind?: 'postgres' | 'pglite' },
): AgendaScheduler {
  const kind = options.kind ?? 'postgres';
  const backend = new PostgresBackend({
    connectionString,
    poolConfig: { connectionString, max: 2 },
    // PGlite serves one session: a connection parked on LISTEN would hold it, so poll instead.
    disableNotifications: kind === 'pglite',
  });
  return new AgendaScheduler({ ...options, backend, kind });
}

export function mongoScheduler(uri: string, options: SchedulerOptions): AgendaScheduler {
  return new AgendaScheduler({ ...options, backend: new MongoBackend({ address: uri }), kind: 'mongodb' });
}
