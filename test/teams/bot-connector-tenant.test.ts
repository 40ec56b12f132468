import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../apps/server/src/config.ts';
import { createLogger } from '../../apps/server/src/logger.ts';
import { type RunningSteward, startSteward } from '../../apps/server/src/steward.ts';
import { type Card, enqueue, systemClock } from '../../core/src/index.ts';
import { LocalBotFrameworkIssuer } from '../support/bot-framework-auth.ts';
import { eventually } from '../support/eventually.ts';
import { aPerson, aTenant } from '../support/factories.ts';
import { FAKE_APP, FAKE_TENANT, FakeTeams } from '../support/fake-teams/index.ts';

// Issue "A real install works from day one", item 8: the bot's tenant (TEAMS_TENANT_ID) is the one
// its Bot Connector tokens come from. Per "Authentication with the Bot Connector API"
// (https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-authentication),
// a single-tenant bot asks `login.microsoftonline.com/{its tenant}/oauth2/v2.0/token`, a (legacy)
// multi-tenant one `…/botframework.com/…`. Azure creates single-tenant bots only since July 2025,
// and Entra refuses them a token from botframework.com (the fake does the same).

const TENANT = FAKE_TENANT.id;
const ALICE = 'aaaaaaaa-0000-4000-8000-000000000001';
const BOT_CONNECTOR_SCOPE = 'https://api.botframework.com/.default';
const card: Card = {
  locale: 'en',
  title: 'Your weekly hour',
  summary: 'Your weekly hour',
  blocks: [{ kind: 'text', text: 'Three things need you.' }],
};

describe.each([
  { bot: 'a single-tenant bot', tenantId: TENANT, authority: TENANT },
  { bot: 'a multi-tenant bot', tenantId: undefined, authority: 'botframework.com' },
])('$bot sends through the Bot Connector with a token of $authority', ({ tenantId, authority }) => {
  const issuer = new LocalBotFrameworkIssuer();
  const fake = new FakeTeams({ app: { ...FAKE_APP, ...(tenantId ? { tenantId } : {}) } });
  let dataDir: string;
  let steward: RunningSteward;

  beforeAll(async () => {
    const openIdMetadataUrl = await issuer.start();
    await fake.start();
    fake.addUser({ id: ALICE, tenantId: TENANT, displayName: 'Alice Martin' });
    dataDir = await mkdtemp(join(tmpdir(), 'steward-bot-tenant-'));
    const config = loadConfig({
      STEWARD_DATA_DIR: dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      STEWARD_DEMO: 'false',
      TEAMS_APP_ID: FAKE_APP.id,
      TEAMS_APP_PASSWORD: FAKE_APP.secret,
      ...(tenantId ? { TEAMS_TENANT_ID: tenantId } : {}),
      TEAMS_OPENID_METADATA_URL: openIdMetadataUrl,
      TEAMS_TOKEN_URL: fake.tokenUrl,
      TEAMS_GRAPH_URL: fake.graphUrl,
    });
    steward = await startSteward(config, createLogger('silent', false));
  }, 60_000);

  afterAll(async () => {
    await steward?.stop();
    await fake.stop();
    await issuer.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('delivers a card to a person’s 1:1 chat', async () => {
    const tenant = aTenant({ name: 'Northwind' });
    await steward.store.tenants.save(tenant);
    await steward.store.installations.save({
      platform: 'teams',
      workspaceId: TENANT,
      tenantId: tenant.id,
      enterpriseInstall: false,
      installedAt: new Date(),
      secrets: { serviceUrl: fake.serviceUrl() },
      revokedAt: null,
    });
    await steward.store.people.save(
      aPerson(tenant.id, { identities: [{ platform: 'teams', workspaceId: TENANT, userId: ALICE }] }),
    );

    const to = { platform: 'teams' as const, workspaceId: TENANT, userId: ALICE };
    const { message } = await enqueue({ store: steward.store, clock: systemClock }, tenant.id, 'teams', {
      operation: 'send_card',
      payload: { to, card },
    });
    await eventually(
      async () => expect(await steward.store.outbox.get(tenant.id, message.id)).toMatchObject({ status: 'sent' }),
      10_000,
    );
    expect(fake.conversationWith(ALICE)?.activities).toHaveLength(1);

    const connectorTokens = fake
      .callsTo('token')
      .filter((call) => (call.body as { scope?: string }).scope === BOT_CONNECTOR_SCOPE);
    expect(connectorTokens.map((call) => [call.path, call.status])).toEqual([
      [`/login/${authority}/oauth2/v2.0/token`, 200],
    ]);
  });
});
