import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../apps/server/src/config.ts';
import { createLogger } from '../../apps/server/src/logger.ts';
import { startSteward, type RunningSteward } from '../../apps/server/src/steward.ts';
import type { Group, Person, Tenant } from '../../core/src/index.ts';
import { eventually } from '../support/eventually.ts';
import { aGroup, aPerson } from '../support/factories.ts';
import { FakeSlack } from '../support/fake-slack/index.ts';
import { asEvent, asForm, postToSlackEndpoint, SIGNING_SECRET, slackFixture } from '../support/slack-requests.ts';

const TEAM = 'T0STEWARD';
const range = { from: '2026-01-01', to: '2026-12-31' };

describe('Slack edge, end to end through signed HTTP', () => {
  const fake = new FakeSlack();
  let dataDir: string;
  let steward: RunningSteward;
  let tenant: Tenant;
  let alice: Person;
  let group: Group;

  beforeAll(async () => {
    await fake.start();
    fake.addWorkspace({ id: TEAM, token: 'xoxb-steward-test' });
    fake.addUser({ id: 'U0ALICE', realName: 'Alice Martin', email: 'alice@northwind.example', tz: 'Europe/Paris', locale: 'fr-FR' });
    fake.addUser({ id: 'U0BORIS', realName: 'Boris Ivanov', email: 'boris@northwind.example', tz: 'Europe/Moscow', locale: 'ru-RU' });
    fake.addUser({ id: 'U0CHLOE', realName: 'Chloé Dubois', email: 'chloe@northwind.example', tz: 'Europe/Paris', locale: 'en-US' });
    fake.addChannel({ id: 'C0DESIGN', name: 'design', members: ['U0ALICE', 'U0BORIS'], botIsMember: true });

    dataDir = await mkdtemp(join(tmpdir(), 'steward-slack-'));
    const config = loadConfig({
      STEWARD_DATA_DIR: dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      STEWARD_DEMO: 'false',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_BOT_TOKEN: 'xoxb-steward-test',
      SLACK_API_URL: fake.url,
    });
    steward = await startSteward(config, createLogger('silent', false));

    // The workspace became a tenant on start; its first owner and group are set up as an admin would.
    const installation = await steward.store.installations.find('slack', TEAM);
    tenant = (await steward.store.tenants.get(installation!.tenantId))!;
    alice = aPerson(tenant.id, {
      displayName: 'Alice Martin',
      email: 'alice@northwind.example',
      locale: 'fr',
      identities: [{ platform: 'slack', workspaceId: TEAM, userId: 'U0ALICE' }],
    });
    await steward.store.people.save(alice);
    group = aGroup(tenant.id, [alice.id], { name: '#design', platformRef: { platform: 'slack', workspaceId: TEAM, id: 'C0DESIGN' } });
    await steward.store.groups.save(group);
  }, 60_000);

  afterAll(async () => {
    await steward?.stop();
    await fake.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  const groupDays = () => steward.store.contributions.groupDays(tenant.id, group.id, range);

  it('stores a message as a contribution (a question) and learns its author from users.info', async () => {
    const response = await postToSlackEndpoint(steward.url, asEvent(slackFixture('message.json')));
    expect(response.status).toBe(200);
    const [day] = await eventually(async () => {
      const days = await groupDays();
      expect(days).toHaveLength(1);
      return days;
    });
    expect(day).toMatchObject({ day: '2026-03-02', posts: 1, questionsAsked: 1, distinctContributors: 1 });

    await postToSlackEndpoint(steward.url, asEvent(slackFixture('thread-reply.json')));
    const boris = await eventually(async () => {
      const person = await steward.store.people.findByIdentity(tenant.id, { platform: 'slack', workspaceId: TEAM, userId: 'U0BORIS' });
      expect(person).not.toBeNull();
      return person!;
    });
    expect(boris).toMatchObject({ displayName: 'Boris Ivanov', email: 'boris@northwind.example', timeZone: 'Europe/Moscow', locale: 'ru' });
    await eventually(async () => expect((await groupDays())[0]).toMatchObject({ replies: 1, questionsAnswered: 1 }));
  });

  it('stores Slack’s retries of an event once', async () => {
    const before = (await groupDays())[0]!;
    const retry = { ...asEvent(slackFixture('message.json')), retryNum: 1 };
    expect((await postToSlackEndpoint(steward.url, retry)).status).toBe(200);
    await postToSlackEndpoint(steward.url, asEvent(slackFixture('reaction-added.json')));
    await eventually(async () => expect((await groupDays())[0]).toMatchObject({ reactions: 1 }));
    expect((await groupDays())[0]).toMatchObject({ posts: before.posts, questionsAsked: before.questionsAsked });
  });

  it('refuses a bad signature, a replay, an unknown workspace and a malformed body, and stores nothing', async () => {
    const before = await groupDays();
    const body = slackFixture('file-shared.json');
    expect((await postToSlackEndpoint(steward.url, { ...asEvent(body), secret: 'not-the-secret' })).status).toBe(401);
    const sixMinutesAgo = Math.floor(Date.now() / 1000) - 6 * 60;
    expect((await postToSlackEndpoint(steward.url, { ...asEvent(body), timestamp: sixMinutesAgo })).status).toBe(401);
    const elsewhere = body.replaceAll('T0STEWARD', 'T0STRANGER');
    expect((await postToSlackEndpoint(steward.url, asEvent(elsewhere))).status).toBe(401);
    expect((await postToSlackEndpoint(steward.url, asEvent('{"type": "event_callback", "event": '))).status).toBe(400);
    expect((await postToSlackEndpoint(steward.url, asEvent(`{"pad":"${'x'.repeat(1_100_000)}"}`))).status).toBe(413);
    await new Promise((resolve) => setTimeout(resolve, 400)); // Longer than the ingest batch wait.
    expect(await groupDays()).toEqual(before);
  });

  it('turns /steward join into a request whose card reaches the owner, in her language', async () => {
    const response = await postToSlackEndpoint(
      steward.url,
      asForm({
        command: '/steward',
        text: 'join <#C0DESIGN|design>',
        team_id: TEAM,
        user_id: 'U0CHLOE',
        channel_id: 'D0CHLOE',
        trigger_id: '1.2.3',
        response_url: `${fake.url}respond`,
      }),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ response_type: 'ephemeral', text: 'Your request to join #design was sent to its owners.' });
    const [request] = await steward.store.membershipRequests.listPending(tenant.id, group.id);
    expect(request).toMatchObject({ status: 'pending' });

    const card = await eventually(() => {
      const posted = fake.messages.find((m) => JSON.stringify(m.blocks).includes(request!.id));
      expect(posted).toBeDefined();
      return posted!;
    });
    expect(fake.callsTo('conversations.open').at(-1)?.params).toMatchObject({ users: 'U0ALICE' });
    expect(JSON.stringify(card.blocks)).toContain('demande à rejoindre');
  });

  it('approves from the card’s button: the core decides, the card is updated in place, the requester is told and invited', async () => {
    const [request] = await steward.store.membershipRequests.listPending(tenant.id, group.id);
    const card = fake.messages.find((m) => JSON.stringify(m.blocks).includes(request!.id))!;
    const approve = JSON.stringify(card.blocks).match(/"action_id":"(membership_request\.approve#\d+)"/)?.[1];
    expect(approve).toBeDefined();
    const payload = slackFixture('block-actions-approve.json', { __ACTION_ID__: approve!, __VALUE__: request!.id })
      .replaceAll('D0ALICE', card.channel)
      .replaceAll('1772463600.000700', card.ts);
    expect((await postToSlackEndpoint(steward.url, asForm({ payload }))).status).toBe(200);

    await eventually(() => expect(fake.callsTo('chat.update').some((c) => c.params['ts'] === card.ts)).toBe(true));
    const updated = fake.callsTo('chat.update').find((c) => c.params['ts'] === card.ts)!;
    expect(JSON.stringify(updated.params['blocks'])).toContain('Alice Martin');
    expect(JSON.stringify(updated.params['blocks'])).not.toContain('membership_request.approve');
    expect(await steward.store.membershipRequests.get(tenant.id, request!.id)).toMatchObject({ status: 'approved', decidedBy: alice.id });
    await eventually(() => expect(fake.callsTo('conversations.invite').at(-1)?.params).toMatchObject({ channel: 'C0DESIGN', users: 'U0CHLOE' }), 8_000);
  });

  it('checks again that the clicker owns the group: a stranger gets a private error and nothing changes', async () => {
    const response = await postToSlackEndpoint(
      steward.url,
      asForm({ command: '/steward', text: 'join <#C0DESIGN|design>', team_id: TEAM, user_id: 'U0BORIS', channel_id: 'D0BORIS', trigger_id: '1.2.4', response_url: `${fake.url}respond` }),
    );
    expect(response.status).toBe(200);
    const [request] = await steward.store.membershipRequests.listPending(tenant.id, group.id);
    const payload = slackFixture('block-actions-approve.json', { __ACTION_ID__: 'membership_request.approve#0', __VALUE__: request!.id })
      .replaceAll('U0ALICE', 'U0BORIS');
    expect((await postToSlackEndpoint(steward.url, asForm({ payload }))).status).toBe(200);
    await eventually(() => expect(fake.callsTo('chat.postEphemeral').at(-1)?.params).toMatchObject({ user: 'U0BORIS' }));
    expect(String(fake.callsTo('chat.postEphemeral').at(-1)?.params['text'])).toContain('#design');
    expect((await steward.store.membershipRequests.get(tenant.id, request!.id))?.status).toBe('pending');
  });
});
