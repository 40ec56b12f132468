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
  /**
   * When the app was uninstalled or its token revoked; null while it is live. A revoked
   * installation is kept, so that its tenant (and data) stays, a reinstall finds it again, and its
   * token is known to be dead even after a restart.
   */
  readonly revokedAt: Date | null;
  /**
   * The scopes the install granted (Slack's OAuth answer), which say what the app may do there;
   * null or absent when not known (a token given in the configuration, Teams).
   */
  readonly grantedScopes?: readonly string[] | null;
}

export interface InstallationRepository {
  /** Inserts or replaces the installation for (platform, workspaceId). */
  save(installation: Installation): Promise<void>;
  /** Across tenants: an incoming request names only its workspace. Revoked ones too. */
  find(platform: Platform, workspaceId: string): Promise<Installation | null>;
  /**
   * Marks it revoked at `at` (uninstall, tokens revoked) and returns it as it now stands; null when
   * there is none, or it was revoked already (the first revocation's time stands).
   */
  revoke(platform: Platform, workspaceId: string, at: Date): Promise<Installation | null>;
  listByTenant(tenantId: string): Promise<Installation[]>;
  /** A platform's installations, revoked ones too, by workspace id: one a workspace, so few. */
  listByPlatform(platform: Platform): Promise<Installation[]>;
  /**
   * Seals again, under the store's first secret key, every installation's secrets that are in clear
   * (stored before keys were configured) or under an older key; returns how many. Run at each start,
   * it finishes a key rotation. A store opened without keys has nothing to do.
   */
  reseal(): Promise<number>;
}
