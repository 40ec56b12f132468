import type { Platform } from '../../../domain/platform.ts';
import type { ContentSync, ContentSyncRepository } from '../../../ports/store/content-syncs.ts';
import type { Sql } from '../sql.ts';
import { dueGroups } from './group-syncs.ts';

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
    const { rows } = await this.#sql.query<ContentSyncRow>(
      'SELECT * FROM content_syncs WHERE tenant_id = $1 AND group_id = $2',
      [tenantId, groupId],
    );
    const row = rows[0];
    return row
      ? { tenantId: row.tenant_id, groupId: row.group_id, lastSyncedAt: row.last_synced_at, dueAt: row.due_at }
      : null;
  }

  async due(
    now: Date,
    platforms: readonly Platform[],
    limit: number,
  ): Promise<{ tenantId: string; groupId: string }[]> {
    return dueGroups(this.#sql, 'content_syncs', now, platforms, limit);
  }
}
