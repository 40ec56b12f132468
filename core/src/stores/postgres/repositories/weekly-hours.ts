import type { IsoWeek } from '../../../domain/iso-week.ts';
import type { WeeklyHourRecord, WeeklyHourStatus } from '../../../domain/weekly-hour.ts';
import type {
  ScheduledCard,
  WeeklyHourChanges,
  WeeklyHourKey,
  WeeklyHourRepository,
} from '../../../ports/store/weekly-hours.ts';
import { firstOfEach } from '../../first-of-each.ts';
import { epochMs, type Sql } from '../sql.ts';

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
  time_off: boolean;
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
    timeOff: row.time_off,
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

/** A record's key in maps; ids are compared as PostgreSQL prints them (lowercase). */
function keyOf(tenantId: string, ownerId: string, week: string): string {
  return `${tenantId.toLowerCase()} ${ownerId.toLowerCase()} ${week}`;
}

/**
 * The record of the key in `keys` (a row of tenant_id, owner_id and week), as a LATERAL subquery
 * of a batch: its LIMIT keeps the planner from flattening it into a join, so each key is one
 * lookup on the primary key. As a join, a planner without statistics (PGlite before its first
 * ANALYZE) underestimates a tenant's rows and may read all of them, for every batch, instead.
 */
const BY_KEY = (keys: string, also = '') => `
  SELECT * FROM weekly_hours
  WHERE tenant_id = ${keys}.tenant_id AND owner_id = ${keys}.owner_id AND week = ${keys}.week${also}
  LIMIT 1`;

/**
 * Creates the records not there yet: $1… are their columns as arrays (times as epoch ms), each
 * key once; RETURNING lists those created. Rows are inserted in key order, so that concurrent
 * batches take their keys in one order and never wait for each other in a cycle (a deadlock).
 */
const CLAIM_MANY = `
INSERT INTO weekly_hours (tenant_id, owner_id, week, status, created_at, card_sent_at, first_action_at, done_at,
  snoozed_until, skip_reason, delegate_id, time_off)
SELECT tenant_id, owner_id, week, status, to_timestamp(created_ms / 1000.0), to_timestamp(card_sent_ms / 1000.0),
  to_timestamp(first_action_ms / 1000.0), to_timestamp(done_ms / 1000.0), to_timestamp(snoozed_ms / 1000.0), skip_reason,
  delegate_id, time_off
FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::float8[], $6::float8[], $7::float8[], $8::float8[],
  $9::float8[], $10::text[], $11::uuid[], $12::boolean[])
  AS u (tenant_id, owner_id, week, status, created_ms, card_sent_ms, first_action_ms, done_ms, snoozed_ms, skip_reason,
    delegate_id, time_off)
ORDER BY tenant_id, owner_id, week
ON CONFLICT (tenant_id, owner_id, week) DO NOTHING
RETURNING *`;

/** $1 tenant ids, $2 owner ids, $3 weeks (each key once): those records, of any tenant. */
const FIND_MANY = `
SELECT w.* FROM unnest($1::uuid[], $2::uuid[], $3::text[]) AS k (tenant_id, owner_id, week)
CROSS JOIN LATERAL (${BY_KEY('k')}) w`;

/** $1 tenant, $2 owner ids, $3 weeks: those records of the tenant, each once. */
const GET_MANY = `
SELECT w.* FROM (SELECT DISTINCT $1::uuid AS tenant_id, owner_id, week FROM unnest($2::uuid[], $3::text[]) AS u (owner_id, week)) k
CROSS JOIN LATERAL (${BY_KEY('k')}) w`;

/**
 * $1 tenant, $2 owner ids, $3 weeks, $4 when. The subquery locks the records to change, taking
 * the keys in order (so that concurrent calls never wait for each other in a cycle), and re-checks
 * a record another call has just changed on its new version: a card marked meanwhile keeps its
 * time. The UPDATE then finds each by its whole key, which no plan reads a tenant's rows for.
 */
