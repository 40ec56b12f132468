/** Anything that runs SQL: a pg client or pool. */
export interface Queryable {
  query<R extends object>(sql: string): Promise<{ rows: R[] }>;
}

/**
 * Every table of the public schema, by name, with its row count and a digest of its rows: two equal
 * digests mean nothing was inserted, changed or deleted in between.
 */
export async function databaseDigest(database: Queryable): Promise<Record<string, string>> {
  const { rows: tables } = await database.query<{ name: string }>(
    "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1",
  );
  const parts = tables.map(
    ({ name }) =>
      `SELECT '${name}' AS name, count(*) || ':' || md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS digest FROM "${name}" t`,
  );
  const { rows } = await database.query<{ name: string; digest: string }>(parts.join(' UNION ALL '));
  return Object.fromEntries(rows.map((row) => [row.name, row.digest]));
}

/** Row counts only, by table name, from a digest. */
export const rowCounts = (digest: Record<string, string>): Record<string, number> =>
  Object.fromEntries(Object.entries(digest).map(([name, value]) => [name, Number(value.split(':')[0])]));
