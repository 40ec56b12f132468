import type { Installation as SlackInstallation } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSteward } from '../../apps/server/src/steward.ts';
import { slackInstallationStore } from '../../apps/slack/src/installation-store.ts';
import { SLACK_BOT_SCOPES } from '../../apps/slack/src/scopes.ts';
import { systemClock } from '../../core/src/ports/clock.ts';
import type { Store } from '../../core/src/ports/store/index.ts';
import { openTemporaryEmbeddedStore } from '../support/embedded-store.ts';
import { FakeSlack } from '../support/fake-slack/index.ts';
import { startStewardWithSlack } from '../support/steward-with-slack.ts';

const teamInstall = (team: string, token: string): SlackInstallation => ({
  team: { id: team, name: 'Northwind' },
  enterprise: undefined,
  user: { token: undefined, scopes: undefined, id: 'U0ADMIN' },
  bot: { token, scopes: [...SLACK_BOT_SCOPES], id: 'B0BOT', userId: 'U0BOT' },
  isEnterpriseInstall: false,
});

describe('Slack installations through OAuth', () => {
  let store: Store;
  let dispose: () => Promise<void>;
  beforeAll(async () => ({ store, dispose } = await openTemporaryEmbeddedStore()));
  afterAll(() => dispose());

  it('makes a first install a tenant, keeps it on reinstall, and forgets the install on removal', async () => {
    const installations = slackInstallationStore({ store, clock: systemClock });
    await installations.storeInstallation(teamInstall('T0OAUTH', 'xoxb-first'));
    const first = await store.installations.find('slack', 'T0OAUTH');
    expect((await store.tenants.get(first!.tenantId))?.name).toBe('Northwind');

    await installations.storeInstallation(teamInstall('T0OAUTH', 'xoxb-second'));
    expect((await store.installations.find('slack', 'T0OAUTH'))?.tenantId).toBe(first!.tenantId);
    const fetched = await installations.fetchInstallation({
      teamId: 'T0OAUTH',
      enterpriseId: undefined,
      isEnterpriseInstall: false,
    });
    expect(fetched.bot?.token).toBe('xoxb-second');

    await installations.deleteInstallation!({ teamId: 'T0OAUTH', enterpriseId: undefined, isEnterpriseInstall: false });
    await expect(
      installations.fetchInstallation({ teamId: 'T0OAUTH', enterpriseId: undefined, isEnterpriseInstall: false }),
    ).rejects.toThrow();
  });

  it('serves every workspace of an organisation-wide install from one tenant', async () => {
    const installations = slackInstallationStore({ store, clock: systemClock });
    await installations.storeInstallation({
      team: undefined,
      enterprise: { id: 'E0ORG', name: 'Northwind Group' },
      user: { token: undefined, scopes: undefined, id: 'U0ADMIN' },
      bot: { token: 'xoxb-org', scopes: [...SLACK_BOT_SCOPES], id: 'B0BOT', userId: 'U0BOT' },
      isEnterpriseInstall: true,
    });
    const fetched = await installations.fetchInstallation({
      teamId: 'T0PARIS',
      enterpriseId: 'E0ORG',
      isEnterpriseInstall: false,
    });
    expect(fetched.bot?.token).toBe('xoxb-org');
    const org = await store.installations.find('slack', 'E0ORG');
    expect((await store.installations.find('slack', 'T0PARIS'))?.tenantId).toBe(org!.tenantId);
  });
});

describe('the install route', () => {
  const fake = new FakeSlack();
  let steward: RunningSteward;
  let stop: () => Promise<void>;
  beforeAll(async () => {
    await fake.start();
    ({ steward, dispose: stop } = await startStewardWithSlack(fake, {
      SLACK_CLIENT_ID: '1234.5678',
      SLACK_CLIENT_SECRET: 'client-secret',
      SLACK_STATE_SECRET: 'state-secret',
    }));
  }, 60_000);
  afterAll(async () => {
    await stop?.();
    await fake.stop();
  });

  it('sends the installer to Slack’s consent page with exactly the manifest’s scopes', async () => {
    const response = await fetch(`${steward.url}/slack/install`, { redirect: 'manual' });
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get('location')!);
    expect(location.origin + location.pathname).toBe('https://slack.com/oauth/v2/authorize');
    expect(location.searchParams.get('client_id')).toBe('1234.5678');
    expect(location.searchParams.get('scope')?.split(',')).toEqual([...SLACK_BOT_SCOPES]);
    expect(location.searchParams.get('state')).toBeTruthy();
  });
});
