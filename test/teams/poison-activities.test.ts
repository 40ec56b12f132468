// One bad activity never takes others with it (issue "A real install works from day one", item 4):
// 40 good channel messages and one that cannot be counted arrive together through Bot
// Framework-signed HTTP; the 40 are stored, the bad one is parked with its reason, or stored once
// the failed look-up succeeds.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../apps/server/src/config.ts';
import { createLogger } from '../../apps/server/src/logger.ts';
import { type RunningSteward, startSteward } from '../../apps/server/src/steward.ts';
import type { Group, Tenant } from '../../core/src/index.ts';
import { LocalBotFrameworkIssuer } from '../support/bot-framework-auth.ts';
import { eventually } from '../support/eventually.ts';
import { aGroup, aPerson, aTenant } from '../support/factories.ts';
import { FAKE_APP, FakeTeams } from '../support/fake-teams/index.ts';
import { fakeTeamsSettings } from '../support/platform-settings.ts';

const TENANT = '4b6f8a2c-1d3e-4f5a-8b7c-9d0e1f2a3b4c';
const TEAM = '5c7e9b3d-2e4f-4a6b-9c8d-0e1f2a3b4c5d';
const GENERAL = '19:poison-general@thread.tacv2';
const known = (n: number) => `aaaaaaaa-0000-4000-8000-${String(n).padStart(12, '0')}`;
const range = { from: '2026-01-01', to: '2026-12-31' };

describe('a bad Teams activity among good ones', () => {
  const issuer = new LocalBotFrameworkIssuer();
  const fake = new FakeTeams();
  let dataDir: string;
  let steward: RunningSteward;
  let tenant: Tenant;
  let group: Group;
  let serviceUrl: string;
  let messageId = 1_772_445_600_000;

  beforeAll(async () => {
    const openIdMetadataUrl = await issuer.start();
    await fake.start();
    serviceUrl = fake.serviceUrl();
    fake.addTenant({ id: TENANT, permissions: null });
    dataDir = await mkdtemp(join(tmpdir(), 'steward-poison-'));
    const config = loadConfig({
      STEWARD_DATA_DIR: dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      STEWARD_DEMO: 'false',
      ...fakeTeamsSettings(fake, openIdMetadataUrl),
    });
    steward = await startSteward(config, createLogger('silent', false));
    tenant = aTenant();
    await steward.store.tenants.save(tenant);
    await steward.store.installations.save({
      platform: 'teams',
      workspaceId: TENANT,
      tenantId: tenant.id,
      enterpriseInstall: false,
      installedAt: new Date(),
      secrets: { serviceUrl },
      revokedAt: null,
    });
    const people = Array.from({ length: 40 }, (_, n) =>
      aPerson(tenant.id, { identities: [{ platform: 'teams', workspaceId: TENANT, userId: known(n) }] }),
    );
    for (const person of people) await steward.store.people.save(person);
    group = aGroup(tenant.id, [people[0]!.id], {
      name: 'Poison',
      platformRef: { platform: 'teams', workspaceId: TENANT, id: TEAM },
    });
    await steward.store.groups.save(group);
  }, 60_000);

  afterAll(async () => {
    await steward?.stop();
    await fake.stop();
    await issuer.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  /** A channel message as Teams sends it with ChannelMessage.Read.Group (test/fixtures/teams' shape). */
  const message = (from: string, overrides: Record<string, unknown> = {}) => {
    const id = String(messageId++);
    return {
      id,
      body: JSON.stringify({
        type: 'message',
        id,
        timestamp: new Date(Number(id)).toISOString(),
        serviceUrl,
        channelId: 'msteams',
        from: { id: `29:${from}`, aadObjectId: from },
        conversation: {
          isGroup: true,
          conversationType: 'channel',
          tenantId: TENANT,
          id: `${GENERAL};messageid=${id}`,
        },
        recipient: { id: `28:${FAKE_APP.id}` },
        text: 'Shipped it',
        channelData: { team: { id: GENERAL, aadGroupId: TEAM }, channel: { id: GENERAL }, tenant: { id: TENANT } },
        ...overrides,
      }),
    };
  };
  const post = (body: string) =>
    fetch(`${steward.url}/api/messages`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${issuer.serviceToken(FAKE_APP.id, serviceUrl)}`,
      },
      body,
    });
  const posts = async () =>
    (await steward.store.contributions.groupDays(tenant.id, group.id, range)).reduce((n, day) => n + day.posts, 0);

  /** Sends 40 good messages and `bad` at once; waits until the inbox has nothing pending. */
  async function amongForty(bad: { body: string }): Promise<number> {
    const before = await posts();
    const good = Array.from({ length: 40 }, (_, n) => message(known(n)));
    const answers = await Promise.all([...good.slice(0, 20), bad, ...good.slice(20)].map(({ body }) => post(body)));
    expect(answers.map((answer) => answer.status)).toEqual(Array.from({ length: 41 }, () => 200));
    await eventually(async () => expect((await steward.store.inbox.countByStatus()).pending).toBe(0), 20_000);
    return (await posts()) - before;
  }

  const parkedReason = async (id: string) =>
    (await steward.store.inbox.listParked(100)).find((item) => item.eventId === `${GENERAL};messageid=${id}|${id}`)
      ?.lastError;

  it('parks a message with an unreadable time, with the reason, and counts the 40 others', async () => {
    const bad = message(known(1), { timestamp: 'abc' });
    expect(await amongForty(bad)).toBe(40);
    expect(await parkedReason(bad.id)).toBe('bad_timestamp');
  });

  it('parks a message from someone Microsoft Graph does not know, and counts the 40 others', async () => {
    const bad = message('ffffffff-0000-4000-8000-00000000dead');
    expect(await amongForty(bad)).toBe(40);
    expect(await parkedReason(bad.id)).toBe('Request_ResourceNotFound');
  });

  it('counts a newcomer’s message once Graph, failing at first, answers', async () => {
    const newcomer = 'eeeeeeee-0000-4000-8000-00000000000e';
    fake.addUser({ id: newcomer, tenantId: TENANT, displayName: 'Nina New', mail: 'nina@example.com' });
    fake.failNext('getUser', { status: 503 });
    const late = message(newcomer);
    expect(await amongForty(late)).toBe(41);
    expect(await parkedReason(late.id)).toBeUndefined();
  });
});