const MARK_CARDS_SENT = `
UPDATE weekly_hours w SET card_sent_at = $4
FROM (
  SELECT r.tenant_id, r.owner_id, r.week
  FROM (SELECT DISTINCT $1::uuid AS tenant_id, owner_id, week FROM unnest($2::uuid[], $3::text[]) AS u (owner_id, week)
        ORDER BY owner_id, week) k
  CROSS JOIN LATERAL (${BY_KEY('k', " AND status = 'pending' AND card_sent_at IS NULL")} FOR UPDATE) r
) due
WHERE w.tenant_id = due.tenant_id AND w.owner_id = due.owner_id AND w.week = due.week`;

/**
 * $1 tenant, $2 owner ids (each once), $3 records kept per owner, $4 before this week. Each owner's
 * newest records are read backwards along the key, owners in the order given.
 */
const LIST_RECENT_BY_OWNERS = `
SELECT w.* FROM unnest($2::uuid[]) WITH ORDINALITY AS o (owner_id, i)
CROSS JOIN LATERAL (
  SELECT * FROM weekly_hours
  WHERE tenant_id = $1 AND owner_id = o.owner_id AND week < $4
  ORDER BY week DESC LIMIT $3
) w
ORDER BY o.i, w.week DESC`;

/**
 * $1 tenant, $2 owners taken off the schedule, $3 owners (re)scheduled, $4 their due times as
 * epoch ms; no owner in both. The upsert takes its rows in key order, as the claims do.
 */
const SCHEDULE_CARDS = `
WITH removed AS (DELETE FROM weekly_hour_schedule WHERE tenant_id = $1::uuid AND owner_id = ANY ($2::uuid[]))
INSERT INTO weekly_hour_schedule (tenant_id, owner_id, due_at)
SELECT $1::uuid, owner_id, to_timestamp(due_ms / 1000.0) FROM unnest($3::uuid[], $4::float8[]) AS u (owner_id, due_ms)
ORDER BY owner_id
ON CONFLICT (tenant_id, owner_id) DO UPDATE SET due_at = excluded.due_at`;

export class PostgresWeeklyHours implements WeeklyHourRepository {
  readonly #sql: Sql;
  constructor(sql: Sql) {
    this.#sql = sql;
  }

