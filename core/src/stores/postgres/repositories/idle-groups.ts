import type { IdleCheck, IdleGroupPolicy } from '../../../domain/idle-group.ts';
import type { IdleGroupRepository } from '../../../ports/store/idle-groups.ts';
import type { Sql } from '../sql.ts';

interface CheckRow {
  [column: string]: unknown;
  tenant_id: string;
  group_id: string;
  round: number;
  warnings: number;
  last_warned_at: Date | null;
  proposed_at: Date | null;
  checks_from: Date | null;
  certified_until: Date | null;
}

const toCheck = (row: CheckRow): IdleCheck => ({
  tenantId: row.tenant_id,
  groupId: row.group_id,
  round: row.round,
  warnings: row.warnings,
  lastWarnedAt: row.last_warned_at,
  proposedAt: row.proposed_at,
  checksFrom: row.checks_from,
  certifiedUntil: row.certified_until,
});

export class PostgresIdleGroups implements IdleGroupRepository {
  readonly #sql: Sql;
  constructor(sql: Sql) {
    this.#sql = sql;
  }

  async getPolicy(tenantId: string): Promise<IdleGroupPolicy | null> {
    const { rows } = await this.#sql.query<{ idle_group_policy: IdleGroupPolicy | null }>(
      'SELECT idle_group_policy FROM tenants WHERE id = $1',
      [tenantId],
    );
    const policy = rows[0]?.idle_group_policy ?? null;
    return policy && { ...policy, exemptGroupIds: [...policy.exemptGroupIds] };
  }

  async setPolicy(tenantId: string, policy: IdleGroupPolicy): Promise<void> {
    const { idleAfterDays, certifyForMonths, warningsBeforeProposal, warningIntervalDays, exemptGroupIds } = policy;
    const stored = {
      idleAfterDays,
      certifyForMonths,
      warningsBeforeProposal,
      warningIntervalDays,
      exemptGroupIds: [...exemptGroupIds],
    };
    await this.#sql.query('UPDATE tenants SET idle_group_policy = $2::jsonb WHERE id = $1', [
      tenantId,
      JSON.stringify(stored),
    ]);
  }

  async getChecks(tenantId: string, groupIds: readonly string[]): Promise<IdleCheck[]> {
    if (groupIds.length === 0) return [];
    const { rows } = await this.#sql.query<CheckRow>(
      'SELECT * FROM group_idle_checks WHERE tenant_id = $1 AND group_id = ANY($2::uuid[])',
      [tenantId, [...new Set(groupIds)]],
    );
    return rows.map(toCheck);
  }

  async recordWarning(tenantId: string, groupId: string, round: number, warning: number, at: Date): Promise<boolean> {
    // A group never checked is in round 0 without warnings: its first warning inserts the row.
    const { rowCount } = await this.#sql.query(
      `INSERT INTO group_idle_checks AS c (tenant_id, group_id, round, warnings, last_warned_at)
       SELECT $1::uuid, $2::uuid, $3::int, $4::int, $5::timestamptz WHERE $3::int = 0 AND $4::int = 1
       ON CONFLICT (tenant_id, group_id) DO UPDATE SET warnings = excluded.warnings, last_warned_at = excluded.last_warned_at
       WHERE c.round = excluded.round AND c.warnings = excluded.warnings - 1 AND c.proposed_at IS NULL`,
      [tenantId, groupId, round, warning, at],
    );
    if (rowCount > 0 || (round === 0 && warning === 1)) return rowCount > 0;
    const updated = await this.#sql.query(
      `UPDATE group_idle_checks SET warnings = $4, last_warned_at = $5
       WHERE tenant_id = $1 AND group_id = $2 AND round = $3 AND warnings = $4 - 1 AND proposed_at IS NULL`,
      [tenantId, groupId, round, warning, at],
    );
    return updated.rowCount > 0;
  }

  async propose(tenantId: string, groupId: string, round: number, at: Date): Promise<boolean> {
    const { rowCount } = await this.#sql.query(
      'UPDATE group_idle_checks SET proposed_at = $4 WHERE tenant_id = $1 AND group_id = $2 AND round = $3 AND proposed_at IS NULL',
      [tenantId, groupId, round, at],
    );
    return rowCount > 0;
  }

  async answer(next: IdleCheck): Promise<boolean> {
    const { rowCount } = await this.#sql.query(
      `INSERT INTO group_idle_checks AS c (tenant_id, group_id, round, warnings, last_warned_at, proposed_at, checks_from, certified_until)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (tenant_id, group_id) DO UPDATE SET round = excluded.round, warnings = excluded.warnings,
         last_warned_at = excluded.last_warned_at, proposed_at = excluded.proposed_at, checks_from = excluded.checks_from,
         certified_until = excluded.certified_until
       WHERE c.round = excluded.round - 1`,
      [
        next.tenantId,
        next.groupId,
        next.round,
        next.warnings,
        next.lastWarnedAt,
        next.proposedAt,
        next.checksFrom,
        next.certifiedUntil,
      ],
    );
    return rowCount > 0;
  }

  async listProposed(tenantId: string, limit: number): Promise<IdleCheck[]> {
    const { rows } = await this.#sql.query<CheckRow>(
      'SELECT * FROM group_idle_checks WHERE tenant_id = $1 AND proposed_at IS NOT NULL ORDER BY proposed_at, group_id LIMIT $2',
      [tenantId, limit],
    );
    return rows.map(toCheck);
  }
}
