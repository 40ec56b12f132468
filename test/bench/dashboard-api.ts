// The dashboard's reads through HTTP, for bench:dashboard: the server's own app (sign-in's
// `authenticate`, then /api/v1, as steward.ts composes them) on the bench's seeded store, and a
// community manager signed in for real through the fake Slack OpenID provider; every request
// carries the session cookie that sign-in set.
import { shiftDay } from '../../core/src/domain/days.ts';
import type { PlatformIdentity } from '../../core/src/domain/person.ts';
import type { CoreDeps } from '../../core/src/use-cases/deps.ts';
import { serveApi } from '../support/api-server.ts';
import type { BrowserSession } from '../support/browser-session.ts';
import { anInstallation, aPerson } from '../support/factories.ts';
import { FakeSignInProviders, slackClaims } from '../support/oidc-sign-in.ts';
import type { Measurement } from './dashboard.ts';

/** The seed's Slack workspace; the community manager who signs in is a person of it. */
const WORKSPACE = 'W1';
const MANAGER: PlatformIdentity = { platform: 'slack', workspaceId: WORKSPACE, userId: 'U0BENCHMANAGER' };

export interface ApiUnderBench {
  readonly api: string;
  readonly browser: BrowserSession;
  close(): Promise<void>;
}

/** The HTTP app on `deps`' store, listening on a loopback port, and a community manager signed in to it. */
export async function startApi(deps: CoreDeps, tenantId: string): Promise<ApiUnderBench> {
  const { store } = deps;
  await store.installations.save(anInstallation(tenantId, 'slack', WORKSPACE, new Date()));
  // A store kept from an earlier run (BENCH_EMBEDDED_DIR) has them already.
  if (!(await store.people.findByIdentity(tenantId, MANAGER))) {
    await store.people.save(
      aPerson(tenantId, { displayName: 'Bench Manager', roles: ['community_manager'], identities: [MANAGER] }),
    );
  }
  const providers = new FakeSignInProviders();
  await providers.start();
  const server = await serveApi(deps, providers);
  const { browser, response } = await providers.signIn(server.origin, 'slack', slackClaims(WORKSPACE, MANAGER.userId));
  if (response.status !== 303 || !browser.cookie(server.sessionCookie))
    throw new Error(`the bench's community manager could not sign in: ${response.status}`);
  return {
    api: server.api,
    browser,
    close: async () => {
      await server.close();
      await providers.close();
    },
  };
}

/** The table, the group page and the CSV of every group, as the dashboard and a spreadsheet ask for them. */
export function apiMeasurements(
  { api, browser }: ApiUnderBench,
  groupId: (run: number) => string,
  today: string,
  groups: number,
  days: number,
): Measurement[] {
  const tables = [
    'sort=score&order=asc',
    'sort=name&platform=slack',
    'sort=activeRatio&order=desc&flag=single_owner',
    'sort=trend&band=poor&band=fair',
    'sort=members&order=desc&q=Group%2001',
  ];
  const read = async (path: string) => {
    const response = await browser.fetch(`${api}${path}`);
    if (response.status !== 200) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
    return response;
  };
  return [
    {
      name: 'API: GET /groups (first page, sorted, filtered)',
      runs: 40,
      targetMs: 200,
      measure: async (run) => (await read(`/groups?${tables[run % tables.length]}&limit=50`)).json(),
    },
    {
      name: 'API: GET /groups/:id (+ 90-day series)',
      runs: 30,
      targetMs: 200,
      measure: async (run) =>
        (await read(`/groups/${groupId(run)}?from=${shiftDay(today, -(days - 1))}&to=${today}`)).json(),
    },
    {
      name: 'API: GET /groups.csv (every group, total)',
      runs: 3,
      targetMs: 2_000,
      measure: async () => {
        const text = await (await read('/groups.csv?sort=name')).text();
        // A header line, then a line a group (no field of the seed holds a line break).
        const lines = text.split(/\r?\n/).filter((line) => line !== '').length;
        if (lines !== groups + 1) throw new Error(`groups.csv: ${lines - 1} groups of ${groups}`);
      },
    },
  ];
}
