import type { Platform } from '../../../domain/platform.ts';
import type { InboxItem, InboxKey, InboxRepository, InboxStatus, NewInboxItem } from '../../../ports/store/inbox.ts';
import type { Sql } from '../sql.ts';

interface InboxRow {
  [column: string]: unknown;
  platform: string;
  workspace_id: string;
  event_id: string;
  kind: string;
  payload: Record<string, unknown>;
  received_at: Date;
  status: string;
  attempts: number;
  not_before: Date;
  locked_until: Date | null;
  last_error: string | null;
}

function toItem(row: InboxRow): InboxItem {
  return {
    platform: row.platform as Platform,
    workspaceId: row.workspace_id,
    eventId: row.event_id,
    kind: row.kind,
    payload: row.payload,
    receivedAt: row.received_at,
    status: row.status as InboxStatus,
    attempts: row.attempts,
    notBefore: row.not_before,
    lockedUntil: row.locked_until,
    lastError: row.last_error,
  };
}

const COLUMNS =
  'platform, workspace_id, event_id, kind, payload, received_at, status, attempts, not_before, locked_until, last_error';

/**
 * One statement for a whole group commit: $1… are the items' columns as arrays (times as epoch ms,
 * payloads as JSON text). WITH ORDINALITY keeps the order they were handed over in, which `seq`
 * then records.
 */
const ACCEPT = `
INSERT INTO inbox (platform, workspace_id, event_id, kind, payload, received_at, status, not_before, last_error)
SELECT platform, workspace_id, event_id, kind, payload::jsonb, to_timestamp(received_ms / 1000.0),
  CASE WHEN problem IS NULL THEN 'pending' ELSE 'parked' END, to_timestamp(received_ms / 1000.0), problem
FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::float8[], $7::text[]) WITH ORDINALITY
  AS u (platform, workspace_id, event_id, kind, payload, received_ms, problem, n)
ORDER BY n
ON CONFLICT DO NOTHING`;

/** The keys of many items as three arrays, for `unnest`. */
function keyArrays(keys: readonly InboxKey[]): [string[], string[], string[]] {
  return [keys.map((k) => k.platform), keys.map((k) => k.workspaceId), keys.map((k) => k.eventId)];
}

export class PostgresInbox implements InboxRepository {
  readonly #sql: Sql;
  constructor(sql: Sql) {
    this.#sql = sql;
  }

  async accept(items: readonly NewInboxItem[]): Promise<number> {
    if (items.length === 0) return 0;
    const { rowCount } = await this.#sql.query(ACCEPT, [
      ...keyArrays(items),
      items.map((i) => i.kind),
      items.map((i) => JSON.stringify(i.payload)),
      items.map((i) => i.receivedAt.getTime()),
      items.map((i) => i.problem),
    ]);
    return rowCount;
  }

  async claimDue(now: Date, limit: number, lockMs: number): Promise<InboxItem[]> {
    // As the outbox's claim: SKIP LOCKED keeps concurrent claimers apart, and the outer SELECT
    // orders what UPDATE … RETURNING leaves unordered.
    const { rows } = await this.#sql.query<InboxRow & { seq: string }>(
      `WITH claimed AS (
         UPDATE inbox SET locked_until = $3, attempts = attempts + 1
         WHERE (platform, workspace_id, event_id) IN (
           SELECT platform, workspace_id, event_id FROM inbox
           WHERE status = 'pending' AND not_before <= $1 AND (locked_until IS NULL OR locked_until < $1)
           ORDER BY not_before, seq
           LIMIT $2
           FOR UPDATE SKIP LOCKED)
         RETURNING seq, ${COLUMNS})
       SELECT * FROM claimed ORDER BY seq`,
      [now, limit, new Date(now.getTime() + lockMs)],
    );
    return rows.map(toItem);
  }

  async complete(keys: readonly InboxKey[]): Promise<void> {
    if (keys.length === 0) return;
    await this.#sql.query(
      `DELETE FROM inbox WHERE (platform, workspace_id, event_id) IN (
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[]))`,
      keyArrays(keys),
    );
  }

  async retryLater(key: InboxKey, notBefore: Date, error: string): Promise<void> {
    await this.#sql.query(
      `UPDATE inbox SET not_before = $4, last_error = $5, locked_until = NULL
       WHERE platform = $1 AND workspace_id = $2 AND event_id = $3 AND status = 'pending'`,
      [key.platform, key.workspaceId, key.eventId, notBefore, error],
    );
  }

  async park(key: InboxKey, error: string): Promise<void> {
    await this.#sql.query(
      `UPDATE inbox SET status = 'parked', last_error = $4, locked_until = NULL
       WHERE platform = $1 AND workspace_id = $2 AND event_id = $3`,
      [key.platform, key.workspaceId, key.eventId, error],
    );
  }

  async listParked(limit: number): Promise<InboxItem[]> {
    const { rows } = await this.#sql.query<InboxRow>(
      `SELECT ${COLUMNS} FROM inbox WHERE status = 'parked' ORDER BY seq LIMIT $1`,
      [limit],
    );
    return rows.map(toItem);
  }

  async countByStatus(): Promise<Readonly<Record<InboxStatus, number>>> {
    const { rows } = await this.#sql.query<{ status: InboxStatus; n: number }>(
      'SELECT status, count(*)::int AS n FROM inbox GROUP BY status',
    );
    const counts: Record<InboxStatus, number> = { pending: 0, parked: 0 };
    for (const row of rows) counts[row.status] = row.n;
    return counts;
  }

  // Handled items are removed, so the pending rows are few and need no index of their own.
  async oldestPendingAt(): Promise<Date | null> {
    const { rows } = await this.#sql.query<{ at: Date | null }>(
      `SELECT min(received_at) AS at FROM inbox WHERE status = 'pending'`,
    );
    return rows[0]?.at ?? null;
  }
}
