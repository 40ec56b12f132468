import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTemporaryEmbeddedStore } from '../support/embedded-store.ts';
import { aSmallTenant } from '../support/factories.ts';

/** PGlite has no autovacuum: without `maintain` its planner never gets statistics. */
describe('embedded PGlite maintenance', () => {
  let opened: Awaited<ReturnType<typeof openTemporaryEmbeddedStore>>;
  beforeAll(async () => (opened = await openTemporaryEmbeddedStore()));
  afterAll(() => opened.dispose());

  async function statisticsRows(): Promise<number> {
    // A second client while the store is idle; PGlite serves one session at a time.
    const client = new pg.Client({ connectionString: opened.connectionString });
    await client.connect();
    try {
      const { rows } = await client.query<{ n: string }>(
        `SELECT count(*) AS n FROM pg_stats WHERE tablename = 'memberships'`,
      );
      return Number(rows[0]?.n);
    } finally {
      await client.end();
    }
  }

  it('gathers the statistics the planner needs', async () => {
    const { tenant, group, member } = await aSmallTenant(opened.store);
    await opened.store.memberships.recordJoin(tenant.id, group.id, member.id, new Date());
    expect(await statisticsRows()).toBe(0);
    await opened.store.maintain();
    expect(await statisticsRows()).toBeGreaterThan(0);
  });
});
