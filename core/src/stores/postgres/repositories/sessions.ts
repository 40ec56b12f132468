import type { Session } from '../../../domain/session.ts';
import type { SessionRepository } from '../../../ports/store/sessions.ts';
import type { Sql } from '../sql.ts';

interface SessionRow {
  [column: string]: unknown;
  id_hash: string;
  tenant_id: string;
  person_id: string;
  created_at: Date;
  idle_expires_at: Date;
  expires_at: Date;
}

function toSession(row: SessionRow): Session {
  return {
    idHash: row.id_hash,
    tenantId: row.tenant_id,
    personId: row.person_id,
    createdAt: row.created_at,
    idleExpiresAt: row.idle_expires_at,
    expiresAt: row.expires_at,
  };
}

export class PostgresSessions implements SessionRepository {
  readonly #sql: Sql;
  constructor(sql: Sql) {
    this.#sql = sql;
  }

  async create(session: Session): Promise<void> {
    await this.#sql.query(
      `INSERT INTO sessions (id_hash, tenant_id, person_id, created_at, idle_expires_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [session.idHash, session.tenantId, session.personId, session.createdAt, session.idleExpiresAt, session.expiresAt],
    );
  }

  async find(idHash: string, now: Date): Promise<Session | null> {
    const { rows } = await this.#sql.query<SessionRow>(
      'SELECT * FROM sessions WHERE id_hash = $1 AND idle_expires_at > $2 AND expires_at > $2',
      [idHash, now],
    );
    return rows[0] ? toSession(rows[0]) : null;
  }

  async touch(idHash: string, idleExpiresAt: Date): Promise<void> {
    await this.#sql.query(
      'UPDATE sessions SET idle_expires_at = LEAST($2::timestamptz, expires_at) WHERE id_hash = $1',
      [idHash, idleExpiresAt],
    );
  }

  async delete(idHash: string): Promise<boolean> {
    const { rowCount } = await this.#sql.query('DELETE FROM sessions WHERE id_hash = $1', [idHash]);
    return rowCount > 0;
  }

  async deleteExpired(now: Date): Promise<number> {
    // The idle end is never past the absolute one: it alone says whether either has passed.
    const { rowCount } = await this.#sql.query('DELETE FROM sessions WHERE idle_expires_at <= $1', [now]);
    return rowCount;
  }
}
