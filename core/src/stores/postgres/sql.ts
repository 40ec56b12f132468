import pg from 'pg';

export type Row = Record<string, unknown>;

export interface Queryable {
  query<R extends Row = Row>(text: string, params?: readonly unknown[]): Promise<{ rows: R[]; rowCount: number }>;
}

/** A pool of connections with one way to run a short transaction. */
export interface Sql extends Queryable {
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  end(): Promise<void>;
}

const DATE_OID = 1082;
const INT8_OID = 20;

// Per pool, not global: "YYYY-MM-DD" dates stay strings (no local-time shift), counts are numbers.
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === DATE_OID) return (value: string) => value;
    if (oid === INT8_OID) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  },
};

/** A pool whose dates stay "YYYY-MM-DD" strings and whose counts are numbers. */
export function createPool(connectionString: string, maxConnections: number): pg.Pool {
  const pool = new pg.Pool({ connectionString, max: maxConnections, types: types as pg.CustomTypesConfig });
  // An idle connection that drops (server restart) must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  return pool;
}

export function createSql(pool: pg.Pool): Sql {
  const run: Queryable['query'] = async (text, params) => {
    const result = await pool.query(text, params as unknown[]);
    return { rows: result.rows, rowCount: result.rowCount ?? 0 };
  };

  return {
    query: run,
    async transaction(work) {
      const client = await pool.connect();
      const tx: Queryable = {
        query: async (text, params) => {
          const result = await client.query(text, params as unknown[]);
          return { rows: result.rows, rowCount: result.rowCount ?? 0 };
        },
      };
      try {
        await client.query('BEGIN');
        const value = await work(tx);
        await client.query('COMMIT');
        return value;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    end: () => pool.end(),
  };
}

/** SQLSTATE 23505: a unique key refused the row. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}

/**
 * A time as epoch milliseconds, for the arrays of a batch: pg serialises a number array several
 * times faster than a Date array. SQL reads it back with `to_timestamp(ms / 1000.0)`, exact to the
 * millisecond.
 */
export function epochMs(date: Date | null): number | null {
  return date === null ? null : date.getTime();
}
