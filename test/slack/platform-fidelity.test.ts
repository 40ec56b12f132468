// Platform fidelity on Slack (issue "A real install works from day one", item 8), end to end through
// signed HTTP against the fake Slack, with payloads as Slack documents them (test/fixtures/slack and
// its README): a shared file enters the content inventory, an interaction the app does not know is
// answered at once, and /steward join takes a plain channel name. On PostgreSQL when
// TEST_DATABASE_URL is set (as .ci/run does), else on embedded PGlite.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RunningSteward } from '../../apps/server/src/steward.ts';
import type { Group, Tenant } from '../../core/src/index.ts';
import { databaseDigest } from '../support/database-digest.ts';
import { currentEmbeddedPool } from '../support/embedded-pool.ts';
import { eventually } from '../support/eventually.ts';
import { FakeSlack } from '../support/fake-slack/index.ts';
import { asEvent, asForm, postToSlackEndpoint, slackFixture } from '../support/slack-requests.ts';
import { startStewardWithSlack } from '../support/steward-with-slack.ts';
import { createTemporaryPostgresDatabase, TEST_SECRET_KEYS } from '../support/temporary-postgres.ts';

vi.mock('../../core/src/stores/postgres/index.ts', async (original) =>
  (await import('../support/embedded-pool.ts')).capturingEmbeddedPool(
    await original<typeof import('../../core/src/stores/postgres/index.ts')>(),
  ),
);

const TEAM = 'T0STEWARD';
const TOKEN = 'xoxb-fidelity-test';
const range = { from: '2026-01-01', to: '2026-12-31' };
const serverUrl = process.env['TEST_DATABASE_URL'];

/** A fake Slack with Northwind's people and its #design channel, created by Camille. */
async function northwind(): Promise<FakeSlack> {
  const fake = new FakeSlack();
  await fake.start();
  fake.addWorkspace({ id: TEAM, token: TOKEN });
  fake.addUser({ id: fake.botUserId, realName: 'Group Steward', isBot: true });
  fake.addUser({ id: 'U0ALICE', realName: 'Alice Martin', email: 'alice@northwind.example' });
  fake.addUser({ id: 'U0CREATOR', realName: 'Camille Roy', email: 'camille@northwind.example' });
  fake.addUser({ id: 'U0BORIS', realName: 'Boris Ivanov', email: 'boris@northwind.example' });
  fake.addUser({ id: 'U0CHLOE', realName: 'Chloé Dubois', email: 'chloe@northwind.example' });
  fake.addUser({ id: 'U0DAVID', realName: 'David Petit', email: 'david@northwind.example' });
  fake.addChannel({
    id: 'C0DESIGN',
    name: 'design',
    creator: 'U0CREATOR',
    members: ['U0ALICE', 'U0CREATOR', 'U0BORIS'],
    botIsMember: true,
  });
  return fake;
}

