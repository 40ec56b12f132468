// No demo surface on real data: on PostgreSQL the preview inbox and the demo seed do not exist,
// and error answers name no file or stack.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../apps/server/src/config.ts';
import { createLogger } from '../../apps/server/src/logger.ts';
import { type RunningSteward, startSteward } from '../../apps/server/src/steward.ts';
import { LocalBotFrameworkIssuer } from '../support/bot-framework-auth.ts';
import { FAKE_APP, FakeTeams } from '../support/fake-teams/index.ts';
import { fakeTeamsSettings } from '../support/platform-settings.ts';
import { createTemporaryPostgresDatabase, TEST_SECRET_KEYS } from '../support/temporary-postgres.ts';

const serverUrl = process.env['TEST_DATABASE_URL'];

describe.runIf(serverUrl)('Group Steward on PostgreSQL (DATABASE_URL)', () => {
  let database: { url: string; drop: () => Promise<void> };
  let bare: RunningSteward;
  beforeAll(async () => {
    database = await createTemporaryPostgresDatabase(serverUrl!);
    // No platform configured, demo left at its default: on the embedded store this is the demo.
    bare = await startSteward(
      loadConfig({ DATABASE_URL: database.url, STEWARD_SECRET_KEYS: TEST_SECRET_KEYS, PORT: '0', HOST: '127.0.0.1' }),
      createLogger('silent', false),
    );
  }, 60_000);
  afterAll(async () => {
    await bare?.stop();
    await database?.drop();
  });

  it('has no preview inbox and seeds no demo company', async () => {
    expect((await fetch(`${bare.url}/preview`)).status).toBe(404);
    expect((await fetch(`${bare.url}/preview/api/people`)).status).toBe(404);
    expect(await bare.store.tenants.list()).toEqual([]);
  });

  it('answers an unknown route with a 404 that names nothing of the server', async () => {
    const response = await fetch(`${bare.url}/no/such/route`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: 'not_found' });
  });
});

describe.runIf(serverUrl)('error answers on PostgreSQL', () => {
  const issuer = new LocalBotFrameworkIssuer();
  const fake = new FakeTeams();
  let database: { url: string; drop: () => Promise<void> };
  let steward: RunningSteward;
  beforeAll(async () => {
    database = await createTemporaryPostgresDatabase(serverUrl!);
    const openIdMetadataUrl = await issuer.start();
    await fake.start();
    const config = loadConfig({
      DATABASE_URL: database.url,
      STEWARD_SECRET_KEYS: TEST_SECRET_KEYS,
      PORT: '0',
      HOST: '127.0.0.1',
      ...fakeTeamsSettings(fake, openIdMetadataUrl),
    });
    steward = await startSteward(config, createLogger('silent', false));
  }, 60_000);
  afterAll(async () => {
    await steward?.stop();
    await fake.stop();
    await issuer.stop();
    await database?.drop();
  });

  it('refuses a body that is not JSON with a 400 that carries no stack trace or file path', async () => {
    const response = await fetch(`${steward.url}/api/messages`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${issuer.serviceToken(FAKE_APP.id, fake.serviceUrl())}`,
      },
      body: '{"type": "message", ',
    });
    expect(response.status).toBe(400);
    const text = await response.text();
    expect(text).not.toMatch(/at |\.ts|\.js|node_modules|\/work\//);
  });
});
