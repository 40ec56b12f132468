import type { GroupBackfill, GroupBackfillRepository } from '../../../ports/store/group-backfills.ts';
import type { Sql } from '../sql.ts';

interface GroupBackfillRow {
  [column: string]: unknown;
  tenant_id: string;
  group_id: string;
  since: Date;
  until: Date;
  cursor: string | null;
  read_back_to: Date;
  pages: number;
  found: number;
  recorded: number;
  started_at: Date;
  finished_at: Date | null;
}

function toBackfill(row: GroupBackfillRow): GroupBackfill {
  return {
    tenantId: row.tenant_id,
    groupId: row.group_id,
    since: row.since,
    until: row.until,
    cursor: row.cursor,
    readBackTo: row.read_back_to,
    pages: row.pages,
    found: row.found,
    recorded: row.recorded,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}

export class PostgresGroupBackfills implements GroupBackfillRepository {
  readonly #sql: Sql;
  constructor(sql: Sql) {
    this.#sql = sql;
  }

  async get(tenantId: string, groupId: string): Promise<GroupBackfill | null> {
    const { rows } = await this.#sql.query<GroupBackfillRow>(
      'SELECT * FROM group_backfills WHERE tenant_id = $1 AND group_id = $2',
      [tenantId, groupId],
    );
    return rows[0] ? toBackfill(rows[0]) : null;
  }

  async save(b: GroupBackfill): Promise<void> {
    await this.#sql.query(
      `INSERT INTO group_backfills (tenant_id, group_id, since, until, cursor, read_back_to, pages, found, recorded,
         started_at, finished_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (tenant_id, group_id) DO UPDATE SET since = excluded.since, until = excluded.until,
         cursor = excluded.cursor, read_back_to = excluded.read_back_to, pages = excluded.pages,
         found = excluded.found, recorded = excluded.recorded, started_at = excluded.started_at,
         finished_at = excluded.finished_at`,
      [
        b.tenantId,
        b.groupId,
        b.since,
        b.until,
        b.cursor,
        b.readBackTo,
        b.pages,
        b.found,
        b.recorded,
        b.startedAt,
        b.finishedAt,
      ],
    );
  }
}
