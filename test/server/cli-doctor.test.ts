import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { steward } from '../support/cli-process.ts';
import { anInstallation, aTenant } from '../support/factories.ts';
import { FakeSlack } from '../support/fake-slack/index.ts';
import { FAKE_APP, FAKE_TENANT, FakeTeams } from '../support/fake-teams/index.ts';
import { type LoopbackServer, listenOnLoopback } from '../support/loopback-server.ts';
import { aServerDatabase, type ServerDatabase } from '../support/server-database.ts';
import { ROOT } from '../support/server-process.ts';

/** The bot scopes the Slack app's manifest asks for, read from the manifest itself. */
const MANIFEST_SCOPES: string[] = parse(readFileSync(join(ROOT, 'manifests/slack/manifest.yaml'), 'utf8')).oauth_config
  .scopes.bot;

/** `steward doctor` against the fake Slack and Teams, a stand-in public URL, and a real database. */
describe('steward doctor', { timeout: 240_000 }, () => {
  let database: ServerDatabase;
  let publicSite: LoopbackServer;
  const slack = new FakeSlack({
    workspaces: [
      { id: 'T0000FULL', token: 'xoxb-full', scopes: MANIFEST_SCOPES },
      { id: 'T0000LESS', token: 'xoxb-less', scopes: MANIFEST_SCOPES.filter((scope) => scope !== 'bookmarks:read') },
    ],
  });
  const teams = new FakeTeams();

  beforeAll(async () => {
    database = await aServerDatabase('steward-cli-doctor-');
    const store = await database.openStore();
    try {
      const tenant = aTenant();
      await store.tenants.save(tenant);
      await store.installations.save(anInstallation(tenant.id, 'teams', FAKE_TENANT.id, tenant.createdAt));
    } finally {
      await store.close();
    }
    await slack.start();
    await teams.start();
    // Where Group Steward would answer behind its proxy.
    publicSite = await listenOnLoopback((request) =>
      request.path === '/healthz' ? { status: 200, json: { status: 'ok' } } : { status: 404, raw: 'Not Found' },
    );
  });
  afterAll(async () => {
    await Promise.all([slack.stop(), teams.stop(), publicSite.close()]);
    await database.drop();
  });

  const env = (overrides: Record<string, string>) => ({
    ...database.env,
    SLACK_SIGNING_SECRET: 'signing-secret',
    SLACK_BOT_TOKEN: 'xoxb-full',
    SLACK_API_URL: slack.url,
    TEAMS_APP_ID: FAKE_APP.id,
    TEAMS_APP_PASSWORD: FAKE_APP.secret,
    TEAMS_TOKEN_URL: teams.tokenUrl,
    TEAMS_GRAPH_URL: teams.graphUrl,
    STEWARD_PUBLIC_URL: publicSite.origin,
    ...overrides,
  });

  it('passes every check when all is well, one ✓ line each, and exits 0', async () => {
    const run = await steward(['doctor'], env({}));
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines.filter((line) => line.startsWith('✗'))).toEqual([]);
    for (const name of [
      'configuration',
      'database',
      'migrations',
      'slack T0000FULL',
      'teams',
      `graph ${FAKE_TENANT.id}`,
      'public URL',
    ]) {
      expect(
        lines.some((line) => line.startsWith(`✓ ${name}:`)),
        name,
      ).toBe(true);
    }
    expect(run.stdout).toContain('✓ migrations: ');
    expect(run.stdout).toContain('none pending, none unknown');
    expect(lines.at(-1)).toBe('All checks passed.');
  });

  it('names the scope a token lacks and how to add it, and exits 1', async () => {
    const run = await steward(['doctor'], env({ SLACK_BOT_TOKEN: 'xoxb-less' }));
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('✗ slack T0000LESS: the token lacks 1 scopes of the manifest: bookmarks:read');
    expect(run.stdout).toContain(
      '    fix: add the scope bookmarks:read in the app config (OAuth & Permissions, or manifests/slack/manifest.yaml) and reinstall the app',
    );
    expect(run.stdout.trim().split('\n').at(-1)).toMatch(/^1 of \d+ checks failed\.$/);
  });

  it('says a refused Slack token, a wrong Teams secret and an unreachable public URL, each with its fix', async () => {
    const run = await steward(
      ['doctor'],
      env({
        SLACK_BOT_TOKEN: 'xoxb-unknown',
        TEAMS_APP_PASSWORD: 'wrong-secret',
        STEWARD_PUBLIC_URL: 'http://127.0.0.1:9',
      }),
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('✗ slack SLACK_BOT_TOKEN: Slack refused the token (invalid_auth)');
    expect(run.stdout).toContain(
      'fix: copy the Bot User OAuth Token again (OAuth & Permissions in the app config) into SLACK_BOT_TOKEN',
    );
    expect(run.stdout).toMatch(
      /✗ teams: no Bot Framework token: .*\n {4}fix: check TEAMS_APP_ID and TEAMS_APP_PASSWORD/,
    );
    expect(run.stdout).toMatch(
      /✗ public URL: http:\/\/127\.0\.0\.1:9 does not answer .*\n {4}fix: start Group Steward/,
    );
  });
});