describe(`Slack fidelity: files and /steward join (${serverUrl ? 'PostgreSQL' : 'embedded PGlite'})`, () => {
  let fake: FakeSlack;
  let steward: RunningSteward;
  let dispose: () => Promise<void>;
  let drop: (() => Promise<void>) | undefined;
  let tenant: Tenant;
  let group: Group;

  beforeAll(async () => {
    fake = await northwind();
    const database = serverUrl ? await createTemporaryPostgresDatabase(serverUrl) : null;
    drop = database?.drop;
    ({ steward, dispose } = await startStewardWithSlack(fake, {
      SLACK_BOT_TOKEN: TOKEN,
      ...(database ? { DATABASE_URL: database.url, STEWARD_SECRET_KEYS: TEST_SECRET_KEYS } : {}),
    }));
    // The channel becomes a group as in a real install: Alice adds the app to it.
    const botJoined = slackFixture('member-joined-channel.json', { U0CHLOE: fake.botUserId, Ev0JOIN1: 'Ev0BOTJOIN1' });
    expect((await postToSlackEndpoint(steward.url, asEvent(botJoined))).status).toBe(200);
    const installation = await steward.store.installations.find('slack', TEAM);
    tenant = (await steward.store.tenants.get(installation!.tenantId))!;
    group = await eventually(async () => {
      const found = await steward.store.groups.findByPlatformRef(tenant.id, {
        platform: 'slack',
        workspaceId: TEAM,
        id: 'C0DESIGN',
      });
      expect(found).not.toBeNull();
      return found!;
    }, 10_000);
    // Registration done (its members read): nothing of it is saved again over what follows.
    await eventually(
      async () => expect(await steward.store.inbox.countByStatus()).toEqual({ pending: 0, parked: 0 }),
      10_000,
    );
    // Its owner asks for approval to join (the settings modal does that: slack-edge.test.ts).
    group = { ...group, membershipPolicy: 'approval' };
    await steward.store.groups.save(group);
  }, 120_000);

  afterAll(async () => {
    await dispose?.();
    await drop?.();
    await fake?.stop();
  });

  const personId = async (userId: string) =>
    (await steward.store.people.findByIdentity(tenant.id, { platform: 'slack', workspaceId: TEAM, userId }))?.id;

  it('puts a file shared in the channel in its group’s inventory, and counts it to whoever shared it', async () => {
    // https://docs.slack.dev/reference/events/file_shared: Boris shares F0SPEC in #design.
    expect((await postToSlackEndpoint(steward.url, asEvent(slackFixture('file-shared.json')))).status).toBe(200);
    const [item] = await eventually(async () => {
      const items = await steward.store.contentItems.listByGroup(tenant.id, group.id);
      expect(items).toHaveLength(1);
      return items;
    }, 10_000);
    expect(item).toMatchObject({
      kind: 'file',
      platformRef: { platform: 'slack', workspaceId: TEAM, id: 'F0SPEC' },
      state: 'active',
      lastChangedAt: new Date(1772456400000),
    });
    const boris = await personId('U0BORIS');
    await eventually(async () =>
      expect(await steward.store.contributions.memberDays(tenant.id, group.id, range)).toEqual([
        expect.objectContaining({ personId: boris, day: '2026-03-02', files: 1 }),
      ]),
    );
  });

  const join = (userId: string, text: string) =>
    postToSlackEndpoint(
      steward.url,
      asForm({
        command: '/steward',
        text,
        team_id: TEAM,
        user_id: userId,
        channel_id: `D0${userId}`,
        trigger_id: `t-${userId}`,
        response_url: fake.responseUrl(userId),
      }),
    );

  it.each([
    ['a plain channel name', 'U0CHLOE', 'join design'],
    ['a name with its #, typed rather than picked', 'U0DAVID', 'join #design'],
  ])('asks to join the group named in %s', async (_case, userId, text) => {
    const response = await join(userId, text);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      response_type: 'ephemeral',
      text: 'Your request to join #design was sent to its owners.',
    });
    const requester = await personId(userId);
    const requests = await steward.store.membershipRequests.listPending(tenant.id, group.id);
    expect(requests.filter((request) => request.requesterId === requester)).toHaveLength(1);
  });

  it('says so when no group has the name typed, and asks nobody', async () => {
    const before = (await steward.store.membershipRequests.listPending(tenant.id, group.id)).length;
    const response = await join('U0CHLOE', 'join desing');
    expect(await response.json()).toEqual({ response_type: 'ephemeral', text: expect.stringContaining('#desing') });
    expect(await steward.store.membershipRequests.listPending(tenant.id, group.id)).toHaveLength(before);
  });
});

describe('Slack fidelity: an interaction the app does not know is answered at once', () => {
  const FAST_MS = 500;
  let fake: FakeSlack;
  let steward: RunningSteward;
  let dispose: () => Promise<void>;

  beforeAll(async () => {
    fake = await northwind();
    // The web role handles nothing in the background: the database changes only if a request changes it.
    ({ steward, dispose } = await startStewardWithSlack(fake, { SLACK_BOT_TOKEN: TOKEN, STEWARD_ROLE: 'web' }));
  }, 60_000);

  afterAll(async () => {
    await dispose?.();
    await fake?.stop();
  });

  it.each([
    // https://docs.slack.dev/reference/interaction-payloads/view-interactions-payload
    ['a modal submitted from another version of the app (unknown callback_id)', 'view-submission-unknown.json'],
    // https://docs.slack.dev/reference/interaction-payloads/shortcuts-interaction-payload
    ['a global shortcut', 'shortcut.json'],
    // https://docs.slack.dev/reference/interaction-payloads/block_suggestion-payload
    ['an options request of an external select', 'block-suggestion.json'],
  ])('answers %s with an empty 200 within 500 ms, and stores and calls nothing', async (_case, fixture) => {
    const database = currentEmbeddedPool();
    const before = await databaseDigest(database);
    const calls = fake.calls.length;
    const started = performance.now();
    const response = await postToSlackEndpoint(steward.url, asForm({ payload: slackFixture(fixture) }));
    const elapsedMs = performance.now() - started;
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
    expect(elapsedMs).toBeLessThan(FAST_MS);
    await new Promise((resolve) => setTimeout(resolve, 300)); // work handed over after an answer would be done by now
    expect(await databaseDigest(database)).toEqual(before);
    expect(fake.calls.length).toBe(calls);
  });
});
