import { describe, it } from 'vitest';
import { PostgresStore } from '../../core/src/stores/postgres/index.ts';
import { contractSecretKeys } from './store/context.ts';
import { storeContract } from './store/index.ts';

const url = process.env['TEST_DATABASE_URL'];

if (url) {
  storeContract('PostgreSQL', async () => {
    const store = await PostgresStore.open({ connectionString: url, secretKeys: contractSecretKeys() });
    return { store, dispose: () => store.close() };
  });
} else {
  console.warn('PostgreSQL contract suite SKIPPED: TEST_DATABASE_URL is not set (.ci/run sets it)');
  describe.skip('Store contract: PostgreSQL (skipped: TEST_DATABASE_URL is not set)', () => {
    it('runs against a real PostgreSQL server', () => {});
  });
}
