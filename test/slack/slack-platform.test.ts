import type { Card, PlatformIdentity, PlatformRef } from '@steward/core';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { SLACK_BOT_SCOPES } from '../../apps/slack/src/scopes.ts';
import { RateLimiter, ratePerMinute } from '../../apps/slack/src/web/rate-limiter.ts';
import { SlackPlatform } from '../../apps/slack/src/web/slack-platform.ts';
import { FakeSlack } from '../support/fake-slack/index.ts';
import { ManualClock } from '../support/manual-clock.ts';
import { platformRejection } from '../support/platform-rejection.ts';

const WORKSPACE = { id: 'T0001', token: 'xoxb-t0001' };

const card: Card = { locale: 'en', title: 'Your weekly hour', summary: 'Three things need you this week', blocks: [] };
const rendered = {
  text: card.summary,
  blocks: [{ type: 'header', text: { type: 'plain_text', text: card.title } }],
};

const alice: PlatformIdentity = { platform: 'slack', workspaceId: WORKSPACE.id, userId: 'UALICE' };
const bob: PlatformIdentity = { platform: 'slack', workspaceId: WORKSPACE.id, userId: 'UBOB' };
const group = (id: string): PlatformRef => ({ platform: 'slack', workspaceId: WORKSPACE.id, id });

function platformFor(fake: FakeSlack, limiter?: RateLimiter): SlackPlatform {
  return new SlackPlatform({
    tokenFor: async (workspaceId) => (workspaceId === WORKSPACE.id ? WORKSPACE.token : null),
    apiUrl: fake.url,
    render: () => rendered,
    ...(limiter ? { limiter } : {}),
  });
}

function seed(fake: FakeSlack): void {
  fake.addUser({
    id: 'UALICE',
    realName: 'Alice Martin',
    displayName: 'alice',
    email: 'alice@example.com',
    tz: 'Europe/Paris',
    locale: 'fr-FR',
  });
  fake.addUser({ id: 'UBOB', displayName: 'bob', name: 'bob.ivanov', tz: 'Europe/Moscow', locale: 'ru-RU' });
  fake.addUser({ id: 'UGONE', realName: 'Gone Away', deleted: true });
  fake.addUser({ id: fake.botUserId, realName: 'Group Steward', isBot: true });
  fake.addChannel({ id: 'CJOINED', members: ['UALICE'], botIsMember: true });
  fake.addChannel({ id: 'CPUBLIC', members: ['UALICE'], botIsMember: false });
  fake.addChannel({ id: 'GPRIVATE', isPrivate: true, members: ['UALICE'], botIsMember: true });
  fake.addChannel({ id: 'GHIDDEN', isPrivate: true, members: ['UALICE'], botIsMember: false });
  fake.addChannel({ id: 'COLD', members: ['UALICE'], botIsMember: true, isArchived: true });
}

