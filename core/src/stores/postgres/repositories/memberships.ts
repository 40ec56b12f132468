import type { Membership } from '../../../domain/membership.ts';
import type { MembershipRepository } from '../../../ports/store/memberships.ts';
import type { Sql } from '../sql.ts';

interface MembershipRow {
  [column: string]: unknown;
  tenant_id: string;
  group_id: string;
  person_id: string;
  joined_at: Date;
  left_at: Date | null;
}

function toMembership(row: MembershipRow): Membership {
  return {
    tenantId: row.tenant_id,
    groupId: row.group_id,
    personId: row.person_id,
    joinedAt: row.joined_at,
    leftAt: row.left_at,
  };
}

export class PostgresMemberships implements MembershipRepository {
  readonly #sql: Sql;
  constructor(sql: Sql) {
    this.#sql = sql;
  }

  async recordJoin(tenantId: string, groupId: string, personId: string, at: Date): Promise<void> {
    // A repeated join of a current member keeps the first join date; a rejoin after leaving starts anew.
    await this.#sql.query(
      `INSERT INTO memberships AS m (tenant_id, group_id, person_id, joined_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (tenant_id, group_id, person_id) DO UPDATE SET joined_at = excluded.joined_at, left_at = NULL
       WHERE m.left_at IS NOT NULL`,
      [tenantId, groupId, personId, at],
    );
  }

  async recordLeave(tenantId: string, groupId: string, personId: string, at: Date): Promise<void> {
    await this.#sql.query(
      `UPDATE memberships SET left_at = $4
       WHERE tenant_id = $1 AND group_id = $2 AND person_id = $3 AND left_at IS NULL`,
      [tenantId, groupId, personId, at],
    );
  }

  async get(tenantId: string, groupId: string, personId: string): Promise<Membership | null> {
    const { rows } = await this.#sql.query<MembershipRow>(
      'SELECT * FROM memberships WHERE tenant_id = $1 AND group_id = $2 AND person_id = $3',
      [tenantId, groupId, personId],
    );
    return rows[0] ? toMembership(rows[0]) : null;
  }

  async getMany(tenantId: string, groupId: string, personIds: readonly string[]): Promise<Membership[]> {
    if (personIds.length === 0) return [];
    const { rows } = await this.#sql.query<MembershipRow>(
      'SELECT * FROM memberships WHERE tenant_id = $1 AND group_id = $2 AND person_id = ANY($3::uuid[])',
      [tenantId, groupId, personIds],
    );
    return rows.map(toMembership);
  }

  async listEndedAmong(
    tenantId: string,
    groupIds: readonly string[],
    personIds: readonly string[],
  ): Promise<Membership[]> {
    if (groupIds.length === 0 || personIds.length === 0) return [];
    const { rows } = await this.#sql.query<MembershipRow>(
      'SELECT * FROM memberships WHERE tenant_id = $1 AND group_id = ANY($2::uuid[]) AND person_id = ANY($3::uuid[]) AND left_at IS NOT NULL',
      [tenantId, groupIds, personIds],
    );
    return rows.map(toMembership);
  }

  async recordSeen(
    tenantId: string,
    groupId: string,
    personIds: readonly string[],
    at: { joinedAt: Date; seenAt: Date },
  ): Promise<void> {
    if (personIds.length === 0) return;
    // Each person once (a row cannot be updated twice in one statement), in order, so that two
    // syncs of the same group never wait for each other in a cycle.
    const ids = [...new Set(personIds)].sort();
    await this.#sql.query(
      `INSERT INTO memberships AS m (tenant_id, group_id, person_id, joined_at, last_seen_at)
       SELECT $1, $2, p, $4, $5 FROM unnest($3::uuid[]) AS p
       ON CONFLICT (tenant_id, group_id, person_id) DO UPDATE SET
         joined_at = CASE WHEN m.left_at IS NULL THEN m.joined_at ELSE excluded.joined_at END,
         left_at = NULL,
         last_seen_at = GREATEST(m.last_seen_at, excluded.last_seen_at)`,
      [tenantId, groupId, ids, at.joinedAt, at.seenAt],
    );
  }

  async listUnseenSince(tenantId: string, groupId: string, since: Date): Promise<string[]> {
    // GREATEST ignores a null: a member never seen by a sync counts from their join.
    const { rows } = await this.#sql.query<{ person_id: string }>(
      `SELECT person_id FROM memberships
       WHERE tenant_id = $1 AND group_id = $2 AND left_at IS NULL AND GREATEST(joined_at, last_seen_at) < $3
       ORDER BY person_id`,
      [tenantId, groupId, since],
    );
    return rows.map((row) => row.person_id);
  }

  async listMembers(tenantId: string, groupId: string): Promise<Membership[]> {
    const { rows } = await this.#sql.query<MembershipRow>(
      `SELECT * FROM memberships WHERE tenant_id = $1 AND group_id = $2 AND left_at IS NULL
       ORDER BY joined_at, person_id`,
      [tenantId, groupId],
    );
    return rows.map(toMembership);
  }

  async countMembers(tenantId: string, groupId: string): Promise<number> {
    const { rows } = await this.#sql.query<{ count: number }>(
      'SELECT count(*) AS count FROM memberships WHERE tenant_id = $1 AND group_id = $2 AND left_at IS NULL',
      [tenantId, groupId],
    );
    return rows[0]?.count ?? 0;
  }

  async listByPerson(tenantId: string, personId: string): Promise<Membership[]> {
    const { rows } = await this.#sql.query<MembershipRow>(
      `SELECT * FROM memberships WHERE tenant_id = $1 AND person_id = $2 AND left_at IS NULL
       ORDER BY joined_at, group_id`,
      [tenantId, personId],
    );
    return rows.map(toMembership);
  }
}
