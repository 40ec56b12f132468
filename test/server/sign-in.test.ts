import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuth } from '../../apps/server/src/auth/index.ts';
import { loadConfig } from '../../apps/server/src/config.ts';
import { createHttpApp } from '../../apps/server/src/http.ts';
import { StewardMetrics } from '../../apps/server/src/observability/metrics.ts';
import {
  type CoreDeps,
  DEFAULT_SESSION_POLICY,
  hashSessionId,
  type Installation,
  openSession,
  type Person,
  type Store,
  systemClock,
  type Tenant,
  translate,
} from '../../core/src/index.ts';
import { PostgresStore } from '../../core/src/stores/postgres/index.ts';
import { BrowserSession } from '../support/browser-session.ts';
import { openTemporaryEmbeddedStore } from '../support/embedded-store.ts';
import { aGroup, aPerson, aTenant } from '../support/factories.ts';
import { ENTRA_TENANT, entraClaims, FakeSignInProviders, slackClaims } from '../support/oidc-sign-in.ts';
import { silentLogger } from '../support/silent-logger.ts';
import { createTemporaryPostgresDatabase } from '../support/temporary-postgres.ts';

const SESSION = 'steward_session';

function anInstallation(platform: 'slack' | 'teams', workspaceId: string, tenantId: string): Installation {
  return {
    platform,
    workspaceId,
    tenantId,
    enterpriseInstall: false,
    installedAt: new Date('2026-01-01T00:00:00Z'),
    secrets: {},
    revokedAt: null,
  };
}

/** A store for the suite, and the connection string to count its sessions with. */
interface SuiteStore {
  readonly store: Store;
  readonly connectionString: string;
  readonly dispose: () => Promise<void>;
}

async function openPostgres(serverUrl: string): Promise<SuiteStore> {
  const database = await createTemporaryPostgresDatabase(serverUrl);
  const store = await PostgresStore.open({ connectionString: database.url });
  return {
    store,
    connectionString: database.url,
    dispose: async () => {
      await store.close();
      await database.drop();
    },
  };
}

signInSuite('PGlite', openTemporaryEmbeddedStore);
const serverUrl = process.env['TEST_DATABASE_URL'];
if (serverUrl) signInSuite('PostgreSQL', () => openPostgres(serverUrl));