describe('SlackPlatform against the fake Slack', () => {
  // The scopes the app asks for at install: without `chat:write.public`, it posts only where it is.
  const fake = new FakeSlack({ workspaces: [{ ...WORKSPACE, scopes: SLACK_BOT_SCOPES }] });
  let slack: SlackPlatform;

  beforeAll(() => fake.start());
  afterAll(() => fake.stop());
  beforeEach(() => {
    fake.reset();
    seed(fake);
    slack = platformFor(fake);
  });

  const calls = () => fake.calls.map(({ method, params }) => ({ method, params }));

  it('sends a card to a person in one call, naming the user as the channel, and keeps the DM it went to', async () => {
    const sent = await slack.sendCard(alice, card);
    expect(sent).toEqual({
      platform: 'slack',
      workspaceId: WORKSPACE.id,
      conversationId: 'DALICE',
      messageId: '1700000000.000100',
    });
    expect(calls()).toEqual([
      { method: 'chat.postMessage', params: { channel: 'UALICE', text: rendered.text, blocks: rendered.blocks } },
    ]);
    expect(fake.calls.every((call) => call.token === WORKSPACE.token)).toBe(true);
    expect(fake.message('DALICE', sent.messageId)).toMatchObject({ text: rendered.text });
  });

  it('updates a sent card in place', async () => {
    const sent = await slack.sendCard(alice, card);
    fake.calls.length = 0;
    await slack.updateCard(sent, { ...card, title: 'Done' });
    expect(calls()).toEqual([
      {
        method: 'chat.update',
        params: { channel: 'DALICE', ts: sent.messageId, text: rendered.text, blocks: rendered.blocks },
      },
    ]);
    expect(fake.message('DALICE', sent.messageId)).toMatchObject({ updates: 1 });
  });

  it("posts a card in a group's channel the app is in, with one call", async () => {
    const sent = await slack.postInGroup(group('CJOINED'), card);
    expect(sent).toEqual({
      platform: 'slack',
      workspaceId: WORKSPACE.id,
      conversationId: 'CJOINED',
      messageId: '1700000000.000100',
    });
    expect(calls()).toEqual([
      { method: 'chat.postMessage', params: { channel: 'CJOINED', text: rendered.text, blocks: rendered.blocks } },
    ]);
    expect(fake.message('CJOINED', sent.messageId)).toMatchObject({ text: rendered.text, blocks: rendered.blocks });

    // The card posted in the channel is updated there, like one sent to a person.
    await slack.updateCard(sent, { ...card, title: 'Done' });
    expect(fake.message('CJOINED', sent.messageId)).toMatchObject({ updates: 1 });
  });

  it('joins a public channel it is not in, then posts again', async () => {
    const sent = await slack.postInGroup(group('CPUBLIC'), card);
    expect(calls()).toEqual([
      { method: 'chat.postMessage', params: { channel: 'CPUBLIC', text: rendered.text, blocks: rendered.blocks } },
      { method: 'conversations.join', params: { channel: 'CPUBLIC' } },
      { method: 'chat.postMessage', params: { channel: 'CPUBLIC', text: rendered.text, blocks: rendered.blocks } },
    ]);
    expect(fake.callsTo('chat.postMessage').map((call) => call.outcome)).toEqual(['not_in_channel', 'ok']);
    expect(fake.channel('CPUBLIC').members.has(fake.botUserId)).toBe(true);
    expect(sent).toMatchObject({ conversationId: 'CPUBLIC' });
  });

  it('gives up for good on a private channel it is not in, and on an archived one, without joining', async () => {
    expect(await platformRejection(slack.postInGroup(group('GHIDDEN'), card))).toMatchObject({
      code: 'channel_not_found',
      permanent: true,
    });
    expect(await platformRejection(slack.postInGroup(group('COLD'), card))).toMatchObject({
      code: 'is_archived',
      permanent: true,
    });
    expect(fake.calls.map((call) => `${call.method}:${call.outcome}`)).toEqual([
      'chat.postMessage:channel_not_found',
      'chat.postMessage:is_archived',
    ]);
    // A private channel whose invitation to the app was lost: Slack says not_in_channel, joining is refused.
    fake.failNext('chat.postMessage', { error: 'not_in_channel' });
    expect(await platformRejection(slack.postInGroup(group('GPRIVATE'), card))).toMatchObject({
      code: 'not_in_channel',
      permanent: true,
    });
    expect(fake.calls.slice(2).map((call) => `${call.method}:${call.outcome}`)).toEqual([
      'chat.postMessage:not_in_channel',
      'conversations.join:method_not_supported_for_channel_type',
    ]);
  });

  it('invites a person to a channel the app is in with one call', async () => {
    await slack.inviteMember(group('CJOINED'), bob);
    expect(calls()).toEqual([{ method: 'conversations.invite', params: { channel: 'CJOINED', users: 'UBOB' } }]);
    expect(fake.channel('CJOINED').members.has('UBOB')).toBe(true);
  });

  it('joins a public channel it is not in, then invites again', async () => {
    await slack.inviteMember(group('CPUBLIC'), bob);
    expect(calls()).toEqual([
      { method: 'conversations.invite', params: { channel: 'CPUBLIC', users: 'UBOB' } },
      { method: 'conversations.join', params: { channel: 'CPUBLIC' } },
      { method: 'conversations.invite', params: { channel: 'CPUBLIC', users: 'UBOB' } },
    ]);
    expect(fake.callsTo('conversations.invite').map((call) => call.outcome)).toEqual(['not_in_channel', 'ok']);
    expect(fake.channel('CPUBLIC').members.has('UBOB')).toBe(true);
  });

  it('counts a person already in the channel as invited', async () => {
    await expect(slack.inviteMember(group('CJOINED'), alice)).resolves.toBeUndefined();
    expect(fake.callsTo('conversations.invite').map((call) => call.outcome)).toEqual(['already_in_channel']);
  });

  it('gives up for good where it cannot join: a private channel answers not_in_channel', async () => {
    fake.failNext('conversations.invite', { error: 'not_in_channel' });
    const error = await platformRejection(slack.inviteMember(group('GPRIVATE'), bob));
    expect(error).toMatchObject({ code: 'not_in_channel', permanent: true });
    expect(fake.calls.map((call) => `${call.method}:${call.outcome}`)).toEqual([
      'conversations.invite:not_in_channel',
      'conversations.join:method_not_supported_for_channel_type',
    ]);
  });

  it('lists pins, bookmarks, files and canvases as content items', async () => {
    fake.addPin('CJOINED', {
      ts: '1767000000.000100',
      text: 'Read me first\nand then the rest',
      user: 'UALICE',
      pinnedAt: new Date('2026-01-05T10:00:00Z'),
      editedTs: '1767100000.000000',
    });
    fake.addBookmark('CJOINED', {
      id: 'Bk0001',
      title: 'Handbook',
      link: 'https://example.com/handbook',
      createdAt: new Date('2026-01-02T00:00:00Z'),
    });
    fake.addBookmark('CJOINED', {
      id: 'Bk0002',
      title: 'Roadmap',
      link: 'https://example.com/roadmap',
      createdAt: new Date('2026-01-02T00:00:00Z'),
      updatedAt: new Date('2026-02-10T00:00:00Z'),
    });
    fake.addFile('CJOINED', {
      id: 'F0001',
      title: 'Minutes',
      filetype: 'pdf',
      createdAt: new Date('2026-01-03T00:00:00Z'),
    });
    fake.addFile('CJOINED', {
      id: 'F0002',
      title: 'Plan',
      filetype: 'quip',
      createdAt: new Date('2026-01-04T00:00:00Z'),
      updatedAt: new Date('2026-02-01T00:00:00Z'),
    });
    const ref = (id: string) => ({ platform: 'slack', workspaceId: WORKSPACE.id, id });

    const items = await slack.listContent(group('CJOINED'));
    expect(items).toEqual([
      {
        kind: 'pinned_message',
        ref: ref('CJOINED/1767000000.000100'),
        title: 'Read me first',
        link: 'https://fake.slack.com/archives/CJOINED/p1767000000000100',
        lastChangedAt: new Date('2026-01-05T10:00:00Z'),
      },
      {
        kind: 'bookmark',
        ref: ref('Bk0001'),
        title: 'Handbook',
        link: 'https://example.com/handbook',
        lastChangedAt: new Date('2026-01-02T00:00:00Z'),
      },
      {
        kind: 'bookmark',
        ref: ref('Bk0002'),
        title: 'Roadmap',
        link: 'https://example.com/roadmap',
        lastChangedAt: new Date('2026-02-10T00:00:00Z'),
      },
      {
        kind: 'file',
        ref: ref('F0001'),
        title: 'Minutes',
        link: 'https://fake.slack.com/files/U0000AUTHOR/F0001',
        lastChangedAt: new Date('2026-01-03T00:00:00Z'),
      },
      {
        kind: 'canvas',
        ref: ref('F0002'),
        title: 'Plan',
        link: 'https://fake.slack.com/files/U0000AUTHOR/F0002',
        lastChangedAt: new Date('2026-02-01T00:00:00Z'),
      },
    ]);
    expect(calls()).toEqual(
      expect.arrayContaining([
        { method: 'pins.list', params: { channel: 'CJOINED' } },
        { method: 'bookmarks.list', params: { channel_id: 'CJOINED' } },
        { method: 'files.list', params: { channel: 'CJOINED', count: '100', page: '1' } },
      ]),
    );
  });

  it('reads every page of files', async () => {
    for (let n = 0; n < 101; n += 1)
      fake.addFile('CJOINED', {
        id: `F${n}`,
        title: `File ${n}`,
        filetype: 'pdf',
        createdAt: new Date('2026-01-01T00:00:00Z'),
      });
    const items = await slack.listContent(group('CJOINED'));
    expect(items).toHaveLength(101);
    expect(fake.callsTo('files.list').map((call) => call.params.page)).toEqual(['1', '2']);
  });

  it('unpins a message and removes a bookmark; one already gone counts as archived', async () => {
    fake.addPin('CJOINED', { ts: '1767000000.000100', text: 'Old news' });
    fake.addBookmark('CJOINED', {
      id: 'Bk0001',
      title: 'Old link',
      link: 'https://example.com/old',
      createdAt: new Date('2025-01-01T00:00:00Z'),
    });
    const pin = {
      kind: 'pinned_message' as const,
      ref: { platform: 'slack' as const, workspaceId: WORKSPACE.id, id: 'CJOINED/1767000000.000100' },
    };
    const bookmark = {
      kind: 'bookmark' as const,
      ref: { platform: 'slack' as const, workspaceId: WORKSPACE.id, id: 'Bk0001' },
    };

    await slack.archiveContent(group('CJOINED'), pin);
    await slack.archiveContent(group('CJOINED'), bookmark);
    expect(calls()).toEqual([
      { method: 'pins.remove', params: { channel: 'CJOINED', timestamp: '1767000000.000100' } },
      { method: 'bookmarks.remove', params: { channel_id: 'CJOINED', bookmark_id: 'Bk0001' } },
    ]);
    expect(fake.channel('CJOINED').pins).toEqual([]);
    expect(fake.channel('CJOINED').bookmarks).toEqual([]);

    await slack.archiveContent(group('CJOINED'), pin);
    await slack.archiveContent(group('CJOINED'), bookmark);
    expect(fake.calls.slice(2).map((call) => call.outcome)).toEqual(['no_pin', 'not_found']);
  });

  it('refuses to archive files and canvases, without calling Slack', async () => {
    for (const kind of ['file', 'canvas'] as const) {
      const error = await platformRejection(slack.archiveContent(group('CJOINED'), { kind, ref: group('F0001') }));
      expect(error).toMatchObject({ code: 'not_supported', permanent: true });
    }
    expect(fake.calls).toEqual([]);
  });

  it('reads a profile with its locale, time zone and email', async () => {
    expect(await slack.readProfile(alice)).toEqual({
      displayName: 'Alice Martin',
      email: 'alice@example.com',
      timeZone: 'Europe/Paris',
      locale: 'fr',
      isBot: false,
      deleted: false,
    });
    expect(calls()).toEqual([{ method: 'users.info', params: { user: 'UALICE', include_locale: 'true' } }]);

    expect(await slack.readProfile(bob)).toMatchObject({
      displayName: 'bob',
      email: null,
      locale: 'ru',
      timeZone: 'Europe/Moscow',
    });
    expect(await slack.readProfile({ ...alice, userId: 'UGONE' })).toMatchObject({
      displayName: 'Gone Away',
      deleted: true,
    });
    expect(await slack.readProfile({ ...alice, userId: fake.botUserId })).toMatchObject({ isBot: true });
  });

  it('describes a channel from conversations.info: its creator is its owner, a private one it is not in cannot be seen', async () => {
    fake.addChannel({
      id: 'CDESIGN',
      name: 'design',
      creator: 'UBOB',
      createdAt: new Date('2025-06-01T00:00:00Z'),
      members: ['UALICE'],
      botIsMember: true,
    });
    expect(await slack.describeGroup(group('CDESIGN'))).toEqual({
      name: '#design',
      isPrivate: false,
      archived: false,
      createdAt: new Date('2025-06-01T00:00:00Z'),
      owners: [bob],
    });
    expect(await slack.describeGroup(group('GPRIVATE'))).toMatchObject({ isPrivate: true, archived: false });
    expect(await slack.describeGroup(group('COLD'))).toMatchObject({ archived: true });
    expect(await platformRejection(slack.describeGroup(group('GHIDDEN')))).toMatchObject({
      code: 'channel_not_found',
      permanent: true,
    });
  });

  it('lists a channel’s members 200 at a time, following Slack’s cursor to the last page, the app itself left out', async () => {
    const everyone = Array.from({ length: 450 }, (_, i) => `U${String(i).padStart(4, '0')}`);
    fake.addChannel({ id: 'CBIG', members: everyone, botIsMember: true });
    const pages = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof slack.listMembers>> = await slack.listMembers(group('CBIG'), cursor);
      pages.push(page.members.map((member) => member.userId));
      cursor = page.next;
    } while (cursor !== null);
    expect(pages.map((page) => page.length)).toEqual([200, 200, 50]);
    expect(pages.flat()).toEqual(everyone);
    expect(fake.callsTo('conversations.members').map((call) => call.params['limit'])).toEqual(['200', '200', '200']);
    // Who the app is, asked once.
    expect(fake.callsTo('auth.test')).toHaveLength(1);
  });

  it('maps errors Slack means for good to permanent PlatformErrors with Slack’s code', async () => {
    expect(await platformRejection(slack.inviteMember(group('CNOWHERE'), bob))).toMatchObject({
      code: 'channel_not_found',
      permanent: true,
    });
    expect(await platformRejection(slack.sendCard({ ...alice, userId: 'UNOBODY' }, card))).toMatchObject({
      code: 'channel_not_found',
      permanent: true,
    });
    expect(
      await platformRejection(
        slack.updateCard(
          { platform: 'slack', workspaceId: WORKSPACE.id, conversationId: 'CJOINED', messageId: '1.2' },
          card,
        ),
      ),
    ).toMatchObject({
      code: 'message_not_found',
      permanent: true,
    });
    expect(await platformRejection(slack.readProfile({ ...alice, workspaceId: 'T9999' }))).toMatchObject({
      code: 'workspace_not_installed',
      permanent: true,
    });
  });

  it('maps outages to transient PlatformErrors, with Retry-After when Slack gives one', async () => {
    fake.failNext('users.info', { status: 500 });
    fake.failNext('users.info', { status: 503 });
    fake.failNext('users.info', { networkDrop: true });
    fake.failNext('users.info', { error: 'internal_error' });
    fake.failNext('users.info', { status: 429, retryAfter: 7 });

    expect(await platformRejection(slack.readProfile(alice))).toMatchObject({
      code: 'http_500',
      permanent: false,
      retryAfterMs: null,
    });
    expect(await platformRejection(slack.readProfile(alice))).toMatchObject({ code: 'http_503', permanent: false });
    expect(await platformRejection(slack.readProfile(alice))).toMatchObject({
      code: 'request_failed',
      permanent: false,
    });
    expect(await platformRejection(slack.readProfile(alice))).toMatchObject({
      code: 'internal_error',
      permanent: false,
    });
    expect(await platformRejection(slack.readProfile(alice))).toMatchObject({
      code: 'ratelimited',
      permanent: false,
      retryAfterMs: 7000,
    });
    expect(await slack.readProfile(alice)).toMatchObject({ displayName: 'Alice Martin' });
    // One attempt each: WebClient retries nothing, the outbox does.
    expect(fake.callsTo('users.info')).toHaveLength(6);
  });

  it('answers the 429 of a real Tier 2 window as a transient error with its Retry-After', async () => {
    // A limiter that never waits, to reach Slack's own limit: pins.list allows 20 a minute.
    const eager = platformFor(fake, new RateLimiter({ now: () => 0, sleep: async () => {} }));
    const listPins = () => eager.listContent(group('CJOINED'));
    await Promise.all(Array.from({ length: 20 }, listPins));
    const error = await platformRejection(listPins());
    expect(error).toMatchObject({ code: 'ratelimited', permanent: false });
    expect(error.retryAfterMs).toBeGreaterThan(50_000);
    expect(error.retryAfterMs).toBeLessThanOrEqual(60_000);
  });
});