  // A single claim keeps its own statement: with scalar parameters it runs faster than with arrays.
  async claim(record: WeeklyHourRecord): Promise<{ created: boolean; record: WeeklyHourRecord }> {
    const inserted = await this.#sql.query<WeeklyHourRow>(
      `INSERT INTO weekly_hours (tenant_id, owner_id, week, status, created_at, card_sent_at, first_action_at,
         done_at, snoozed_until, skip_reason, delegate_id, time_off)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
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
        record.timeOff,
      ],
    );
    if (inserted.rows[0]) return { created: true, record: toRecord(inserted.rows[0]) };
    const existing = await this.get(record.tenantId, record.ownerId, record.week);
    if (!existing) throw new Error(`weekly hour ${record.ownerId} ${record.week} vanished while being claimed`);
    return { created: false, record: existing };
  }

  async claimMany(records: readonly WeeklyHourRecord[]): Promise<WeeklyHourRecord[]> {
    if (records.length === 0) return [];
    // A record given twice is claimed once, as first given.
    const claims = firstOfEach(records, (r) => keyOf(r.tenantId, r.ownerId, r.week));
    const created = await this.#sql.query<WeeklyHourRow>(CLAIM_MANY, [
      claims.map((r) => r.tenantId),
      claims.map((r) => r.ownerId),
      claims.map((r) => r.week),
      claims.map((r) => r.status),
      claims.map((r) => r.createdAt.getTime()),
      claims.map((r) => epochMs(r.cardSentAt)),
      claims.map((r) => epochMs(r.firstActionAt)),
      claims.map((r) => epochMs(r.doneAt)),
      claims.map((r) => epochMs(r.snoozedUntil)),
      claims.map((r) => r.skipReason),
      claims.map((r) => r.delegateId),
      claims.map((r) => r.timeOff),
    ]);
    const stored = new Map(created.rows.map((row) => [keyOf(row.tenant_id, row.owner_id, row.week), toRecord(row)]));
    // The others were there, or a racing claimer created them meanwhile: a new statement sees both.
    const existing = claims.filter((r) => !stored.has(keyOf(r.tenantId, r.ownerId, r.week)));
    if (existing.length > 0) {
      const found = await this.#sql.query<WeeklyHourRow>(FIND_MANY, [
        existing.map((r) => r.tenantId),
        existing.map((r) => r.ownerId),
        existing.map((r) => r.week),
      ]);
      for (const row of found.rows) stored.set(keyOf(row.tenant_id, row.owner_id, row.week), toRecord(row));
    }
    return records.map((r) => {
      const record = stored.get(keyOf(r.tenantId, r.ownerId, r.week));
      if (!record) throw new Error(`weekly hour ${r.ownerId} ${r.week} vanished while being claimed`);
      return record;
    });
  }

  async get(tenantId: string, ownerId: string, week: IsoWeek): Promise<WeeklyHourRecord | null> {
    const { rows } = await this.#sql.query<WeeklyHourRow>(
      'SELECT * FROM weekly_hours WHERE tenant_id = $1 AND owner_id = $2 AND week = $3',
      [tenantId, ownerId, week],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async getMany(tenantId: string, keys: readonly WeeklyHourKey[]): Promise<WeeklyHourRecord[]> {
    if (keys.length === 0) return [];
    const { rows } = await this.#sql.query<WeeklyHourRow>(GET_MANY, [
      tenantId,
      keys.map((k) => k.ownerId),
      keys.map((k) => k.week),
    ]);
    return rows.map(toRecord);
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

  async markCardsSent(tenantId: string, keys: readonly WeeklyHourKey[], at: Date): Promise<void> {
    if (keys.length === 0) return;
    await this.#sql.query(MARK_CARDS_SENT, [tenantId, keys.map((k) => k.ownerId), keys.map((k) => k.week), at]);
  }

  async listByOwner(tenantId: string, ownerId: string, limit: number): Promise<WeeklyHourRecord[]> {
    const { rows } = await this.#sql.query<WeeklyHourRow>(
      'SELECT * FROM weekly_hours WHERE tenant_id = $1 AND owner_id = $2 ORDER BY week DESC LIMIT $3',
      [tenantId, ownerId, limit],
    );
    return rows.map(toRecord);
  }

  async listRecentByOwners(
    tenantId: string,
    ownerIds: readonly string[],
    beforeWeek: IsoWeek,
    limit: number,
  ): Promise<WeeklyHourRecord[]> {
    if (ownerIds.length === 0 || limit <= 0) return [];
    const distinct = [...new Map(ownerIds.map((id) => [id.toLowerCase(), id])).values()];
    const { rows } = await this.#sql.query<WeeklyHourRow>(LIST_RECENT_BY_OWNERS, [
      tenantId,
      distinct,
      limit,
      beforeWeek,
    ]);
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

  async scheduleCards(
    tenantId: string,
    entries: readonly { readonly ownerId: string; readonly dueAt: Date | null }[],
  ): Promise<void> {
    if (entries.length === 0) return;
    // As one call each, in order: an owner's last entry stands.
    const last = [...new Map(entries.map((entry) => [entry.ownerId.toLowerCase(), entry])).values()];
    const due = last.filter((entry) => entry.dueAt !== null);
    await this.#sql.query(SCHEDULE_CARDS, [
      tenantId,
      last.filter((entry) => entry.dueAt === null).map((entry) => entry.ownerId),
      due.map((entry) => entry.ownerId),
      due.map((entry) => epochMs(entry.dueAt)),
    ]);
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
    // Only people who exist and are active, owning an active group: a schedule row needs the
    // person, and a deactivated owner, or one whose groups are all archived, gets no card.
    const { rows } = await this.#sql.query<{ tenantId: string; ownerId: string }>(
      `SELECT DISTINCT g.tenant_id AS "tenantId", o.owner_id AS "ownerId"
       FROM groups g CROSS JOIN LATERAL unnest(g.owner_ids) AS o (owner_id)
       JOIN people p ON p.tenant_id = g.tenant_id AND p.id = o.owner_id AND p.deactivated_at IS NULL
       WHERE g.state = 'active' AND NOT EXISTS (
         SELECT 1 FROM weekly_hour_schedule s WHERE s.tenant_id = g.tenant_id AND s.owner_id = o.owner_id)
       ORDER BY "tenantId", "ownerId" LIMIT $1`,
      [limit],
    );
    return rows;
  }
}
