import type { AuditEntry } from '../../../domain/audit-entry.ts';
import type { AuditLog } from '../../../ports/store/audit-log.ts';
import type { Sql } from '../sql.ts';

interface AuditRow {
  [column: string]: unknown;
  tenant_id: string;
  id: string;
  at: Date;
  actor_id: string | null;
  action: string;
  subject_kind: string;
  subject_id: string;
  details: AuditEntry['details'];
}

function toEntry(row: AuditRow): AuditEntry {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    at: row.at,
    actorId: row.actor_id,
    action: row.action,
    subjectKind: row.subject_kind,
    subjectId: row.subject_id,
    details: row.details,
  };
}

export class PostgresAuditLog implements AuditLog {
  readonly #sql: Sql;
  constructor(sql: Sql) {
    this.#sql = sql;
  }

  async append(entry: AuditEntry): Promise<void> {
    await this.#sql.query(
      `INSERT INTO audit_entries (tenant_id, id, at, actor_id, action, subject_kind, subject_id, details)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        entry.tenantId,
        entry.id,
        entry.at,
        entry.actorId,
        entry.action,
        entry.subjectKind,
        entry.subjectId,
        JSON.stringify(entry.details),
      ],
    );
  }

  async list(tenantId: string, filter: { subjectId?: string; limit: number }): Promise<AuditEntry[]> {
    const { rows } = await this.#sql.query<AuditRow>(
      `SELECT * FROM audit_entries WHERE tenant_id = $1 AND ($2::text IS NULL OR subject_id = $2)
       ORDER BY at DESC, id LIMIT $3`,
      [tenantId, filter.subjectId ?? null, filter.limit],
    );
    return rows.map(toEntry);
  }
}
