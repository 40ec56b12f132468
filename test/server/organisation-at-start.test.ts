import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../apps/server/src/config.ts';
import { createLogger } from '../../apps/server/src/logger.ts';
import { startSteward } from '../../apps/server/src/steward.ts';
import { openEmbeddedStore } from '../../core/src/stores/postgres/index.ts';
import { anInstallation, aPerson, aTenant } from '../support/factories.ts';

const ENTRA = '72f988bf-86f1-41af-91ab-2d7cd011db47';

/** The server applies the organisation and the roles of its configuration as it starts. */
describe('organisation settings at start', () => {
  let dataDir: string;
  const slackTenant = aTenant({ createdAt: new Date('2026-01-01T00:00:00Z') });
  const teamsTenant = aTenant({ createdAt: new Date('2026-02-01T00:00:00Z') });
  const onSlack = aPerson(slackTenant.id, {
    email: 'ana@acme.example',
    identities: [{ platform: 'slack', workspaceId: 'T0ACME', userId: 'U0ANA' }],
  });
  const onTeams = aPerson(teamsTenant.id, {
    email: 'ana@acme.example',
    identities: [{ platform: 'teams', workspaceId: ENTRA, userId: 'aad-ana' }],
  });

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'steward-organisation-'));
    const { store } = await openEmbeddedStore(dataDir);
    try {
      for (const [tenant, platform, workspaceId] of [
        [slackTenant, 'slack', 'T0ACME'],
        [teamsTenant, 'teams', ENTRA],
      ] as const) {
        await store.tenants.save(tenant);
        await store.installations.save(anInstallation(tenant.id, platform, workspaceId, tenant.createdAt));
      }
      await store.people.save(onSlack);
      await store.people.save(onTeams);
    } finally {
      await store.close();
    }
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('merges the listed workspaces’ tenants and grants the configured roles before serving', async () => {
    const config = loadConfig({
      STEWARD_DATA_DIR: dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      STEWARD_ROLE: 'web',
      STEWARD_DEMO: 'false',
      STEWARD_WORKSPACES: `slack:T0ACME,teams:${ENTRA}`,
      STEWARD_ORGANISATION_NAME: 'Acme',
      STEWARD_COMMUNITY_MANAGERS: 'ANA@acme.example',
    });
    const steward = await startSteward(config, createLogger('silent', false));
    try {
      expect(await steward.store.tenants.list()).toMatchObject([{ id: slackTenant.id, name: 'Acme' }]);
      const [ana, ...nobodyElse] = await steward.store.people.list(slackTenant.id);
      expect(nobodyElse).toEqual([]);
      expect(ana).toMatchObject({
        id: onSlack.id,
        roles: ['community_manager'],
        identities: [onSlack.identities[0], onTeams.identities[0]],
      });
    } finally {
      await steward.stop();
    }
  });
});