describe('SlackPlatform rate limiting', () => {
  // Slack's own limits lifted: what is measured here is our spacing, on a clock the test moves.
  const fake = new FakeSlack({ workspaces: [{ ...WORKSPACE, scopes: null }], limits: { 'chat.postMessage': null } });
  let clock: ManualClock;
  let slack: SlackPlatform;

  beforeAll(() => fake.start());
  afterAll(() => fake.stop());
  beforeEach(() => {
    fake.reset();
    seed(fake);
    clock = new ManualClock();
    slack = platformFor(fake, new RateLimiter(clock));
  });

  const posted = () => fake.callsTo('chat.postMessage').length;

  it('spaces messages to one channel one second apart', async () => {
    const sends = [slack.sendCard(alice, card), slack.sendCard(alice, card), slack.sendCard(alice, card)];
    await vi.waitFor(() => {
      expect(posted()).toBe(1);
      expect(clock.sleepers.map((sleeper) => sleeper.until).sort((a, b) => a - b)).toEqual([1000, 2000]);
    });

    clock.advance(999);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(posted()).toBe(1);
    clock.advance(1);
    await vi.waitFor(() => expect(posted()).toBe(2));
    clock.advance(1000);
    await vi.waitFor(() => expect(posted()).toBe(3));
    expect((await Promise.all(sends)).map((sent) => sent.conversationId)).toEqual(['DALICE', 'DALICE', 'DALICE']);
  });

  it("spaces posts in a group's channel one second apart, and updates there with them", async () => {
    const sent = await slack.postInGroup(group('CJOINED'), card);
    const next = [slack.postInGroup(group('CJOINED'), card), slack.updateCard(sent, card)];
    await vi.waitFor(() =>
      expect(clock.sleepers.map((sleeper) => sleeper.until).sort((a, b) => a - b)).toEqual([1000, 2000]),
    );
    expect(posted()).toBe(1);
    clock.advance(1000);
    await vi.waitFor(() => expect(posted()).toBe(2));
    expect(fake.callsTo('chat.update')).toHaveLength(0);
    clock.advance(1000);
    await Promise.all(next);
    expect(fake.callsTo('chat.update')).toHaveLength(1);
  });

  it('lets two channels go in parallel', async () => {
    await Promise.all([slack.sendCard(alice, card), slack.sendCard(bob, card)]);
    expect(posted()).toBe(2);
    expect(clock.sleepers).toEqual([]);
  });

  it('never lets a Tier 2 method past 20 calls in any minute', async () => {
    const limiter = new RateLimiter(clock);
    const rate = ratePerMinute(20);
    const granted: number[] = [];
    const calls = Array.from({ length: 60 }, () =>
      limiter.acquire('T0001:pins.list', rate).then(() => granted.push(clock.now())),
    );
    await Promise.resolve(); // the calls granted at once note their time before the clock moves
    while (clock.sleepers.length > 0) {
      clock.advanceToNextSleeper();
      await Promise.resolve();
    }
    await Promise.all(calls);
    expect(granted).toHaveLength(60);
    for (const start of granted)
      expect(granted.filter((at) => at >= start && at < start + 60_000).length).toBeLessThanOrEqual(20);
    // One call at once (a hundredth of 20, at least one), the rest spread at 18 a minute: 2% in hand.
    expect(granted.filter((at) => at === 0)).toHaveLength(1);
    expect(granted[1]).toBe(60_000 / 18);
  });
});
