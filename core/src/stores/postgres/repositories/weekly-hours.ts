import type { IsoWeek } from '../../../domain/iso-week.ts';
import type { WeeklyHourRecord, WeeklyHourStatus } from '../../../domain/weekly-hour.ts';
import type { ScheduledCard, WeeklyHourChanges, WeeklyHourRepository } from '../../../ports/store/weekly-hours.ts';
import type { Sql } from '../sql.ts';

interface WeeklyHourRow {
  [column: string]: unknown;
  tenant_id: string;
  owner_id: string;
  week: string;
  status: string;
  created_at: Date;
  card_sent_at: Date | null;
  first_action_at: Date | null;
  done_at: Date | null;
  snoozed_until: Date | null;
  skip_reason: string | null;
  delegate_id: string | null;
}

function toRecord(row: WeeklyHourRow): WeeklyHourRecord {
  return {
    tenantId: row.tenant_id,
    ownerId: row.owner_id,
    week: row.week as IsoWeek,
    status: row.status as WeeklyHourStatus,
    createdAt: row.created_at,
    cardSentAt: row.card_sent_at,
    firstActionAt: row.first_action_at,
    doneAt: row.done_at,
    snoozedUntil: row.snoozed_until,
    skipReason: row.skip_reason,
    delegateId: row.delegate_id,
  };
}

const COLUMNS: Readonly<Record<keyof WeeklyHourChanges, string>> = {
  status: 'status',
  cardSentAt: 'card_sent_at',
  firstActionAt: 'first_action_at',
  doneAt: 'done_at',
  snoozedUntil: 'snoozed_until',
  skipReason: 'skip_reason',
  delegateId: 'delegate_id',
};

export class PostgresWeeklyHours implements WeeklyHourRepository {
  readonly #sql: Sql;
  constructor(sql: Sql) {
    this.#sql = sql;
  }

  async claim(record: WeeklyHourRecord): Promise<{ created: boolean; record: WeeklyHourRecord }> {
    const inserted = await this.#sql.query<WeeklyHourRow>(
      `INSERT INTO weekly_hours (tenant_id, owner_id, week, status, created_at, card_sent_at, first_action_at,
         done_at, snoozed_until, skip_reason, delegate_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (tenant_id, owner_id, week) DO NOTHING RETURNING *`,
      [
        record.tenantId,
        record.ownerId,
        record.week,
        record.status,
        record.createdAt,
        record.cardSentAt,
        record.firstActionAt,
        record.doneAt,
        record.snoozedUntil,
        record.skipReason,
        record.delegateId,
      ],
    );
    if (inserted.rows[0]) return { created: true, record: toRecord(inserted.rows[0]) };
    const existing = await this.get(record.tenantId, record.ownerId, record.week);
    if (!existing) throw new Error(`weekly hour ${record.ownerId} ${record.week} vanished while being claimed`);
    return { created: false, record: existing };
  }

  async get(tenantId: string, ownerId: string, week: IsoWeek): Promise<WeeklyHourRecord | null> {
    const { rows } = await this.#sql.query<WeeklyHourRow>(
      'SELECT * FROM weekly_hours WHERE tenant_id = $1 AND owner_id = $2 AND week = $3',
      [tenantId, ownerId, week],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async update(
    tenantId: string,
    ownerId: string,
    week: IsoWeek,
    changes: WeeklyHourChanges,
    whenStatusIn: readonly WeeklyHourStatus[],
  ): Promise<WeeklyHourRecord | null> {
    const entries = (Object.keys(COLUMNS) as (keyof WeeklyHourChanges)[])
      .filter((key) => changes[key] !== undefined)
      .map((key) => [COLUMNS[key], changes[key]] as const);
    const params: unknown[] = [tenantId, ownerId, week, whenStatusIn];
    const assignments = entries.map(([column, value]) => {
      params.push(value);
      return `${column} = $${params.length}`;
    });
    if (assignments.length === 0) assignments.push('status = status');
    const { rows } = await this.#sql.query<WeeklyHourRow>(
      `UPDATE weekly_hours SET ${assignments.join(', ')}
       WHERE tenant_id = $1 AND owner_id = $2 AND week = $3 AND status = ANY($4::text[]) RETURNING *`,
      params,
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async listByOwner(tenantId: string, ownerId: string, limit: number): Promise<WeeklyHourRecord[]> {
    const { rows } = await this.#sql.query<WeeklyHourRow>(
      'SELECT * FROM weekly_hours WHERE tenant_id = $1 AND owner_id = $2 ORDER BY week DESC LIMIT $3',
      [tenantId, ownerId, limit],
    );
    return rows.map(toRecord);
  }

  async listDelegatedTo(tenantId: string, delegateId: string, week: IsoWeek): Promise<WeeklyHourRecord[]> {
    const { rows } = await this.#sql.query<WeeklyHourRow>(
      'SELECT * FROM weekly_hours WHERE tenant_id = $1 AND delegate_id = $2 AND week = $3 ORDER BY owner_id',
      [tenantId, delegateId, week],
    );
    return rows.map(toRecord);
  }

  async scheduleCard(tenantId: string, ownerId: string, dueAt: Date | null): Promise<void> {
    if (dueAt === null) {
      await this.#sql.query('DELETE FROM weekly_hour_schedule WHERE tenant_id = $1 AND owner_id = $2', [
        tenantId,
        ownerId,
      ]);
      return;
    }
    await this.#sql.query(
      `INSERT INTO weekly_hour_schedule (tenant_id, owner_id, due_at) VALUES ($1, $2, $3)
       ON CONFLICT (tenant_id, owner_id) DO UPDATE SET due_at = excluded.due_at`,
      [tenantId, ownerId, dueAt],
    );
  }

  async dueCards(now: Date, limit: number): Promise<ScheduledCard[]> {
    const { rows } = await this.#sql.query<{ tenantId: string; ownerId: string; dueAt: Date }>(
      `SELECT tenant_id AS "tenantId", owner_id AS "ownerId", due_at AS "dueAt" FROM weekly_hour_schedule
       WHERE due_at <= $1 ORDER BY due_at, tenant_id, owner_id LIMIT $2`,
      [now, limit],
    );
    return rows;
  }

  async unscheduledOwners(limit: number): Promise<{ tenantId: string; ownerId: string }[]> {
    // Only people who exist and are active: a schedule row needs the person, and a deactivated
    // owner gets no card.
    const { rows } = await this.#sql.query<{ tenantId: string; ownerId: string }>(
      `SELECT DISTINCT g.tenant_id AS "tenantId", o.owner_id AS "ownerId"
       FROM groups g CROSS JOIN LATERAL unnest(g.owner_ids) AS o (owner_id)
       JOIN people p ON p.tenant_id = g.tenant_id AND p.id = o.owner_id AND p.deactivated_at IS NULL
       WHERE NOT EXISTS (
         SELECT 1 FROM weekly_hour_schedule s WHERE s.tenant_id = g.tenant_id AND s.owner_id = o.owner_id)
       ORDER BY "tenantId", "ownerId" LIMIT $1`,
      [limit],
    );
    return rows;
  }
}
