// Reliability: two organisations on one database, not linked — each its own Slack workspace and its
// own Teams (Entra) tenant, people, groups, a pending request and a content item. Each tenant's
// signed-in people try every /api/v1 route (the API's own route table) with the other tenant's ids in
// every parameter and body field, and every card action (the core's ACTION_IDS) on each of the other
// tenant's ids. 0 cross-tenant reads: no answer carries a name or e-mail of the other tenant. 0
// cross-tenant actions: a digest of the other tenant's rows is the same after. On PostgreSQL when
// TEST_DATABASE_URL is set, else on embedded PGlite.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_ROUTES } from '../../apps/server/src/api/index.ts';
import {
  ACTION_IDS,
  type CoreDeps,
  type Person,
  performCardAction,
  type Store,
  systemClock,
} from '../../core/src/index.ts';
import { type ApiServer, serveApi } from '../support/api-server.ts';
import type { BrowserSession } from '../support/browser-session.ts';
import { openTemporaryEmbeddedStore } from '../support/embedded-store.ts';
import { aContentItem, aGroup, anInstallation, aPerson, aRequest, aTenant } from '../support/factories.ts';
import { FakeSignInProviders, slackClaims } from '../support/oidc-sign-in.ts';
import { openTemporaryPostgresStore } from '../support/temporary-postgres.ts';
import { printFigures } from './figures.ts';

const serverUrl = process.env['TEST_DATABASE_URL'];

interface Organisation {
  readonly tenantId: string;
  readonly slackTeam: string;
  readonly entraTenant: string;
  readonly manager: Person;
  readonly owner: Person;
  /** Every id of its rows a stranger could name. */
  readonly ids: readonly string[];
  /** Words only its data holds: names, e-mails, titles. */
  readonly markers: readonly string[];
}

/** One organisation, its words all carrying `word` so that an answer leaking them is found. */
async function anOrganisation(
  store: Store,
  word: string,
  slackTeam: string,
  entraTenant: string,
): Promise<Organisation> {
  const tenant = aTenant({ name: `${word} Corp` });
  await store.tenants.save(tenant);
  for (const [platform, workspaceId] of [
    ['slack', slackTeam],
    ['teams', entraTenant],
  ] as const) {
    await store.installations.save(anInstallation(tenant.id, platform, workspaceId, new Date()));
  }
  const onSlack = (userId: string) => [{ platform: 'slack' as const, workspaceId: slackTeam, userId }];
  const manager = aPerson(tenant.id, {
    displayName: `${word} Manager`,
    email: `manager@${word.toLowerCase()}.example`,
    roles: ['community_manager', 'administrator'] as Person['roles'],
    identities: onSlack(`U0${word.toUpperCase()}M`),
  });
  const owner = aPerson(tenant.id, {
    displayName: `${word} Owner`,
    email: `owner@${word.toLowerCase()}.example`,
    identities: onSlack(`U0${word.toUpperCase()}O`),
  });
  const requester = aPerson(tenant.id, {
    displayName: `${word} Requester`,
    email: `requester@${word.toLowerCase()}.example`,
    identities: [{ platform: 'teams', workspaceId: entraTenant, userId: `${word}-oid` }],
  });
  for (const person of [manager, owner, requester]) await store.people.save(person);
  const slackGroup = aGroup(tenant.id, [owner.id], {
    name: `#${word.toLowerCase()}-design`,
    platformRef: { platform: 'slack', workspaceId: slackTeam, id: `C0${word.toUpperCase()}` },
  });
  const teamsGroup = aGroup(tenant.id, [owner.id], {
    name: `${word} Research`,
    platformRef: { platform: 'teams', workspaceId: entraTenant, id: `19:${word}@thread.tacv2` },
  });
  for (const group of [slackGroup, teamsGroup]) await store.groups.save(group);
  const request = aRequest(tenant.id, slackGroup.id, requester.id);
  await store.membershipRequests.create(request);
  const item = await store.contentItems.save(aContentItem(tenant.id, slackGroup.id, { title: `${word} handbook` }));
  return {
    tenantId: tenant.id,
    slackTeam,
    entraTenant,
    manager,
    owner,
    ids: [tenant.id, manager.id, owner.id, requester.id, slackGroup.id, teamsGroup.id, request.id, item.id],
    markers: [word, word.toLowerCase(), word.toUpperCase()],
  };
}

