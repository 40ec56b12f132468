import { describe, it } from 'vitest';
import { openTemporaryPostgresStore } from '../support/temporary-postgres.ts';
import { weeklyHourSuite } from './weekly-hour/suite.ts';

const url = process.env['TEST_DATABASE_URL'];

if (url) {
  weeklyHourSuite('PostgreSQL', () => openTemporaryPostgresStore(url));
} else {
  console.warn('Weekly-hour suite on PostgreSQL SKIPPED: TEST_DATABASE_URL is not set (.ci/run sets it)');
  describe.skip('weekly hour on PostgreSQL (skipped: TEST_DATABASE_URL is not set)', () => {
    it('runs against a real PostgreSQL server', () => {});
  });
}
