import type { Platform } from '../../../domain/platform.ts';
import type { Installation, InstallationRepository } from '../../../ports/store/installations.ts';
import { type MaybeKeyRing, openInstallationSecrets, sealInstallationSecrets } from '../../secret-keys.ts';
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

function toInstallation(row: InstallationRow, ring: MaybeKeyRing): Installation {
  return {
    platform: row.platform as Platform,
    workspaceId: row.workspace_id,
    tenantId: row.tenant_id,
    enterpriseInstall: row.enterprise_install,
    installedAt: row.installed_at,
    secrets: openInstallationSecrets(ring, row.platform, row.workspace_id, row.secrets),
    revokedAt: row.revoked_at,
    // Absent when not known, as installations saved without it are read back.
    ...(row.granted_scopes ? { grantedScopes: row.granted_scopes } : {}),
  };
}

/** Secrets are stored as JSON, sealed with the store's keys when it has some. */
export class PostgresInstallations implements InstallationRepository {
  readonly #sql: Sql;
  readonly #ring: MaybeKeyRing;
  readonly #toInstallation = (row: InstallationRow) => toInstallation(row, this.#ring);
  constructor(sql: Sql, ring: MaybeKeyRing) {
    this.#sql = sql;
    this.#ring = ring;
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
        JSON.stringify(
          sealInstallationSecrets(this.#ring, installation.platform, installation.workspaceId, installation.secrets),
        ),
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
    return rows[0] ? this.#toInstallation(rows[0]) : null;
  }

  async revoke(platform: Platform, workspaceId: string, at: Date): Promise<Installation | null> {
    const { rows } = await this.#sql.query<InstallationRow>(
      `UPDATE installations SET revoked_at = $3
       WHERE platform = $1 AND workspace_id = $2 AND revoked_at IS NULL RETURNING *`,
      [platform, workspaceId, at],
    );
    return rows[0] ? this.#toInstallation(rows[0]) : null;
  }

  async listByTenant(tenantId: string): Promise<Installation[]> {
    const { rows } = await this.#sql.query<InstallationRow>(
      'SELECT * FROM installations WHERE tenant_id = $1 ORDER BY platform, workspace_id',
      [tenantId],
    );
    return rows.map(this.#toInstallation);
  }

  async listByPlatform(platform: Platform): Promise<Installation[]> {
    const { rows } = await this.#sql.query<InstallationRow>(
      'SELECT * FROM installations WHERE platform = $1 ORDER BY workspace_id',
      [platform],
    );
    return rows.map(this.#toInstallation);
  }

  // One row a workspace: few, read whole.
  async reseal(): Promise<number> {
    const ring = this.#ring;
    if (!ring) return 0;
    const { rows } = await this.#sql.query<InstallationRow>(
      'SELECT platform, workspace_id, secrets FROM installations',
    );
    const stale = rows.filter((row) => ring.needsReseal(row.secrets));
    for (const row of stale) {
      const secrets = sealInstallationSecrets(
        ring,
        row.platform,
        row.workspace_id,
        openInstallationSecrets(ring, row.platform, row.workspace_id, row.secrets),
      );
      // Only if no one replaced it meanwhile (a reinstall seals under the first key itself).
      await this.#sql.query(
        'UPDATE installations SET secrets = $3 WHERE platform = $1 AND workspace_id = $2 AND secrets = $4',
        [row.platform, row.workspace_id, JSON.stringify(secrets), JSON.stringify(row.secrets)],
      );
    }
    return stale.length;
  }
}
