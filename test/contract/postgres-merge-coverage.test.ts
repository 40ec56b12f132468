import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERSON_COLUMNS, TENANT_TABLES } from '../../core/src/stores/postgres/repositories/tenant-merges.ts';
import { openTemporaryEmbeddedStore } from '../support/embedded-store.ts';

/**
 * A tenant merge moves the tables and person columns it lists. A migration that adds a table with
 * a tenant_id, or a column holding a person id, fails here until the merge knows of it; else a
 * merge would leave its rows behind, in a tenant that no longer exists.
 */
describe('PostgreSQL tenant merge covers the schema', () => {
  let opened: Awaited<ReturnType<typeof openTemporaryEmbeddedStore>>;
  let columns: { table: string; column: string; type: string }[];

  beforeAll(async () => {
    opened = await openTemporaryEmbeddedStore();
    const client = new pg.Client({ connectionString: opened.connectionString });
    await client.connect();
    try {
      const { rows } = await client.query<{ table: string; column: string; type: string }>(
        `SELECT table_name AS table, column_name AS column, udt_name AS type FROM information_schema.columns
         WHERE table_schema = current_schema() AND table_name <> 'schema_migrations' ORDER BY 1, 2`,
      );
      columns = rows;
    } finally {
      await client.end();
    }
  });
  afterAll(() => opened.dispose());

  it('moves every table with a tenant_id', () => {
    const tables = columns.filter((c) => c.column === 'tenant_id').map((c) => c.table);
    expect([...TENANT_TABLES].sort()).toEqual(tables.sort());
  });

  it('rewrites every column that holds a person id', () => {
    // Every id of the schema is a uuid: those that are neither a tenant, a row's own id, a group nor an offer name a person.
    const people = columns
      .filter(
        (c) =>
          (c.type === 'uuid' || c.type === '_uuid') && !['tenant_id', 'id', 'group_id', 'offer_id'].includes(c.column),
      )
      .map((c) => `${c.table}.${c.column}`);
    const rewritten = [...PERSON_COLUMNS.map(([table, column]) => `${table}.${column}`), 'groups.owner_ids'];
    expect(rewritten.sort()).toEqual(people.sort());
  });
});
