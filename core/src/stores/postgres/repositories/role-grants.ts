import type { RoleSource } from '../../../domain/organisation.ts';
import type { Role } from '../../../domain/person.ts';
import type { RoleGrant, RoleGrantRepository } from '../../../ports/store/role-grants.ts';
import type { Sql } from '../sql.ts';

interface RoleGrantRow {
  [column: string]: unknown;
  tenant_id: string;
  email: string;
  role: string;
  source: string;
  granted_at: Date;
}

function toGrant(row: RoleGrantRow): RoleGrant {
  return {
    tenantId: row.tenant_id,
    email: row.email,
    role: row.role as Role,
    source: row.source as RoleSource,
    grantedAt: row.granted_at,
  };
}

export class PostgresRoleGrants implements RoleGrantRepository {
  readonly #sql: Sql;
  constructor(sql: Sql) {
    this.#sql = sql;
  }

  async grant(grant: RoleGrant): Promise<boolean> {
    const { rowCount } = await this.#sql.query(
      `INSERT INTO role_grants (tenant_id, email, role, source, granted_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT DO NOTHING`,
      [grant.tenantId, grant.email, grant.role, grant.source, grant.grantedAt],
    );
    return rowCount > 0;
  }

  async revoke(tenantId: string, email: string, role: Role, source: RoleSource): Promise<boolean> {
    const { rowCount } = await this.#sql.query(
      'DELETE FROM role_grants WHERE tenant_id = $1 AND email = $2 AND role = $3 AND source = $4',
      [tenantId, email, role, source],
    );
    return rowCount > 0;
  }

  async list(tenantId: string): Promise<RoleGrant[]> {
    const { rows } = await this.#sql.query<RoleGrantRow>(
      'SELECT * FROM role_grants WHERE tenant_id = $1 ORDER BY email COLLATE "C", role, source',
      [tenantId],
    );
    return rows.map(toGrant);
  }

  async listForEmail(tenantId: string, email: string): Promise<RoleGrant[]> {
    const { rows } = await this.#sql.query<RoleGrantRow>(
      'SELECT * FROM role_grants WHERE tenant_id = $1 AND email = $2 ORDER BY role, source',
      [tenantId, email],
    );
    return rows.map(toGrant);
  }
}
