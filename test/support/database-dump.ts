import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import pg from 'pg';
import { openEmbeddedStore } from '../../core/src/stores/postgres/index.ts';

/**
 * The whole database of a server's configuration as text: `pg_dump` of `DATABASE_URL` (Debian's
 * PostgreSQL client), or every row of every table of the embedded folder `STEWARD_DATA_DIR` (PGlite
 * has no pg_dump of its own), read while no server holds the folder.
 */
export async function dumpDatabase(env: Readonly<Record<string, string>>): Promise<string> {
  const url = env['DATABASE_URL'];
  if (url) {
    const { stdout } = await promisify(execFile)('pg_dump', ['--no-owner', url], { maxBuffer: 512 * 1024 * 1024 });
    return stdout;
  }
  const dataDir = env['STEWARD_DATA_DIR'];
  if (!dataDir) throw new Error('neither DATABASE_URL nor STEWARD_DATA_DIR');
  const { store, connectionString } = await openEmbeddedStore(dataDir);
  try {
    return await dumpRows(connectionString);
  } finally {
    await store.close();
  }
}

/** Every row of every table of the public schema, as PostgreSQL writes a row as text. */
export async function dumpRows(connectionString: string): Promise<string> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ name: string }>(
      "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1",
    );
    const parts: string[] = [];
    for (const { name } of tables) {
      const { rows } = await client.query<{ row: string }>(`SELECT t::text AS row FROM "${name}" t`);
      parts.push(`-- ${name}`, ...rows.map((r) => r.row));
    }
    return parts.join('\n');
  } finally {
    await client.end();
  }
}
