import { describe, it } from 'vitest';
import { openTemporaryPostgresStore } from '../support/temporary-postgres.ts';
import { organisationSuite } from './organisation/suite.ts';

const url = process.env['TEST_DATABASE_URL'];

if (url) {
  organisationSuite('PostgreSQL', () => openTemporaryPostgresStore(url));
} else {
  console.warn('Organisation suite on PostgreSQL SKIPPED: TEST_DATABASE_URL is not set (.ci/run sets it)');
  describe.skip('one organisation across Slack and Teams on PostgreSQL (skipped: TEST_DATABASE_URL is not set)', () => {
    it('runs against a real PostgreSQL server', () => {});
  });
}