describe(`Two tenants: no read or action across them (${serverUrl ? 'PostgreSQL' : 'embedded PGlite'})`, () => {
  let store: Store;
  let dispose: () => Promise<void>;
  let deps: CoreDeps;
  let server: ApiServer;
  const providers = new FakeSignInProviders();
  const browsers = new Map<string, BrowserSession>();
  let north: Organisation;
  let south: Organisation;

  beforeAll(async () => {
    ({ store, dispose } = serverUrl ? await openTemporaryPostgresStore(serverUrl) : await openTemporaryEmbeddedStore());
    deps = { store, clock: systemClock };
    north = await anOrganisation(store, 'Aardvark', 'T0NORTH', '11111111-1111-4111-8111-111111111111');
    south = await anOrganisation(store, 'Zebra', 'T0SOUTH', '22222222-2222-4222-8222-222222222222');
    await providers.start();
    server = await serveApi(deps, providers);
    for (const person of [north.manager, north.owner, south.manager, south.owner]) {
      const { workspaceId, userId } = person.identities[0]!;
      browsers.set(
        person.id,
        await providers.signedIn(
          server.origin,
          'slack',
          slackClaims(workspaceId, userId),
          server.sessionCookie,
          person.displayName,
        ),
      );
    }
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    await providers.close();
    await dispose?.();
  });

  /** Everything stored of a tenant, by repository, as one string: equal before and after means no write. */
  const snapshot = async (organisation: Organisation) => {
    const { tenantId } = organisation;
    const parts = await Promise.all([
      store.tenants.get(tenantId),
      store.people.list(tenantId),
      store.groups.list(tenantId),
      Promise.all(organisation.ids.map((id) => store.membershipRequests.get(tenantId, id))),
      store.audit.list(tenantId, { limit: 1_000 }),
      store.outbox.listFailed(tenantId, 1_000),
      store.contentItems.listByGroup(tenantId, organisation.ids[4]!),
    ]);
    return JSON.stringify(parts);
  };

  it('gives neither tenant’s people a read of, or an action on, the other’s data', async () => {
    const started = performance.now();
    let apiCalls = 0;
    let cardActions = 0;
    const leaks: string[] = [];
    const fiveHundreds: string[] = [];
    const snapshotsBefore = { north: await snapshot(north), south: await snapshot(south) };

    for (const [us, them] of [
      [north, south],
      [south, north],
    ] as const) {
      for (const person of [us.manager, us.owner]) {
        const browser = browsers.get(person.id)!;
        for (const route of API_ROUTES) {
          for (const id of them.ids) {
            const path = route.path.replace(/:(\w+)/g, id);
            const query = `?groupId=${id}&tenantId=${them.tenantId}&personId=${id}&from=2026-01-01&to=2026-12-31`;
            const body = JSON.stringify({
              groupId: id,
              groupIds: [id],
              tenantId: them.tenantId,
              personId: id,
              ownerIds: [id],
              to: [id],
              text: 'hello',
              exempt: [id],
            });
            const init: RequestInit =
              route.method === 'post' ? { method: 'POST', headers: { 'content-type': 'application/json' }, body } : {};
            const response = await browser.fetch(`${server.api}${path}${query}`, init);
            const text = await response.text();
            apiCalls += 1;
            if (response.status >= 500) fiveHundreds.push(`${route.method} ${path}`);
            if (them.markers.some((marker) => text.includes(marker)))
              leaks.push(
                `${person.displayName}: ${route.method.toUpperCase()} ${route.path} with ${id}: ${text.slice(0, 160)}`,
              );
          }
        }
        for (const action of ACTION_IDS) {
          for (const id of them.ids) {
            for (const value of [id, `${id}:${them.ids[4]}`, JSON.stringify({ value: id })]) {
              const result = await performCardAction(deps, person, {
                id: action,
                value,
                input: 'Cross-tenant try',
              }).catch((error: unknown) => ({ ok: false, thrown: String(error) }));
              cardActions += 1;
              const text = JSON.stringify(result);
              if (them.markers.some((marker) => text.includes(marker)))
                leaks.push(`${person.displayName}: card action ${action} on ${value}: ${text.slice(0, 160)}`);
            }
          }
        }
      }
    }
    const snapshotsAfter = { north: await snapshot(north), south: await snapshot(south) };
    const written = (['north', 'south'] as const).filter((name) => snapshotsAfter[name] !== snapshotsBefore[name]);

    printFigures(`two tenants (${serverUrl ? 'PostgreSQL' : 'PGlite'})`, [
      { name: 'API calls with the other tenant’s ids', value: apiCalls },
      { name: 'card actions on the other tenant’s ids', value: cardActions },
      { name: 'cross-tenant reads', value: leaks.length, expected: '0' },
      { name: 'tenants whose rows changed (cross-tenant actions)', value: written.length, expected: '0' },
      { name: '5xx answers', value: fiveHundreds.length, expected: '0' },
      { name: 'wall time (s)', value: ((performance.now() - started) / 1000).toFixed(1) },
    ]);
    expect(leaks.slice(0, 5)).toEqual([]);
    expect(written).toEqual([]);
    expect(fiveHundreds.slice(0, 5)).toEqual([]);
    // The tries reached the routes: each tenant's people do see their own data.
    const own = await (await browsers.get(north.manager.id)!.fetch(`${server.api}/groups`)).text();
    expect(own).toContain('aardvark-design');
  }, 600_000);
});
