import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmbeddedDatabase, openEmbeddedDatabase } from '../../core/src/stores/postgres/index.ts';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// PGlite has a single session; these tests prove that its socket server keeps transactions from
// several pg connections apart, which everything on the embedded store relies on.
describe('embedded PGlite with several connections', () => {
  let dataDir: string;
  let database: EmbeddedDatabase;
  let pool: pg.Pool;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'steward-pglite-tx-'));
    database = await openEmbeddedDatabase({ dataDir, maxConnections: 12 });
    pool = new pg.Pool({ connectionString: database.connectionString, max: 10 });
    await pool.query('CREATE TABLE counter (id int PRIMARY KEY, value int NOT NULL)');
    await pool.query('CREATE TABLE notes (id text PRIMARY KEY)');
  });
  afterAll(async () => {
    await pool?.end();
    await database?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('serialises read-modify-write transactions so that no increment is lost', async () => {
    await pool.query('INSERT INTO counter VALUES (1, 0)');
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          const { rows } = await client.query('SELECT value FROM counter WHERE id = 1 FOR UPDATE');
          await pause(5); // Other connections' statements queue up meanwhile.
          await client.query('UPDATE counter SET value = $1 WHERE id = 1', [rows[0].value + 1]);
          await client.query('COMMIT');
        } finally {
          client.release();
        }
      }),
    );
    const { rows } = await pool.query('SELECT value FROM counter WHERE id = 1');
    expect(rows[0].value).toBe(20);
  });

  it('rolls back one connection’s transaction without touching another’s', async () => {
    const a = await pool.connect();
    const b = await pool.connect();
    try {
      await a.query('BEGIN');
      await a.query("INSERT INTO notes VALUES ('from-a')");
      const bWork = (async () => {
        await b.query('BEGIN');
        await b.query("INSERT INTO notes VALUES ('from-b')");
        await b.query('COMMIT');
      })();
      await pause(20);
      await a.query('ROLLBACK');
      await bWork;
    } finally {
      a.release();
      b.release();
    }
    const { rows } = await pool.query('SELECT id FROM notes ORDER BY id');
    expect(rows.map((r) => r.id)).toEqual(['from-b']);
  });

  it('answers every connection’s parameterised queries with its own results', async () => {
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        pool.query('SELECT $1::int * 2 AS doubled, $2::text AS label', [i, `q${i}`]).then((r) => r.rows[0]),
      ),
    );
    expect(answers).toEqual(Array.from({ length: 200 }, (_, i) => ({ doubled: i * 2, label: `q${i}` })));
  });
});
