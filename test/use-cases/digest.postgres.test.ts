import { describe, it } from 'vitest';
import { openTemporaryPostgresStore } from '../support/temporary-postgres.ts';
import { digestSuite } from './digest/suite.ts';

const url = process.env['TEST_DATABASE_URL'];

if (url) {
  digestSuite('PostgreSQL', () => openTemporaryPostgresStore(url));
} else {
  console.warn('Digest suite on PostgreSQL SKIPPED: TEST_DATABASE_URL is not set (.ci/run sets it)');
  describe.skip('digest on PostgreSQL (skipped: TEST_DATABASE_URL is not set)', () => {
    it('runs against a real PostgreSQL server', () => {});
  });
}
