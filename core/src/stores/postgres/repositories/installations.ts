import type { Platform } from '../../../domain/platform.ts';
import type { Installation, InstallationRepository } from '../../../ports/store/installations.ts';
import type { Sql } from '../sql.ts';

interface InstallationRow {
  [column: string]: unknown;
  platform: string;
  workspace_id: string;
  tenant_id: string;
  enterprise_install: boolean;
  installed_at: Date;
  secrets: Record<string, unknown>;
  revoked_at: Date | null;
  granted_scopes: string[] | null;
}

function toInstallation(row: InstallationRow): Installation {
  return {
    platform: row.platform as Platform,
    workspaceId: row.workspace_id,
    tenantId: row.tenant_id,
    enterpriseInstall: row.enterprise_install,
    installedAt: row.installed_at,
    secrets: row.secrets,
    revokedAt: row.revoked_at,
    // Absent when not known, as installations saved without it are read back.
    ...(row.granted_scopes ? { grantedScopes: row.granted_scopes } : {}),
  };
}

/** Secrets are stored as JSON. */
export class PostgresInstallations implements InstallationRepository {
  readonly #sql: Sql;
  constructor(sql: Sql) {
    this.#sql = sql;
  }

  async save(installation: Installation): Promise<void> {
    // A reinstall replaces everything, its date and tokens included.
    await this.#sql.query(
      `INSERT INTO installations (platform, workspace_id, tenant_id, enterprise_install, installed_at, secrets, revoked_at, granted_scopes)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (platform, workspace_id) DO UPDATE SET tenant_id = excluded.tenant_id,
         enterprise_install = excluded.enterprise_install, installed_at = excluded.installed_at,
         secrets = excluded.secrets, revoked_at = excluded.revoked_at, granted_scopes = excluded.granted_scopes`,
      [
        installation.platform,
        installation.workspaceId,
        installation.tenantId,
        installation.enterpriseInstall,
        installation.installedAt,
        JSON.stringify(installation.secrets),
        installation.revokedAt,
        installation.grantedScopes ?? null,
      ],
    );
  }

  async find(platform: Platform, workspaceId: string): Promise<Installation | null> {
    const { rows } = await this.#sql.query<InstallationRow>(
      'SELECT * FROM installations WHERE platform = $1 AND workspace_id = $2',
      [platform, workspaceId],
    );
    return rows[0] ? toInstallation(rows[0]) : null;
  }

  async revoke(platform: Platform, workspaceId: string, at: Date): Promise<Installation | null> {
    const { rows } = await this.#sql.query<InstallationRow>(
      `UPDATE installations SET revoked_at = $3
       WHERE platform = $1 AND workspace_id = $2 AND revoked_at IS NULL RETURNING *`,
      [platform, workspaceId, at],
    );
    return rows[0] ? toInstallation(rows[0]) : null;
  }

  async listByTenant(tenantId: string): Promise<Installation[]> {
    const { rows } = await this.#sql.query<InstallationRow>(
      'SELECT * FROM installations WHERE tenant_id = $1 ORDER BY platform, workspace_id',
      [tenantId],
    );
    return rows.map(toInstallation);
  }

  async listByPlatform(platform: Platform): Promise<Installation[]> {
    const { rows } = await this.#sql.query<InstallationRow>(
      'SELECT * FROM installations WHERE platform = $1 ORDER BY workspace_id',
      [platform],
    );
    return rows.map(toInstallation);
  }
}
