import type { Platform } from '../../../domain/platform.ts';
import type { GroupSync, GroupSyncRepository } from '../../../ports/store/group-syncs.ts';
import type { Sql } from '../sql.ts';

interface GroupSyncRow {
  [column: string]: unknown;
  tenant_id: string;
  group_id: string;
  pass_started_at: Date | null;
  cursor: string | null;
  last_pass_at: Date | null;
  due_at: Date;
}

function toSync(row: GroupSyncRow): GroupSync {
  return {
    tenantId: row.tenant_id,
    groupId: row.group_id,
    passStartedAt: row.pass_started_at,
    cursor: row.cursor,
    lastPassAt: row.last_pass_at,
    dueAt: row.due_at,
  };
}

export class PostgresGroupSyncs implements GroupSyncRepository {
  readonly #sql: Sql;
  constructor(sql: Sql) {
    this.#sql = sql;
  }

  async get(tenantId: string, groupId: string): Promise<GroupSync | null> {
    const { rows } = await this.#sql.query<GroupSyncRow>(
      'SELECT * FROM group_syncs WHERE tenant_id = $1 AND group_id = $2',
      [tenantId, groupId],
    );
    return rows[0] ? toSync(rows[0]) : null;
  }

  async save(sync: GroupSync): Promise<void> {
    await this.#sql.query(
      `INSERT INTO group_syncs (tenant_id, group_id, pass_started_at, cursor, last_pass_at, due_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (tenant_id, group_id) DO UPDATE SET pass_started_at = excluded.pass_started_at,
         cursor = excluded.cursor, last_pass_at = excluded.last_pass_at, due_at = excluded.due_at`,
      [sync.tenantId, sync.groupId, sync.passStartedAt, sync.cursor, sync.lastPassAt, sync.dueAt],
    );
  }

  async due(
    now: Date,
    platforms: readonly Platform[],
    limit: number,
  ): Promise<{ tenantId: string; groupId: string }[]> {
    return dueGroups(this.#sql, 'group_syncs', now, platforms, limit);
  }
}

/**
 * Active groups of these platforms whose row in `schedule` (one per group, with a `due_at`) is due
 * at `now`: those with none first, then by due time. The group and content syncs share it.
 */
export async function dueGroups(
  sql: Sql,
  schedule: 'group_syncs' | 'content_syncs',
  now: Date,
  platforms: readonly Platform[],
  limit: number,
): Promise<{ tenantId: string; groupId: string }[]> {
  const { rows } = await sql.query<{ tenantId: string; groupId: string }>(
    `SELECT g.tenant_id AS "tenantId", g.id AS "groupId"
     FROM groups g LEFT JOIN ${schedule} s ON s.tenant_id = g.tenant_id AND s.group_id = g.id
     WHERE g.state = 'active' AND g.platform = ANY($2::text[]) AND (s.due_at IS NULL OR s.due_at <= $1)
     ORDER BY s.due_at NULLS FIRST, g.tenant_id, g.id
     LIMIT $3`,
    [now, platforms, limit],
  );
  return rows;
}
