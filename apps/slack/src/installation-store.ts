import type { InstallationQuery, InstallationStore, Installation as SlackInstallation } from '@slack/bolt';
import { type CoreDeps, recordInstallation, removeInstallation } from '@steward/core';

/**
 * Bolt's installation store on ours. An organisation-wide install is kept under the enterprise id;
 * the first time one of its workspaces is seen, an entry for that workspace is added too, so that
 * the core finds the tenant from the workspace id every event carries.
 */
export function slackInstallationStore(deps: CoreDeps): InstallationStore {
  const find = (workspaceId: string) => deps.store.installations.find('slack', workspaceId);

  return {
    async storeInstallation(installation) {
      const enterprise = installation.isEnterpriseInstall === true;
      const workspaceId = enterprise ? installation.enterprise?.id : installation.team?.id;
      if (!workspaceId) throw new Error('Slack installation without a team or enterprise id');
      await recordInstallation(deps, {
        platform: 'slack',
        workspaceId,
        workspaceName: (enterprise ? installation.enterprise?.name : installation.team?.name) ?? workspaceId,
        enterpriseInstall: enterprise,
        secrets: { installation: installation as unknown as Record<string, unknown> },
        // Bolt's installation: the bot scopes the OAuth answer granted (oauth.v2.access `scope`).
        grantedScopes: installation.bot?.scopes ?? null,
      });
    },

    async fetchInstallation(query: InstallationQuery<boolean>) {
      // A revoked installation is as good as none: its token is dead.
      const own = query.teamId ? await find(query.teamId) : null;
      if (own && !own.enterpriseInstall && own.revokedAt === null)
        return own.secrets['installation'] as SlackInstallation;
      const org = query.enterpriseId ? await find(query.enterpriseId) : null;
      if (!org || org.revokedAt !== null)
        throw new Error(
          `no Slack installation for team ${query.teamId ?? '-'} / enterprise ${query.enterpriseId ?? '-'}`,
        );
      if (query.teamId && !own) {
        await deps.store.installations.save({ ...org, workspaceId: query.teamId, installedAt: deps.clock.now() });
      }
      return org.secrets['installation'] as SlackInstallation;
    },

    async deleteInstallation(query: InstallationQuery<boolean>) {
      const workspaceId = query.isEnterpriseInstall ? query.enterpriseId : query.teamId;
      if (workspaceId) await removeInstallation(deps, 'slack', workspaceId, 'app_uninstalled');
    },
  };
}
