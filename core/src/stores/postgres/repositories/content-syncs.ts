import type { Platform } from '../../../domain/platform.ts';
import type { ContentSync, ContentSyncRepository } from '../../../ports/store/content-syncs.ts';
import type { Sql } from '../sql.ts';

interface ContentSyncRow {
  [column: string]: unknown;
  tenant_id: string;
  group_id: string;
  last_synced_at: Date | null;
  due_at: Date;
}

export class PostgresContentSyncs implements ContentSyncRepository {
  readonly #sql: Sql;
  constructor(sql: Sql) {
    this.#sql = sql;
  }

  async save(sync: ContentSync): Promise<void> {
    await this.#sql.query(
      `INSERT INTO content_syncs (tenant_id, group_id, last_synced_at, due_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (tenant_id, group_id) DO UPDATE SET last_synced_at = excluded.last_synced_at, due_at = excluded.due_at`,
      [sync.tenantId, sync.groupId, sync.lastSyncedAt, sync.dueAt],
    );
  }

  async get(tenantId: string, groupId: string): Promise<ContentSync | null> {
    const { rows } = await this.#sql.query<ContentSyncRow>('SELECT * FROM content_syncs WHERE tenant_id = $1 AND group_id = $2', [tenantId, groupId]);
    const row = rows[0];
    return row ? { tenantId: row.tenant_id, groupId: row.group_id, lastSyncedAt: row.last_synced_at, dueAt: row.due_at } : null;
  }

  async due(now: Date, platforms: readonly Platform[], limit: number): Promise<{ tenantId: string; groupId: string }[]> {
    const { rows } = await this.#sql.query<{ tenantId: string; groupId: string }>(
      `SELECT g.tenant_id AS "tenantId", g.id AS "groupId"
       FROM groups g LEFT JOIN content_syncs s ON s.tenant_id = g.tenant_id AND s.group_id = g.id
       WHERE g.state = 'active' AND g.platform = ANY($2::text[]) AND (s.due_at IS NULL OR s.due_at <= $1)
       ORDER BY s.due_at NULLS FIRST, g.tenant_id, g.id
       LIMIT $3`,
      [now, platforms, limit],
    );
    return rows;
  }
}
