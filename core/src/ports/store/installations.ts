import type { Platform } from '../../domain/platform.ts';

/**
 * The app installed in a Slack workspace or organisation (or a Teams tenant), and the tenant it
 * serves. `secrets` holds what the platform handed over (tokens); only the edge reads it.
 */
export interface Installation {
  readonly platform: Platform;
  /** Slack: the team id, or the enterprise id for an organisation-wide install; Teams: the tenant id. */
  readonly workspaceId: string;
  readonly tenantId: string;
  readonly enterpriseInstall: boolean;
  readonly installedAt: Date;
  readonly secrets: Readonly<Record<string, unknown>>;
}

export interface InstallationRepository {
  /** Inserts or replaces the installation for (platform, workspaceId). */
  save(installation: Installation): Promise<void>;
  /** Across tenants: an incoming request names only its workspace. */
  find(platform: Platform, workspaceId: string): Promise<Installation | null>;
  /** Removes it (uninstall, tokens revoked); true when one was there. */
  remove(platform: Platform, workspaceId: string): Promise<boolean>;
  listByTenant(tenantId: string): Promise<Installation[]>;
}
