import type { IsoWeek } from '../../../domain/iso-week.ts';
import type { DigestClaim, DigestRepository } from '../../../ports/store/digests.ts';
import type { Sql } from '../sql.ts';

interface DigestRow {
  [column: string]: unknown;
  tenant_id: string;
  person_id: string;
  week: string;
  claimed_at: Date;
  sent_at: Date | null;
}

const toClaim = (row: DigestRow): DigestClaim => ({
  tenantId: row.tenant_id,
  personId: row.person_id,
  week: row.week as IsoWeek,
  claimedAt: row.claimed_at,
  sentAt: row.sent_at,
});

export class PostgresDigests implements DigestRepository {
  readonly #sql: Sql;
  constructor(sql: Sql) {
    this.#sql = sql;
  }

  async claimMany(tenantId: string, personIds: readonly string[], week: IsoWeek, at: Date): Promise<DigestClaim[]> {
    if (personIds.length === 0) return [];
    const ids = [...new Set(personIds)];
    await this.#sql.query(
      `INSERT INTO digests (tenant_id, person_id, week, claimed_at)
       SELECT $1, person_id, $3, $4 FROM unnest($2::uuid[]) AS person_id
       ON CONFLICT DO NOTHING`,
      [tenantId, ids, week, at],
    );
    // A new statement sees the claims made here and those a racing job made meanwhile.
    const { rows } = await this.#sql.query<DigestRow>(
      'SELECT * FROM digests WHERE tenant_id = $1 AND week = $3 AND person_id = ANY($2::uuid[])',
      [tenantId, ids, week],
    );
    return rows.map(toClaim);
  }

  async markSent(tenantId: string, personIds: readonly string[], week: IsoWeek, at: Date): Promise<void> {
    if (personIds.length === 0) return;
    await this.#sql.query(
      'UPDATE digests SET sent_at = $4 WHERE tenant_id = $1 AND week = $3 AND person_id = ANY($2::uuid[]) AND sent_at IS NULL',
      [tenantId, [...new Set(personIds)], week, at],
    );
  }
}
