import { isId } from '../../../domain/ids.ts';
import { SENT_PAYLOAD_TEXTS } from '../../../domain/outbox-texts.ts';
import type { Platform } from '../../../domain/platform.ts';
import type {
  OutboxListing,
  OutboxMessage,
  OutboxRef,
  OutboxRepository,
  OutboxScope,
  OutboxSelection,
  OutboxStatus,
  OutboxWaiting,
  Retry,
} from '../../../ports/store/outbox.ts';
import { firstOfEach } from '../../first-of-each.ts';
import { epochMs, type Sql } from '../sql.ts';

interface OutboxRow {
  [column: string]: unknown;
  tenant_id: string;
  id: string;
  platform: string;
  operation: string;
  payload: Record<string, unknown>;
  workspace_id: string;
  group_id: string | null;
  dedupe_key: string | null;
  status: string;
  attempts: number;
  created_at: Date;
  not_before: Date;
  locked_until: Date | null;
  done_at: Date | null;
  result: Record<string, unknown> | null;
  last_error: string | null;
}

function toMessage(row: OutboxRow): OutboxMessage {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    platform: row.platform as Platform,
    operation: row.operation,
    payload: row.payload,
    workspaceId: row.workspace_id,
    groupId: row.group_id,
    dedupeKey: row.dedupe_key,
    status: row.status as OutboxStatus,
    attempts: row.attempts,
    createdAt: row.created_at,
    notBefore: row.not_before,
    lockedUntil: row.locked_until,
    doneAt: row.done_at,
    result: row.result,
    lastError: row.last_error,
  };
}

/**
 * Inserts messages of tenant $1 in one statement: $2… are their columns as arrays (times as epoch
 * ms, payloads and results as JSON text). A message whose dedupe key is taken is left out, and so
 * absent from what RETURNING lists. Rows are inserted in dedupe-key order, so that concurrent
 * batches take their keys in one order and never wait for each other in a cycle (a deadlock).
 */
const ENQUEUE_MANY = `
INSERT INTO outbox (tenant_id, id, platform, operation, payload, dedupe_key, status, attempts, created_at, not_before,
  locked_until, done_at, result, last_error, workspace_id, group_id)
SELECT $1::uuid, id, platform, operation, payload::jsonb, dedupe_key, status, attempts, to_timestamp(created_ms / 1000.0),
  to_timestamp(not_before_ms / 1000.0), to_timestamp(locked_until_ms / 1000.0), to_timestamp(done_ms / 1000.0),
  result::jsonb, last_error, workspace_id, group_id
FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::int4[], $9::float8[],
  $10::float8[], $11::float8[], $12::float8[], $13::text[], $14::text[], $15::text[], $16::text[])
  AS u (id, platform, operation, payload, dedupe_key, status, attempts, created_ms, not_before_ms, locked_until_ms,
    done_ms, result, last_error, workspace_id, group_id)
ORDER BY dedupe_key COLLATE "C", id
ON CONFLICT (tenant_id, dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING
RETURNING id`;

/** Payloads and results are stored as JSON: a Date in them reads back as its ISO string. */
export class PostgresOutbox implements OutboxRepository {
  readonly #sql: Sql;
  constructor(sql: Sql) {
    this.#sql = sql;
  }

