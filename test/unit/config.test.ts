import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../apps/server/src/config.ts';

/** Two keys, the one to seal with first: a rotation under way. */
const KEYS = `k2:${Buffer.alloc(32, 2).toString('base64')},k1:${Buffer.alloc(32, 1).toString('base64')}`;

describe('server configuration', () => {
  it('runs with no setting at all on the embedded store', () => {
    expect(loadConfig({})).toEqual({
      port: 3000,
      host: '0.0.0.0',
      database: { kind: 'embedded', dataDir: './data', secretKeys: null },
      role: 'all',
      demo: true,
      logLevel: 'info',
      slack: null,
      teams: null,
      organisation: { workspaces: [], name: null, roles: { community_manager: [], administrator: [] } },
      signIn: {
        publicUrl: null,
        entra: null,
        slack: null,
        session: { idleMs: 8 * 3_600_000, absoluteMs: 7 * 86_400_000 },
      },
      // Links in chat point here; sign-in providers need STEWARD_PUBLIC_URL set.
      publicUrl: 'http://localhost:3000',
    });
  });

  it('offers Entra ID sign-in with the Teams app’s registration, or its own, once the public URL is known', () => {
    const teams = {
      TEAMS_APP_ID: '6f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
      TEAMS_APP_PASSWORD: 'bot-secret',
      TEAMS_TENANT_ID: '72F988BF-86F1-41AF-91AB-2D7CD011DB47',
    };
    // Without a public URL there is no redirect URI: the bot runs, no provider is offered.
    expect(loadConfig(teams).signIn.entra).toBeNull();
    const config = loadConfig({ ...teams, STEWARD_PUBLIC_URL: 'https://steward.example.com/' });
    expect(config.signIn.publicUrl).toBe('https://steward.example.com');
    expect(config.signIn.entra).toEqual({
      issuer: 'https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0',
      clientId: teams.TEAMS_APP_ID,
      clientSecret: 'bot-secret',
      tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
    });
    const own = loadConfig({
      ...teams,
      STEWARD_PUBLIC_URL: 'https://steward.example.com',
      ENTRA_CLIENT_ID: '0b7d7a54-3c1e-4f0a-8a55-0d3f6f1a2b3c',
      ENTRA_CLIENT_SECRET: 'web-secret',
    });
    expect(own.signIn.entra).toMatchObject({
      clientId: '0b7d7a54-3c1e-4f0a-8a55-0d3f6f1a2b3c',
      clientSecret: 'web-secret',
    });
  });

  it('offers Sign in with Slack with the Slack app’s client id and secret, and reads the session lengths', () => {
    const config = loadConfig({
      SLACK_SIGNING_SECRET: 's',
      SLACK_CLIENT_ID: '1.2',
      SLACK_CLIENT_SECRET: 'c',
      SLACK_STATE_SECRET: 'st',
      STEWARD_PUBLIC_URL: 'http://localhost:3000',
      STEWARD_SESSION_IDLE_HOURS: '1.5',
      STEWARD_SESSION_MAX_DAYS: '1',
    });
    expect(config.signIn.slack).toEqual({ issuer: 'https://slack.com', clientId: '1.2', clientSecret: 'c' });
    expect(config.signIn.entra).toBeNull();
    expect(config.signIn.session).toEqual({ idleMs: 5_400_000, absoluteMs: 86_400_000 });
  });

  it('reads the organisation’s workspaces and the people named for each role', () => {
    const config = loadConfig({
      STEWARD_WORKSPACES:
        ' slack:T0123ABCD, teams:72F988BF-86F1-41AF-91AB-2D7CD011DB47,slack:E0456EFGH,slack:T0123ABCD ',
      STEWARD_ORGANISATION_NAME: ' Acme ',
      STEWARD_COMMUNITY_MANAGERS: 'Ana@Example.com, ben@example.com,ana@example.com',
      STEWARD_ADMINISTRATORS: 'ops@example.com',
    });
    expect(config.organisation).toEqual({
      workspaces: [
        { platform: 'slack', workspaceId: 'T0123ABCD' },
        { platform: 'teams', workspaceId: '72f988bf-86f1-41af-91ab-2d7cd011db47' },
        { platform: 'slack', workspaceId: 'E0456EFGH' },
      ],
      name: 'Acme',
      roles: { community_manager: ['ana@example.com', 'ben@example.com'], administrator: ['ops@example.com'] },
    });
    expect(loadConfig({ STEWARD_ADMINISTRATORS: 'ops@example.com' }).organisation).toEqual({
      workspaces: [],
      name: null,
      roles: { community_manager: [], administrator: ['ops@example.com'] },
    });
  });

  it('enables Teams with its app id and secret', () => {
    const appId = '6f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
    expect(loadConfig({ TEAMS_APP_ID: appId, TEAMS_APP_PASSWORD: 'secret' }).teams).toEqual({
      appId,
      appPassword: 'secret',
      tenantId: undefined,
      openIdMetadataUrl: undefined,
      tokenUrl: undefined,
      graphUrl: undefined,
    });
  });

  it('enables Slack when its settings are present, with a bot token or with OAuth', () => {
    expect(loadConfig({ SLACK_SIGNING_SECRET: 's3cret', SLACK_BOT_TOKEN: 'xoxb-1-2-abc' }).slack).toEqual({
      signingSecret: 's3cret',
      auth: { kind: 'token', botToken: 'xoxb-1-2-abc' },
      appToken: undefined,
      apiUrl: undefined,
    });
    const oauth = {
      SLACK_SIGNING_SECRET: 's',
      SLACK_CLIENT_ID: '1.2',
      SLACK_CLIENT_SECRET: 'c',
      SLACK_STATE_SECRET: 'st',
    };
    expect(loadConfig(oauth).slack?.auth).toEqual({
      kind: 'oauth',
      clientId: '1.2',
      clientSecret: 'c',
      stateSecret: 'st',
    });
    expect(loadConfig({ SLACK_APP_TOKEN: 'xapp-1', SLACK_BOT_TOKEN: 'xoxb-1' }).slack).toMatchObject({
      appToken: 'xapp-1',
    });
  });

  it('chooses PostgreSQL or MongoDB from their URLs', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u:p@db:5432/steward', STEWARD_SECRET_KEYS: KEYS }).database).toEqual({
      kind: 'postgres',
      url: 'postgres://u:p@db:5432/steward',
      secretKeys: [
        { id: 'k2', key: Buffer.alloc(32, 2) },
        { id: 'k1', key: Buffer.alloc(32, 1) },
      ],
    });
    expect(
      loadConfig({ MONGODB_URI: 'mongodb://db:27017/steward', STEWARD_ROLE: 'worker', STEWARD_SECRET_KEYS: KEYS }),
    ).toMatchObject({
      database: { kind: 'mongodb', uri: 'mongodb://db:27017/steward' },
      role: 'worker',
    });
    expect(loadConfig({ STEWARD_DATA_DIR: '/var/lib/steward', PORT: '8080', STEWARD_DEMO: 'false' })).toMatchObject({
      database: { kind: 'embedded', dataDir: '/var/lib/steward' },
      port: 8080,
      demo: false,
    });
  });

  it('refuses a server database without the key that seals tokens at rest, and a key that is not 32 bytes', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://u:p@db:5432/steward' })).toThrow(
      'STEWARD_SECRET_KEYS must be set with DATABASE_URL or MONGODB_URI: the key that seals the platforms’ tokens in the database, as k1:<key> where the key is 32 random bytes in base64 (openssl rand -base64 32)',
    );
    expect(() => loadConfig({ MONGODB_URI: 'mongodb://db:27017/steward' })).toThrow(
      /^STEWARD_SECRET_KEYS must be set with/,
    );
    const short = `k1:${Buffer.alloc(16).toString('base64')}`;
    // The key is a secret: the message never repeats it.
    expect(() => loadConfig({ DATABASE_URL: 'postgres://db/steward', STEWARD_SECRET_KEYS: short })).toThrow(
      'STEWARD_SECRET_KEYS must be comma-separated id:key entries, each key 32 random bytes in base64 (openssl rand -base64 32), the key to seal with first, such as k2:…,k1:…',
    );
    // The embedded store keeps a key of its own when none is given.
    expect(loadConfig({}).database).toEqual({ kind: 'embedded', dataDir: './data', secretKeys: null });
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' })).toMatchObject({ port: 3000, database: { kind: 'embedded' } });
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT must be a port number from 0 to 65535 (got "abc")'],
    [{ PORT: '70000' }, 'PORT must be a port number from 0 to 65535 (got "70000")'],
    [{ STEWARD_ROLE: 'boss' }, 'STEWARD_ROLE must be one of all, web, worker (got "boss")'],
    [{ STEWARD_DEMO: 'yes' }, 'STEWARD_DEMO must be true or false (got "yes")'],
    [
      { DATABASE_URL: 'mysql://root:secret@db/steward' },
      'DATABASE_URL must be a PostgreSQL URL such as postgres://user:password@host:5432/steward',
    ],
    [
      { DATABASE_URL: 'postgres://db/steward', MONGODB_URI: 'mongodb://db/steward' },
      'MONGODB_URI must be unset while DATABASE_URL is set: choose one database',
    ],
    [
      { SLACK_BOT_TOKEN: 'xoxb-1' },
      'SLACK_SIGNING_SECRET must be set to the app’s signing secret (Basic Information in the Slack app settings) for Slack over HTTP',
    ],
    [
      { SLACK_SIGNING_SECRET: 's', SLACK_CLIENT_ID: '1.2' },
      'SLACK_BOT_TOKEN must be set (one workspace), or SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET all set (installs through OAuth)',
    ],
    [
      { SLACK_SIGNING_SECRET: 's', SLACK_BOT_TOKEN: 'xoxp-user-token' },
      'SLACK_BOT_TOKEN must be a bot token starting with xoxb-',
    ],
    [
      { TEAMS_APP_ID: '6f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d' },
      'TEAMS_APP_PASSWORD must be set with TEAMS_APP_ID: the bot’s client secret (Certificates & secrets of its Entra app)',
    ],
    [
      { TEAMS_APP_ID: 'my-bot', TEAMS_APP_PASSWORD: 's' },
      'TEAMS_APP_ID must be the bot’s Entra application (client) id, a GUID (got "my-bot")',
    ],
    [
      { STEWARD_WORKSPACES: 'slack:T0123ABCD,teams:contoso.onmicrosoft.com' },
      'STEWARD_WORKSPACES must be comma-separated slack:<team or enterprise id> and teams:<Entra tenant GUID> entries, such as slack:T0123ABCD,teams:72f988bf-86f1-41af-91ab-2d7cd011db47 (got "slack:T0123ABCD,teams:contoso.onmicrosoft.com")',
    ],
    [
      { STEWARD_WORKSPACES: 'T0123ABCD' },
      'STEWARD_WORKSPACES must be comma-separated slack:<team or enterprise id> and teams:<Entra tenant GUID> entries, such as slack:T0123ABCD,teams:72f988bf-86f1-41af-91ab-2d7cd011db47 (got "T0123ABCD")',
    ],
    [
      { STEWARD_ORGANISATION_NAME: 'Acme' },
      'STEWARD_ORGANISATION_NAME must be set with STEWARD_WORKSPACES: it names the organisation those workspaces form (got "Acme")',
    ],
    [
      { STEWARD_COMMUNITY_MANAGERS: 'ana@example.com; ben@example.com' },
      'STEWARD_COMMUNITY_MANAGERS must be comma-separated e-mail addresses, such as ana@example.com,ben@example.com (got "ana@example.com; ben@example.com")',
    ],
    [
      { STEWARD_ADMINISTRATORS: ' , ' },
      'STEWARD_ADMINISTRATORS must be comma-separated e-mail addresses, such as ana@example.com,ben@example.com (got " , ")',
    ],
    [
      { STEWARD_PUBLIC_URL: 'http://steward.example.com' },
      'STEWARD_PUBLIC_URL must be an https:// URL (plain http:// only for localhost), such as https://steward.example.com (got "http://steward.example.com")',
    ],
    [
      { ENTRA_CLIENT_ID: '0b7d7a54-3c1e-4f0a-8a55-0d3f6f1a2b3c', STEWARD_PUBLIC_URL: 'https://steward.example.com' },
      'ENTRA_CLIENT_ID must be set with ENTRA_CLIENT_SECRET and ENTRA_TENANT_ID (or the Teams app’s TEAMS_APP_ID, TEAMS_APP_PASSWORD and TEAMS_TENANT_ID) (got "0b7d7a54-3c1e-4f0a-8a55-0d3f6f1a2b3c")',
    ],
    [
      {
        ENTRA_CLIENT_ID: '0b7d7a54-3c1e-4f0a-8a55-0d3f6f1a2b3c',
        ENTRA_CLIENT_SECRET: 'x',
        ENTRA_TENANT_ID: '72f988bf-86f1-41af-91ab-2d7cd011db47',
      },
      'STEWARD_PUBLIC_URL must be set for Entra sign-in: its redirect URI is <STEWARD_PUBLIC_URL>/auth/callback/entra',
    ],
    [
      { ENTRA_CLIENT_SECRET: 'do-not-echo', ENTRA_TENANT_ID: 'contoso' },
      'ENTRA_TENANT_ID must be the Entra tenant id (Directory id), a GUID (got "contoso")',
    ],
    [{ STEWARD_SESSION_IDLE_HOURS: '0' }, 'STEWARD_SESSION_IDLE_HOURS must be a number of hours above 0 (got "0")'],
  ])('refuses %j with one line naming the setting', (env, message) => {
    expect(() => loadConfig(env)).toThrow(new ConfigError(message));
  });
});