function signInSuite(storeName: string, open: () => Promise<SuiteStore>) {
  describe(`dashboard sign-in through OpenID Connect (Entra ID and Slack, fake providers, real HTTP, ${storeName})`, () => {
    const providers = new FakeSignInProviders();
    const { entra, slack } = providers;
    let opened: SuiteStore;
    let deps: CoreDeps;
    const servers: Server[] = [];
    let url: string;
    let acme: Tenant;
    let other: Tenant;
    const people: Record<string, Person> = {};

    /** A server with the sign-in of this configuration, on a port of its own. */
    async function startServer(env: Record<string, string> = {}): Promise<string> {
      const server = createServer();
      servers.push(server);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const own = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const config = loadConfig({ ...providers.settings(own), ...env });
      const auth = createAuth({ deps, config: config.signIn, demo: false, logger: silentLogger });
      server.on(
        'request',
        createHttpApp({
          store: deps.store,
          scheduler: null,
          routers: [],
          platforms: {},
          logger: silentLogger,
          auth,
          metrics: new StewardMetrics(deps.store, deps.clock),
          stopping: () => false,
        }),
      );
      return own;
    }

    beforeAll(async () => {
      await providers.start();
      opened = await open();
      deps = { store: opened.store, clock: systemClock };
      const { store } = opened;
      acme = aTenant({ name: 'Acme' });
      other = aTenant({ name: 'Other company' });
      for (const tenant of [acme, other]) await store.tenants.save(tenant);
      await store.installations.save(anInstallation('teams', ENTRA_TENANT, acme.id));
      await store.installations.save(anInstallation('slack', 'T0ACME', acme.id));
      await store.installations.save(anInstallation('slack', 'T0OTHER', other.id));
      const teams = (userId: string) => ({ platform: 'teams' as const, workspaceId: ENTRA_TENANT, userId });
      const slackUser = (workspaceId: string, userId: string) => ({ platform: 'slack' as const, workspaceId, userId });
      Object.assign(people, {
        manager: aPerson(acme.id, {
          roles: ['community_manager'],
          identities: [teams('oid-manager')],
          email: 'manager@acme.example',
          locale: 'fr',
        }),
        owner: aPerson(acme.id, { identities: [slackUser('T0ACME', 'U0OWNER')], displayName: 'Olga Owner' }),
        member: aPerson(acme.id, { identities: [slackUser('T0ACME', 'U0MEMBER')] }),
        slackOnly: aPerson(acme.id, {
          identities: [slackUser('T0ACME', 'U0SLACKONLY')],
          email: 'slack.only@acme.example',
        }),
        teamsKnown: aPerson(acme.id, {
          roles: ['community_manager'],
          identities: [teams('oid-real')],
          email: 'teams.known@acme.example',
        }),
        otherManager: aPerson(other.id, {
          roles: ['community_manager'],
          identities: [slackUser('T0OTHER', 'U0BMANAGER')],
        }),
      });
      for (const person of Object.values(people)) await store.people.save(person);
      await store.groups.save(aGroup(acme.id, [people['owner']!.id]));
      await store.groups.save(aGroup(acme.id, [people['slackOnly']!.id]));
      // An archived group owns nobody a place on the dashboard.
      await store.groups.save(aGroup(acme.id, [people['member']!.id], { state: 'archived' }));
      url = await startServer();
    }, 60_000);

    afterAll(async () => {
      for (const server of servers) await new Promise((resolve) => server.close(resolve));
      await providers.close();
      await opened?.dispose();
    });

    async function countSessions(): Promise<number> {
      const client = new pg.Client({ connectionString: opened.connectionString });
      await client.connect();
      try {
        return (await client.query<{ n: number }>('SELECT count(*)::int AS n FROM sessions')).rows[0]!.n;
      } finally {
        await client.end();
      }
    }

    /** The whole round trip, as a browser makes it: our login, the provider, our callback. */
    async function signIn(
      provider: 'entra' | 'slack',
      claims: Record<string, unknown>,
      init: RequestInit = {},
      base = url,
    ) {
      const fake = provider === 'entra' ? entra : slack;
      fake.person = claims;
      const browser = new BrowserSession();
      const { response, url: landing } = await browser.follow(
        `${base}/auth/login/${provider}?next=/dashboard`,
        [fake.origin, `${base}/auth/`],
        init,
      );
      return { browser, response, landing };
    }

    async function sessionOf(browser: BrowserSession, base = url) {
      const response = await browser.fetch(`${base}/auth/session`);
      return { status: response.status, body: (await response.json()) as unknown };
    }

    it('signs a community manager in with Entra ID by their Teams identity (oid in their tenant) and keeps only a hash of the session id', async () => {
      const { browser, response, landing } = await signIn('entra', entraClaims('oid-manager'));
      expect(response.status).toBe(303);
      expect(landing).toBe(`${url}/dashboard`);
      const manager = people['manager']!;
      expect(await sessionOf(browser)).toEqual({
        status: 200,
        body: {
          personId: manager.id,
          tenantId: acme.id,
          role: 'community_manager',
          locale: 'fr',
          displayName: manager.displayName,
        },
      });
      // Over plain http on localhost (the demo's case): HttpOnly and Lax, not Secure.
      expect(browser.attributes(SESSION)).toMatch(/HttpOnly/);
      expect(browser.attributes(SESSION)).toMatch(/SameSite=Lax/);
      expect(browser.attributes(SESSION)).not.toMatch(/Secure/);
      const id = browser.cookie(SESSION)!;
      expect(await opened.store.sessions.find(id, new Date())).toBeNull();
      expect(await opened.store.sessions.find(hashSessionId(id), new Date())).toMatchObject({
        personId: manager.id,
        tenantId: acme.id,
      });
      // The sign-in's own state cookie is gone once used.
      expect(browser.cookie('steward_signin')).toBeNull();
    });

    it('signs an owner in with Slack by user and team id; /dashboard then passes, without a session it sends to sign-in', async () => {
      const { browser, landing } = await signIn('slack', slackClaims('T0ACME', 'U0OWNER'));
      expect(landing).toBe(`${url}/dashboard`);
      expect(await sessionOf(browser)).toMatchObject({
        status: 200,
        body: { personId: people['owner']!.id, role: 'owner', tenantId: acme.id },
      });
      // Signing in again gives the browser a new session and ends its previous one.
      const first = browser.cookie(SESSION)!;
      slack.person = slackClaims('T0ACME', 'U0OWNER');
      await browser.follow(`${url}/auth/login/slack`, [slack.origin, `${url}/auth/`]);
      expect(browser.cookie(SESSION)).not.toBe(first);
      expect(await opened.store.sessions.find(hashSessionId(first), new Date())).toBeNull();
      expect((await sessionOf(browser)).status).toBe(200);
      // No dashboard is mounted in this test: a signed-in request reaches the (absent) page, not the sign-in.
      expect((await browser.fetch(`${url}/dashboard`)).status).toBe(404);

      const anonymous = await fetch(`${url}/dashboard`, { redirect: 'manual' });
      expect(anonymous.status).toBe(303);
      expect(anonymous.headers.get('location')).toBe('/auth/signin?next=/dashboard');
    });

    it('finds a person by e-mail when the provider knows them by an identity the store does not, but never someone with another account there', async () => {
      const bySlackEmail = await signIn('entra', entraClaims('oid-new', { email: 'slack.only@acme.example' }));
      expect(await sessionOf(bySlackEmail.browser)).toMatchObject({
        status: 200,
        body: { personId: people['slackOnly']!.id, role: 'owner' },
      });

      // teams.known@ has a Teams account of this tenant (oid-real): another oid with their e-mail is not them.
      const imposter = await signIn('entra', entraClaims('oid-imposter', { email: 'teams.known@acme.example' }));
      expect(imposter.response.status).toBe(403);
      expect(imposter.browser.cookie(SESSION)).toBeNull();

      // Slack's e-mail counts only when Slack says it is verified.
      const unverified = await signIn(
        'slack',
        slackClaims('T0ACME', 'U0NEW', { email: 'slack.only@acme.example', email_verified: false }),
      );
      expect(unverified.response.status).toBe(403);
    });

    it('signs out: the session is deleted and the cookie cleared', async () => {
      const { browser } = await signIn('slack', slackClaims('T0ACME', 'U0OWNER'));
      const id = browser.cookie(SESSION)!;
      const logout = await browser.fetch(`${url}/auth/logout`, { method: 'POST' });
      expect(logout.status).toBe(204);
      expect(browser.cookie(SESSION)).toBeNull();
      expect(await opened.store.sessions.find(hashSessionId(id), new Date())).toBeNull();
      // The old cookie, kept by someone, signs nobody in.
      const replay = new BrowserSession();
      replay.set(SESSION, id);
      expect(await sessionOf(replay)).toEqual({ status: 401, body: { error: 'unauthenticated' } });
    });

    it('refuses a sign-out, or any change under /api/v1, that another site’s page sends', async () => {
      const { browser } = await signIn('slack', slackClaims('T0ACME', 'U0OWNER'));
      const forgeries: Record<string, string>[] = [
        { 'sec-fetch-site': 'cross-site' },
        { 'sec-fetch-site': 'same-site' },
        { origin: 'https://evil.example' },
      ];
      for (const headers of forgeries) {
        const forged = await browser.fetch(`${url}/auth/logout`, { method: 'POST', headers });
        expect(forged.status).toBe(403);
        expect(await forged.json()).toEqual({ error: 'cross_site_request' });
        expect((await browser.fetch(`${url}/api/v1/groups`, { method: 'POST', headers })).status).toBe(403);
      }
      expect((await sessionOf(browser)).status).toBe(200);
      // Our own page's request (and a client that is no browser) passes.
      expect(
        (
          await browser.fetch(`${url}/api/v1/groups`, {
            method: 'POST',
            headers: { 'sec-fetch-site': 'same-origin', origin: url },
          })
        ).status,
      ).toBe(404);
      expect(
        (
          await browser.fetch(`${url}/auth/logout`, {
            method: 'POST',
            headers: { 'sec-fetch-site': 'same-origin', origin: url },
          })
        ).status,
      ).toBe(204);
      expect((await sessionOf(browser)).status).toBe(401);
    });

    it('answers 502 and starts nothing when a provider cannot be reached', async () => {
      const down = await startServer({ SLACK_OPENID_URL: 'http://127.0.0.1:9' });
      const browser = new BrowserSession();
      const response = await browser.fetch(`${down}/auth/login/slack`);
      expect(response.status).toBe(502);
      expect(await response.text()).toContain(translate('en', 'signin.failed'));
      expect(browser.cookie('steward_signin')).toBeNull();
    });

    it('answers 401 without a session, with an unknown one, and with one past its idle end', async () => {
      expect(await sessionOf(new BrowserSession())).toEqual({ status: 401, body: { error: 'unauthenticated' } });
      const unknown = new BrowserSession();
      unknown.set(SESSION, 'made-up');
      expect((await sessionOf(unknown)).status).toBe(401);

      const manager = people['manager']!;
      const nineHoursAgo = new Date(Date.now() - 9 * 3_600_000);
      const expired = openSession(acme.id, manager.id, nineHoursAgo, DEFAULT_SESSION_POLICY);
      await opened.store.sessions.create(expired.session);
      const stale = new BrowserSession();
      stale.set(SESSION, expired.id);
      expect((await sessionOf(stale)).status).toBe(401);
      // The same person with a live session is let in: the expiry, not the person, refused it.
      const live = openSession(acme.id, manager.id, new Date(Date.now() - 3_600_000), DEFAULT_SESSION_POLICY);
      await opened.store.sessions.create(live.session);
      const fresh = new BrowserSession();
      fresh.set(SESSION, live.id);
      expect((await sessionOf(fresh)).status).toBe(200);
    });

    it('refuses a forged or unknown state with a 400 and stores nothing', async () => {
      entra.person = entraClaims('oid-manager');
      const browser = new BrowserSession();
      const login = await browser.fetch(`${url}/auth/login/entra`);
      expect(login.status).toBe(303);
      const authorize = await browser.fetch(login.headers.get('location')!);
      const back = new URL(authorize.headers.get('location')!);
      const sessionsBefore = await countSessions();
      const tokensBefore = entra.tokensIssued;

      const forged = new URL(back);
      forged.searchParams.set('state', 'forged-state');
      const refused = await browser.fetch(forged.href);
      expect(refused.status).toBe(400);
      expect(await refused.text()).toContain(translate('en', 'signin.failed'));

      // The real answer, but in a browser that never started this sign-in (no state of its own).
      const stranger = await new BrowserSession().fetch(back.href);
      expect(stranger.status).toBe(400);
      // A garbled state cookie is no state either.
      const garbled = new BrowserSession();
      garbled.set('steward_signin', 'not-base64-json');
      expect((await garbled.fetch(back.href)).status).toBe(400);

      expect(browser.cookie(SESSION)).toBeNull();
      expect(await countSessions()).toBe(sessionsBefore);
      expect(entra.tokensIssued).toBe(tokensBefore);
    });

    it('refuses an unknown provider, a provider answering with an error, and a `next` leading off the site', async () => {
      expect((await fetch(`${url}/auth/login/github`, { redirect: 'manual' })).status).toBe(404);
      const browser = new BrowserSession();
      const login = await browser.fetch(`${url}/auth/login/slack?next=//evil.example/steal`);
      const authorize = new URL(login.headers.get('location')!);
      // The provider's error answer (OpenID Connect Core §3.1.2.6), with the right state.
      const errorAnswer = new URL(`${url}/auth/callback/slack`);
      errorAnswer.searchParams.set('error', 'access_denied');
      errorAnswer.searchParams.set('state', authorize.searchParams.get('state')!);
      const denied = await browser.fetch(errorAnswer.href);
      expect(denied.status).toBe(400);

      slack.person = slackClaims('T0ACME', 'U0OWNER');
      const offSite = await new BrowserSession().follow(`${url}/auth/login/slack?next=//evil.example/steal`, [
        slack.origin,
        `${url}/auth/`,
      ]);
      expect(offSite.url).toBe(`${url}/dashboard`);
    });

    it('never gives a person of another organisation this one’s viewer', async () => {
      const theirs = await signIn('slack', slackClaims('T0OTHER', 'U0BMANAGER'));
      expect(await sessionOf(theirs.browser)).toMatchObject({
        status: 200,
        body: { tenantId: other.id, personId: people['otherManager']!.id },
      });

      // Someone of the other workspace with this organisation's manager's (verified) e-mail is looked
      // up in their own organisation only, where nobody has it.
      const lookalike = await signIn(
        'slack',
        slackClaims('T0OTHER', 'U0STRANGER', { email: 'manager@acme.example', email_verified: true }),
      );
      expect(lookalike.response.status).toBe(403);
      expect(lookalike.browser.cookie(SESSION)).toBeNull();
      // A workspace where the app is not installed belongs to no organisation here.
      const nowhere = await signIn('slack', slackClaims('T0NOWHERE', 'U0OWNER'));
      expect(nowhere.response.status).toBe(403);
    });

    it('refuses with a 403 in the browser’s language someone who is neither a community manager nor an owner of an active group', async () => {
      const { response, browser } = await signIn('slack', slackClaims('T0ACME', 'U0MEMBER'), {
        headers: { 'accept-language': 'ru-RU, en;q=0.5' },
      });
      expect(response.status).toBe(403);
      const page = await response.text();
      expect(page).toContain(translate('ru', 'error.not_a_viewer'));
      expect(page).toContain('<html lang="ru">');
      expect(browser.cookie(SESSION)).toBeNull();
    });

    it('shows a sign-in page naming each configured provider in the browser’s language, and no demo on this store', async () => {
      const response = await fetch(`${url}/auth/signin?next=/dashboard/groups`, {
        headers: { 'accept-language': 'fr-CA,fr;q=0.9,en;q=0.8' },
      });
      expect(response.status).toBe(200);
      const page = await response.text();
      expect(page).toContain(translate('fr', 'signin.with_entra'));
      expect(page).toContain(translate('fr', 'signin.with_slack'));
      expect(page).toContain('href="/auth/login/entra?next=%2Fdashboard%2Fgroups"');
      expect(page).not.toContain('/auth/demo');
      expect(
        (
          await fetch(`${url}/auth/demo`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: '{"role":"owner"}',
          })
        ).status,
      ).toBe(404);
    });

    it('over https sets a __Host- cookie that is Secure and SameSite=None, for the Teams tab’s frame', async () => {
      const own = await startServer();
      // The same server, but told it is reached at an https address (a reverse proxy in front).
      const secure = await startServer({ STEWARD_PUBLIC_URL: 'https://steward.example' });
      expect(own).not.toBe(secure);
      entra.person = entraClaims('oid-manager');
      const browser = new BrowserSession();
      const login = await browser.fetch(`${secure}/auth/login/entra`);
      expect(browser.attributes('__Host-steward_signin')).toMatch(/Secure/);
      const authorize = await browser.fetch(login.headers.get('location')!);
      const back = new URL(authorize.headers.get('location')!);
      expect(back.origin).toBe('https://steward.example');
      const callback = await browser.fetch(`${secure}${back.pathname}${back.search}`);
      expect(callback.status).toBe(303);
      const attributes = browser.attributes('__Host-steward_session') ?? '';
      expect(attributes).toMatch(/Secure/);
      expect(attributes).toMatch(/HttpOnly/);
      expect(attributes).toMatch(/SameSite=None/);
      expect(attributes).toMatch(/Path=\//);
      expect(attributes).not.toMatch(/Domain=/);
      expect((await sessionOf(browser, secure)).status).toBe(200);
    });
  });
}