  // A single message keeps its own statement: with scalar parameters it runs faster than with arrays.
  async enqueue(message: OutboxMessage): Promise<{ created: boolean; message: OutboxMessage }> {
    const inserted = await this.#sql.query<OutboxRow>(
      `INSERT INTO outbox (tenant_id, id, platform, operation, payload, dedupe_key, status, attempts, created_at,
         not_before, locked_until, done_at, result, last_error, workspace_id, group_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
       ON CONFLICT (tenant_id, dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING RETURNING *`,
      [
        message.tenantId,
        message.id,
        message.platform,
        message.operation,
        JSON.stringify(message.payload),
        message.dedupeKey,
        message.status,
        message.attempts,
        message.createdAt,
        message.notBefore,
        message.lockedUntil,
        message.doneAt,
        message.result === null ? null : JSON.stringify(message.result),
        message.lastError,
        message.workspaceId,
        message.groupId,
      ],
    );
    if (inserted.rows[0]) return { created: true, message: toMessage(inserted.rows[0]) };
    // Only the dedupe key refuses a row silently (a repeated id still fails): the first message stands.
    const { rows } = await this.#sql.query<OutboxRow>('SELECT * FROM outbox WHERE tenant_id = $1 AND dedupe_key = $2', [
      message.tenantId,
      message.dedupeKey,
    ]);
    if (!rows[0]) throw new Error(`outbox message ${message.dedupeKey} vanished while being enqueued`);
    return { created: false, message: toMessage(rows[0]) };
  }

  async enqueueMany(tenantId: string, messages: readonly OutboxMessage[]): Promise<boolean[]> {
    if (messages.length === 0) return [];
    const stranger = messages.find((m) => m.tenantId.toLowerCase() !== tenantId.toLowerCase());
    if (stranger)
      throw new Error(`outbox message ${stranger.id} belongs to tenant ${stranger.tenantId}, not ${tenantId}`);
    // Of messages sharing a dedupe key in this call only the first is sent: it is the one kept.
    const sent = firstOfEach(messages, (m) => m.dedupeKey);
    const { rows } = await this.#sql.query<{ id: string }>(ENQUEUE_MANY, [
      tenantId,
      sent.map((m) => m.id),
      sent.map((m) => m.platform),
      sent.map((m) => m.operation),
      sent.map((m) => JSON.stringify(m.payload)),
      sent.map((m) => m.dedupeKey),
      sent.map((m) => m.status),
      sent.map((m) => m.attempts),
      sent.map((m) => m.createdAt.getTime()),
      sent.map((m) => m.notBefore.getTime()),
      sent.map((m) => epochMs(m.lockedUntil)),
      sent.map((m) => epochMs(m.doneAt)),
      sent.map((m) => (m.result === null ? null : JSON.stringify(m.result))),
      sent.map((m) => m.lastError),
      sent.map((m) => m.workspaceId),
      sent.map((m) => m.groupId),
    ]);
    const created = new Set(rows.map((row) => row.id));
    const sentMessages = new Set(sent);
    return messages.map((m) => sentMessages.has(m) && created.has(m.id.toLowerCase()));
  }

  async claimDue(now: Date, limit: number, lockMs: number, platform?: Platform): Promise<OutboxMessage[]> {
    // One statement: the inner SELECT locks the rows it picks and skips those another claimer has
    // locked, and a row another claimer has just updated is re-checked on its new version (now
    // locked) and left out, so no message is claimed twice. UPDATE … RETURNING has no order of
    // its own, hence the outer SELECT.
    const { rows } = await this.#sql.query<OutboxRow>(
      `WITH claimed AS (
         UPDATE outbox SET locked_until = $3, attempts = attempts + 1
         WHERE (tenant_id, id) IN (
           SELECT tenant_id, id FROM outbox
           WHERE status = 'pending' AND not_before <= $1 AND (locked_until IS NULL OR locked_until < $1)
             AND ($4::text IS NULL OR platform = $4)
           ORDER BY not_before, created_at
           LIMIT $2
           FOR UPDATE SKIP LOCKED)
         RETURNING *)
       SELECT * FROM claimed ORDER BY not_before, created_at, id`,
      [now, limit, new Date(now.getTime() + lockMs), platform ?? null],
    );
    return rows.map(toMessage);
  }

  // The three outcomes below change pending messages only: a worker whose lock expired and whose
  // message another worker has since finished must not send it again (retryLater) or rewrite it.

  async markSent(tenantId: string, id: string, at: Date, result: Record<string, unknown>): Promise<void> {
    await this.#sql.query(
      `UPDATE outbox SET status = 'sent', done_at = $3, result = $4, locked_until = NULL, payload = payload - $5::text[]
       WHERE tenant_id = $1 AND id = $2 AND status = 'pending'`,
      [tenantId, id, at, JSON.stringify(result), SENT_PAYLOAD_TEXTS],
    );
  }

  async retryLater(tenantId: string, id: string, retry: Retry): Promise<void> {
    await this.#sql.query(
      `UPDATE outbox SET not_before = $3, last_error = $4, locked_until = NULL,
         attempts = CASE WHEN $5::boolean THEN attempts ELSE greatest(attempts - 1, 0) END
       WHERE tenant_id = $1 AND id = $2 AND status = 'pending'`,
      [tenantId, id, retry.notBefore, retry.error, retry.counted],
    );
  }

  async markFailed(tenantId: string, id: string, at: Date, error: string): Promise<void> {
    await this.#sql.query(
      `UPDATE outbox SET status = 'failed', done_at = $3, last_error = $4, locked_until = NULL
       WHERE tenant_id = $1 AND id = $2 AND status = 'pending'`,
      [tenantId, id, at, error],
    );
  }

  async cancelPending(tenantId: string, scope: OutboxScope, at: Date, reason: string): Promise<number> {
    const { rowCount } = await this.#sql.query(
      `UPDATE outbox SET status = 'cancelled', done_at = $5, last_error = $6, locked_until = NULL
       WHERE tenant_id = $1 AND platform = $2 AND workspace_id = $3 AND ($4::text IS NULL OR group_id = $4)
         AND status = 'pending'`,
      [tenantId, scope.platform, scope.workspaceId, scope.groupId ?? null, at, reason],
    );
    return rowCount;
  }

  async get(tenantId: string, id: string): Promise<OutboxMessage | null> {
    const { rows } = await this.#sql.query<OutboxRow>('SELECT * FROM outbox WHERE tenant_id = $1 AND id = $2', [
      tenantId,
      id,
    ]);
    return rows[0] ? toMessage(rows[0]) : null;
  }

  async listByDedupeKeys(tenantId: string, keys: readonly string[]): Promise<OutboxMessage[]> {
    if (keys.length === 0) return [];
    const { rows } = await this.#sql.query<OutboxRow>(
      'SELECT * FROM outbox WHERE tenant_id = $1 AND dedupe_key = ANY($2::text[])',
      [tenantId, keys],
    );
    return rows.map(toMessage);
  }

  async listFailed(tenantId: string, limit: number): Promise<OutboxMessage[]> {
    const { rows } = await this.#sql.query<OutboxRow>(
      `SELECT * FROM outbox WHERE tenant_id = $1 AND status = 'failed' ORDER BY done_at DESC, id LIMIT $2`,
      [tenantId, limit],
    );
    return rows.map(toMessage);
  }

  // Both statuses have a partial index (outbox_due, outbox_failed): sent messages are not read.
  async countWaiting(): Promise<OutboxWaiting[]> {
    const { rows } = await this.#sql.query<{ platform: Platform; status: OutboxWaiting['status']; n: number }>(
      `SELECT platform, status, count(*)::int AS n FROM outbox WHERE status IN ('pending', 'failed') GROUP BY platform, status ORDER BY platform, status`,
    );
    return rows.map((row) => ({ platform: row.platform, status: row.status, count: row.n }));
  }

  // Each status read through its partial index (outbox_due, outbox_failed, outbox_cancelled).
  async listByStatus({ status, tenantId, limit }: OutboxListing): Promise<OutboxMessage[]> {
    const { rows } = await this.#sql.query<OutboxRow>(
      `SELECT * FROM outbox WHERE status = $1 AND ($2::uuid IS NULL OR tenant_id = $2)
       ORDER BY ${status === 'pending' ? 'created_at DESC' : 'done_at DESC'}, id LIMIT $3`,
      [status, tenantId ?? null, limit],
    );
    return rows.map(toMessage);
  }

  async retryFailed(selection: OutboxSelection, at: Date): Promise<OutboxRef[]> {
    const [ids, tenantId] =
      'ids' in selection ? [selection.ids.filter(isId), null] : [null, selection.tenantId ?? null];
    if (ids?.length === 0) return [];
    const { rows } = await this.#sql.query<{ tenant_id: string; id: string }>(
      `UPDATE outbox SET status = 'pending', attempts = 0, not_before = $3, done_at = NULL, locked_until = NULL
       WHERE status = 'failed' AND ($1::uuid[] IS NULL OR id = ANY($1::uuid[])) AND ($2::uuid IS NULL OR tenant_id = $2)
       RETURNING tenant_id, id`,
      [ids, tenantId, at],
    );
    return rows.map((row) => ({ tenantId: row.tenant_id, id: row.id }));
  }

  async cancel(ids: readonly string[], at: Date, reason: string): Promise<OutboxRef[]> {
    const valid = ids.filter(isId);
    if (valid.length === 0) return [];
    const { rows } = await this.#sql.query<{ tenant_id: string; id: string }>(
      `UPDATE outbox SET status = 'cancelled', done_at = $2, last_error = $3, locked_until = NULL
       WHERE id = ANY($1::uuid[]) AND status IN ('pending', 'failed') RETURNING tenant_id, id`,
      [valid, at, reason],
    );
    return rows.map((row) => ({ tenantId: row.tenant_id, id: row.id }));
  }
}
