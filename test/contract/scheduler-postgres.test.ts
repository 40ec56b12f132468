import { describe, it } from 'vitest';
import { postgresScheduler } from '../../core/src/scheduler/index.ts';
import { createTemporaryPostgresDatabase } from '../support/temporary-postgres.ts';
import { SCHEDULER_POLL_MS, schedulerContract } from './scheduler/index.ts';

const url = process.env['TEST_DATABASE_URL'];

if (url) {
  schedulerContract('PostgreSQL', async () => {
    // A database of its own: the jobs table is not shared with other suites' workers.
    const database = await createTemporaryPostgresDatabase(url);
    return {
      kind: 'postgres',
      scheduler: (options) => postgresScheduler(database.url, { ...options, pollInterval: SCHEDULER_POLL_MS }),
      dispose: () => database.drop(),
    };
  });
} else {
  console.warn('PostgreSQL scheduler contract SKIPPED: TEST_DATABASE_URL is not set (.ci/run sets it)');
  describe.skip('Scheduler contract: PostgreSQL (skipped: TEST_DATABASE_URL is not set)', () => {
    it('runs against a real PostgreSQL server', () => {});
  });
}
