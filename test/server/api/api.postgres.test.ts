import { describe, it } from 'vitest';
import { openTemporaryPostgresStore } from '../../support/temporary-postgres.ts';
import { apiSuite } from './suite.ts';

const serverUrl = process.env['TEST_DATABASE_URL'];

if (serverUrl) apiSuite('PostgreSQL', () => openTemporaryPostgresStore(serverUrl));
else
  describe.skip('/api/v1 through HTTP (PostgreSQL: TEST_DATABASE_URL not set)', () =>
    it('needs TEST_DATABASE_URL', () => {}));
