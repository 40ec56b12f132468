// A worker that dies between the platform's answer and "mark sent" leaves a message that reached
// Slack but is still pending. The next claim must find it by its dedupe key in the conversation
// (message metadata, read back with conversations.history) and mark it sent, not post it again.
// Runs on PostgreSQL when TEST_DATABASE_URL is set, else on the embedded PGlite.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type Card,
  type CoreDeps,
  DEFAULT_DELIVERY,
  deliverOutbox,
  enqueue,
  type OutboxOperation,
  type Store,
} from '../../core/src/index.ts';
import { aTenant } from '../support/factories.ts';
import { FakeSlack } from '../support/fake-slack/index.ts';
import { FAKE_TENANT, FakeTeams } from '../support/fake-teams/index.ts';
import { type FakePlatforms, platformsOnFakes } from '../support/outbox-to-fakes.ts';
import { aServerDatabase, type ServerDatabase } from '../support/server-database.ts';
import { silentLogger } from '../support/silent-logger.ts';
import { WallClock } from '../support/wall-clock.ts';

const WORKSPACE = { id: 'T0CRASH', token: 'xoxb-crash' };
const OWNER = 'U0OWNER';
const CHANNEL = 'C0GROUP';
const TEAMS_OWNER = 'b0000000-0000-4000-8000-000000000001';
const TEAMS_NEWCOMER = 'b0000000-0000-4000-8000-000000000002';
const TEAMS_TEAM = 'c0000000-0000-4000-8000-00000000000a';
const card = (title: string): Card => ({
  locale: 'en',
  title,
  summary: title,
  blocks: [{ kind: 'text', text: title }],
});
const toOwner: OutboxOperation = {
  operation: 'send_card',
  payload: { to: { platform: 'slack', workspaceId: WORKSPACE.id, userId: OWNER }, card: card('Your weekly hour') },
};
const inGroup: OutboxOperation = {
  operation: 'post_in_group',
  payload: { group: { platform: 'slack', workspaceId: WORKSPACE.id, id: CHANNEL }, card: card('Welcome') },
};

