import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../apps/server/src/config.ts';
import { createLogger } from '../../apps/server/src/logger.ts';
import { type RunningSteward, startSteward } from '../../apps/server/src/steward.ts';
import { demoTenantId } from '../../core/src/demo/index.ts';
import { type DashboardViewer, dashboardScope, systemClock, translate } from '../../core/src/index.ts';
import { BrowserSession } from '../support/browser-session.ts';
import { createTemporaryPostgresDatabase, TEST_SECRET_KEYS } from '../support/temporary-postgres.ts';

const json = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

describe('demo sign-in on the embedded demo store', () => {
  let dataDir: string;
  let steward: RunningSteward;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'steward-demo-signin-'));
    steward = await startSteward(
      loadConfig({ STEWARD_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', STEWARD_ROLE: 'web' }),
      createLogger('silent', false),
    );
  }, 180_000);
  afterAll(async () => {
    await steward?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('signs a newcomer in as a demo community manager, who sees the whole demo company', async () => {
    const browser = new BrowserSession();
    const response = await browser.fetch(`${steward.url}/auth/demo`, json({ role: 'community_manager' }));
    expect(response.status).toBe(200);
    const viewer = (await response.json()) as DashboardViewer;
    expect(viewer).toMatchObject({ role: 'community_manager', tenantId: demoTenantId() });
    const person = await steward.store.people.get(viewer.tenantId, viewer.personId);
    expect(person?.roles).toContain('community_manager');
    const session = await browser.fetch(`${steward.url}/auth/session`);
    expect(await session.json()).toEqual(viewer);
    expect(await dashboardScope({ store: steward.store, clock: systemClock }, viewer)).toEqual({
      kind: 'tenant',
      tenantId: demoTenantId(),
    });
  });

  it('signs a newcomer in as a demo owner of several groups, who sees only theirs', async () => {
    const browser = new BrowserSession();
    const response = await browser.fetch(`${steward.url}/auth/demo`, json({ role: 'owner' }));
    const viewer = (await response.json()) as DashboardViewer;
    expect(viewer).toMatchObject({ role: 'owner', tenantId: demoTenantId() });
    const scope = await dashboardScope({ store: steward.store, clock: systemClock }, viewer);
    const owned = await steward.store.groups.listOwnedBy(viewer.tenantId, viewer.personId);
    expect(owned.length).toBeGreaterThan(1);
    expect(scope).toEqual({ kind: 'groups', tenantId: demoTenantId(), groupIds: owned.map((group) => group.id) });
    expect((await browser.fetch(`${steward.url}/auth/session`)).status).toBe(200);
  });

  it("lets the demo sign-in's cookie read /api/v1 in the real server: the community manager every demo group, the owner only theirs", async () => {
    const manager = new BrowserSession();
    await manager.fetch(`${steward.url}/auth/demo`, json({ role: 'community_manager' }));
    const all = (await (await manager.fetch(`${steward.url}/api/v1/groups?limit=200`)).json()) as {
      total: number;
      rows: { groupId: string }[];
    };
    const demoGroups = (await steward.store.groups.list(demoTenantId())).filter((group) => group.state === 'active');
    expect(all.total).toBe(demoGroups.length);
    expect(all.rows.map((row) => row.groupId).sort()).toEqual(demoGroups.map((group) => group.id).sort());

    const owner = new BrowserSession();
    const viewer = (await (
      await owner.fetch(`${steward.url}/auth/demo`, json({ role: 'owner' }))
    ).json()) as DashboardViewer;
    const theirs = (await (await owner.fetch(`${steward.url}/api/v1/groups?limit=200`)).json()) as {
      rows: { groupId: string }[];
    };
    const owned = await steward.store.groups.listOwnedBy(viewer.tenantId, viewer.personId);
    expect(theirs.rows.map((row) => row.groupId).sort()).toEqual(owned.map((group) => group.id).sort());
    expect((await fetch(`${steward.url}/api/v1/groups`)).status).toBe(401);
  });

  it('offers the demo on the sign-in page, whose buttons post a form and land on the dashboard', async () => {
    const page = await (await fetch(`${steward.url}/auth/signin`)).text();
    expect(page).toContain(translate('en', 'signin.demo_community_manager'));
    expect(page).toContain('action="/auth/demo"');
    const browser = new BrowserSession();
    const response = await browser.fetch(`${steward.url}/auth/demo`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'role=owner&next=%2Fdashboard',
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/dashboard');
    expect((await browser.fetch(`${steward.url}/auth/session`)).status).toBe(200);
  });

  it('speaks the newcomer’s language: the one asked, else the browser’s; the dashboard then speaks it too', async () => {
    const asked = new BrowserSession();
    const russian = (await (
      await asked.fetch(`${steward.url}/auth/demo`, json({ role: 'community_manager', locale: 'ru' }))
    ).json()) as DashboardViewer;
    expect(russian.locale).toBe('ru');
    expect(await (await asked.fetch(`${steward.url}/auth/session`)).json()).toMatchObject({
      personId: russian.personId,
      locale: 'ru',
    });

    const browser = new BrowserSession();
    const headers = { 'content-type': 'application/json', 'accept-language': 'fr-CH, fr;q=0.9, en;q=0.8' };
    const french = (await (
      await browser.fetch(`${steward.url}/auth/demo`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ role: 'owner' }),
      })
    ).json()) as DashboardViewer;
    expect(french.locale).toBe('fr');
    expect((await steward.store.people.get(french.tenantId, french.personId))?.locale).toBe('fr');

    const refused = await fetch(`${steward.url}/auth/demo`, json({ role: 'owner', locale: 'de' }));
    expect(refused.status).toBe(400);
    expect(refused.headers.get('set-cookie')).toBeNull();
    expect((await steward.store.people.get(french.tenantId, french.personId))?.locale).toBe('fr');
  });

  it('refuses a role that is none of the two, and a body that is not one, with a 400', async () => {
    for (const body of [{ role: 'administrator' }, {}, { role: ['owner'] }]) {
      const response = await fetch(`${steward.url}/auth/demo`, json(body));
      expect(response.status).toBe(400);
      expect(response.headers.get('set-cookie')).toBeNull();
    }
    const garbage = await fetch(`${steward.url}/auth/demo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"role":',
    });
    expect(garbage.status).toBe(400);
    expect(await garbage.json()).toEqual({ error: 'bad_request' });
  });
});

const serverUrl = process.env['TEST_DATABASE_URL'];

describe.runIf(serverUrl)('demo sign-in with a real database (DATABASE_URL)', () => {
  let database: { url: string; drop: () => Promise<void> };
  let steward: RunningSteward;
  beforeAll(async () => {
    database = await createTemporaryPostgresDatabase(serverUrl!);
    steward = await startSteward(
      loadConfig({
        DATABASE_URL: database.url,
        STEWARD_SECRET_KEYS: TEST_SECRET_KEYS,
        PORT: '0',
        HOST: '127.0.0.1',
        STEWARD_ROLE: 'web',
      }),
      createLogger('silent', false),
    );
  }, 60_000);
  afterAll(async () => {
    await steward?.stop();
    await database?.drop();
  });

  it('answers 404 and signs nobody in', async () => {
    const response = await fetch(`${steward.url}/auth/demo`, json({ role: 'community_manager' }));
    expect(response.status).toBe(404);
    expect(response.headers.get('set-cookie')).toBeNull();
    expect(await (await fetch(`${steward.url}/auth/signin`)).text()).not.toContain('/auth/demo');
  });
});