describe('a crash between the platform’s answer and "mark sent"', () => {
  const slack = new FakeSlack({ workspaces: [{ ...WORKSPACE, scopes: null }] });
  const teams = new FakeTeams();
  let database: ServerDatabase;
  let store: Store;
  let deps: CoreDeps & { clock: WallClock };
  let platforms: FakePlatforms;
  let tenantId: string;

  // One database for the file (opening one costs seconds); each test has a tenant of its own and
  // leaves no message pending.
  beforeAll(async () => {
    await Promise.all([slack.start(), teams.start()]);
    database = await aServerDatabase('steward-crash-');
    store = await database.openStore();
  });
  afterAll(async () => {
    await store.close();
    await database.drop();
    await Promise.all([slack.stop(), teams.stop()]);
  });
  beforeEach(async () => {
    slack.reset();
    slack.addUser({ id: OWNER, realName: 'Ana Owner' });
    slack.addChannel({ id: CHANNEL, botIsMember: true });
    teams.reset();
    teams.addUser({ id: TEAMS_OWNER, tenantId: FAKE_TENANT.id, displayName: 'Teams Owner' });
    teams.addUser({ id: TEAMS_NEWCOMER, tenantId: FAKE_TENANT.id, displayName: 'Teams Newcomer' });
    teams.addTeam({ id: TEAMS_TEAM, tenantId: FAKE_TENANT.id, members: [TEAMS_OWNER] });
    // The core's clock is today's: Slack stamps messages with its own, real time.
    deps = { store, clock: new WallClock(new Date().toISOString()) };
    platforms = platformsOnFakes(store, slack, WORKSPACE, teams);
    const tenant = aTenant();
    await store.tenants.save(tenant);
    tenantId = tenant.id;
  });
  afterEach(async () => {
    expect(await store.outbox.countWaiting()).toEqual([]);
  });

  /** A worker claims the message and the platform takes the call, then the worker dies: nothing is marked. */
  async function crashAfterSending(call: OutboxOperation, dedupeKey: string): Promise<string> {
    const { message } = await enqueue(deps, tenantId, 'slack', call, dedupeKey);
    const [claimed] = await store.outbox.claimDue(deps.clock.now(), 10, DEFAULT_DELIVERY.lockMs);
    expect(claimed?.id).toBe(message.id);
    const sent =
      call.operation === 'send_card'
        ? await platforms.slack.sendCard(call.payload.to, call.payload.card, { key: dedupeKey })
        : call.operation === 'post_in_group'
          ? await platforms.slack.postInGroup(call.payload.group, call.payload.card, { key: dedupeKey })
          : null;
    // The claim's lock runs out: another worker takes the message.
    deps.clock.advance(DEFAULT_DELIVERY.lockMs + 1_000);
    return sent!.messageId;
  }

  it('finds the card in the owner’s DM by its key and marks it sent with that message, without posting again', async () => {
    const ts = await crashAfterSending(toOwner, 'weekly:U0OWNER:2026-W49');
    expect(await deliverOutbox(deps, platforms, silentLogger)).toBe(1);

    expect(slack.callsTo('chat.postMessage')).toHaveLength(1);
    expect(slack.messages).toHaveLength(1);
    const [message] = await store.outbox.listByDedupeKeys(tenantId, ['weekly:U0OWNER:2026-W49']);
    expect(message).toMatchObject({
      status: 'sent',
      result: { platform: 'slack', conversationId: 'D0OWNER', messageId: ts },
    });
    // It was looked for with metadata, since the message was enqueued.
    const [history] = slack.callsTo('conversations.history');
    expect(history?.params).toMatchObject({ channel: 'D0OWNER', include_all_metadata: 'true' });
  });

  it('finds a group post in the group’s channel', async () => {
    const ts = await crashAfterSending(inGroup, 'welcome:C0GROUP:2026-W49');
    await deliverOutbox(deps, platforms, silentLogger);

    expect(slack.messages.filter((message) => message.channel === CHANNEL)).toHaveLength(1);
    const [message] = await store.outbox.listByDedupeKeys(tenantId, ['welcome:C0GROUP:2026-W49']);
    expect(message).toMatchObject({ status: 'sent', result: { conversationId: CHANNEL, messageId: ts } });
  });

  it('sends once when the crash came before Slack took the call, the key in the message’s metadata', async () => {
    await enqueue(deps, tenantId, 'slack', toOwner, 'weekly:U0OWNER:2026-W50');
    await store.outbox.claimDue(deps.clock.now(), 10, DEFAULT_DELIVERY.lockMs);
    deps.clock.advance(DEFAULT_DELIVERY.lockMs + 1_000);
    await deliverOutbox(deps, platforms, silentLogger);

    expect(slack.callsTo('conversations.history')).toHaveLength(1);
    expect(slack.messages).toHaveLength(1);
    expect(slack.messages[0]?.metadata).toEqual({
      event_type: 'steward_delivery',
      event_payload: { dedupe_key: 'weekly:U0OWNER:2026-W50' },
    });
  });

  it('does not take another card to the same person for the one it looks for', async () => {
    await crashAfterSending(toOwner, 'weekly:U0OWNER:2026-W49');
    await deliverOutbox(deps, platforms, silentLogger);
    await crashAfterSending(toOwner, 'weekly:U0OWNER:2026-W50');
    await deliverOutbox(deps, platforms, silentLogger);
    // Week 50's card was found, not week 49's: two messages, two distinct results.
    const sent = await store.outbox.listByDedupeKeys(tenantId, ['weekly:U0OWNER:2026-W49', 'weekly:U0OWNER:2026-W50']);
    expect(slack.messages).toHaveLength(2);
    expect(new Set(sent.map((message) => message.result?.['messageId']))).toEqual(
      new Set(slack.messages.map((message) => message.ts)),
    );
  });

  it('reads no history for a first attempt, nor for one the platform refused (it gives the attempt back)', async () => {
    await enqueue(deps, tenantId, 'slack', toOwner, 'weekly:U0OWNER:2026-W51');
    slack.failNext('chat.postMessage', { status: 503 });
    await deliverOutbox(deps, platforms, silentLogger);
    deps.clock.advance(20 * 60_000);
    await deliverOutbox(deps, platforms, silentLogger);

    expect(slack.callsTo('conversations.history')).toEqual([]);
    expect(slack.messages).toHaveLength(1);
  });

  it('sends when the install cannot read its DMs (no im:history yet), rather than failing the card', async () => {
    await enqueue(deps, tenantId, 'slack', toOwner, 'weekly:U0OWNER:2026-W52');
    await store.outbox.claimDue(deps.clock.now(), 10, DEFAULT_DELIVERY.lockMs);
    deps.clock.advance(DEFAULT_DELIVERY.lockMs + 1_000);
    slack.failNext('conversations.history', { error: 'missing_scope' });
    await deliverOutbox(deps, platforms, silentLogger);

    expect(slack.messages).toHaveLength(1);
    const [message] = await store.outbox.listByDedupeKeys(tenantId, ['weekly:U0OWNER:2026-W52']);
    expect(message?.status).toBe('sent');
  });

  it('sends again on Teams, which cannot read a 1:1 chat back: the window stays open there', async () => {
    const call: OutboxOperation = {
      operation: 'send_card',
      payload: {
        to: { platform: 'teams', workspaceId: FAKE_TENANT.id, userId: TEAMS_OWNER },
        card: card('Your weekly hour'),
      },
    };
    await enqueue(deps, tenantId, 'teams', call, 'weekly:teams-owner:2026-W49');
    await store.outbox.claimDue(deps.clock.now(), 10, DEFAULT_DELIVERY.lockMs);
    await platforms.teams.sendCard(call.payload.to, call.payload.card);
    deps.clock.advance(DEFAULT_DELIVERY.lockMs + 1_000);
    await deliverOutbox(deps, platforms, silentLogger);

    expect('findDelivered' in platforms.teams).toBe(false);
    expect(teams.conversationWith(TEAMS_OWNER)?.activities).toHaveLength(2);
  });

  describe('an invitation to a team an earlier try may have carried out', () => {
    const invite: OutboxOperation = {
      operation: 'invite_member',
      payload: {
        group: { platform: 'teams', workspaceId: FAKE_TENANT.id, id: TEAMS_TEAM },
        person: { platform: 'teams', workspaceId: FAKE_TENANT.id, userId: TEAMS_NEWCOMER },
      },
    };
    const adds = () => teams.callsTo('addTeamMember');
    const membershipChecks = () => teams.callsTo('listTeamMembers');
    const inviteMessage = async (key: string) => (await store.outbox.listByDedupeKeys(tenantId, [key]))[0];

    /** Delivers once, then again once the retry is due. */
    async function deliverTwice(): Promise<void> {
      await deliverOutbox(deps, platforms, silentLogger);
      deps.clock.advance(20 * 60_000);
      await deliverOutbox(deps, platforms, silentLogger);
    }

    it('adds no one twice when Graph carried out the call and its answer was lost: it asks first', async () => {
      await enqueue(deps, tenantId, 'teams', invite, 'membership_request:lost:invite');
      teams.failNext('addTeamMember', { answerLost: true });
      await deliverTwice();

      expect(adds()).toHaveLength(1);
      expect(membershipChecks()).toHaveLength(1);
      expect(teams.team(TEAMS_TEAM).members.has(TEAMS_NEWCOMER)).toBe(true);
      expect(await inviteMessage('membership_request:lost:invite')).toMatchObject({
        status: 'sent',
        result: { alreadyMember: true },
      });
    });

    it('asks again on the next try when the first question met an outage', async () => {
      await enqueue(deps, tenantId, 'teams', invite, 'membership_request:asked-twice:invite');
      teams.failNext('addTeamMember', { answerLost: true });
      teams.failNext('listTeamMembers', { status: 503 });
      await deliverTwice();
      deps.clock.advance(20 * 60_000);
      await deliverOutbox(deps, platforms, silentLogger);

      expect(adds()).toHaveLength(1);
      expect(membershipChecks().map((call) => call.status)).toEqual([503, 200]);
      expect((await inviteMessage('membership_request:asked-twice:invite'))?.status).toBe('sent');
    });

    it('invites, at the risk of a repeat, when the members cannot be read (a permission refused)', async () => {
      await enqueue(deps, tenantId, 'teams', invite, 'membership_request:unreadable:invite');
      teams.failNext('addTeamMember', { networkDrop: true });
      teams.failNext('listTeamMembers', {
        status: 403,
        error: { code: 'Forbidden', message: 'Missing role permissions' },
      });
      await deliverTwice();

      expect(adds().map((call) => call.status)).toEqual([0, 201]);
      expect((await inviteMessage('membership_request:unreadable:invite'))?.status).toBe('sent');
    });

    it('invites when the connection dropped before Graph took the call: asked first, not a member', async () => {
      await enqueue(deps, tenantId, 'teams', invite, 'membership_request:dropped:invite');
      teams.failNext('addTeamMember', { networkDrop: true });
      await deliverTwice();

      expect(adds().map((call) => call.status)).toEqual([0, 201]);
      expect(membershipChecks()).toHaveLength(1);
      expect(teams.team(TEAMS_TEAM).members.has(TEAMS_NEWCOMER)).toBe(true);
      expect((await inviteMessage('membership_request:dropped:invite'))?.status).toBe('sent');
    });

    it('adds no one twice after a worker died between Graph’s answer and "mark sent"', async () => {
      await enqueue(deps, tenantId, 'teams', invite, 'membership_request:crash:invite');
      await store.outbox.claimDue(deps.clock.now(), 10, DEFAULT_DELIVERY.lockMs);
      await platforms.teams.inviteMember(invite.payload.group, invite.payload.person);
      deps.clock.advance(DEFAULT_DELIVERY.lockMs + 1_000);
      await deliverOutbox(deps, platforms, silentLogger);

      expect(adds()).toHaveLength(1);
      expect(membershipChecks()).toHaveLength(1);
      expect((await inviteMessage('membership_request:crash:invite'))?.status).toBe('sent');
    });

    it('asks nothing on a first try, nor after a refusal, which Graph did not carry out', async () => {
      await enqueue(deps, tenantId, 'teams', invite, 'membership_request:refused:invite');
      teams.failNext('addTeamMember', { status: 503 });
      await deliverTwice();

      expect(adds().map((call) => call.status)).toEqual([503, 201]);
      expect(membershipChecks()).toEqual([]);
    });
  });
});
