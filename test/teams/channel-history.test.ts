import type { HistoryPage, HistoryWindow, PlatformActivity, PlatformRef } from '@steward/core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { toActivities } from '../../apps/teams/src/events/to-activity.ts';
import { MAX_GRAPH_CALLS_PER_READ } from '../../apps/teams/src/web/channel-history.ts';
import { TeamsPlatform } from '../../apps/teams/src/web/teams-platform.ts';
import { FAKE_APP, FAKE_TENANT, FakeTeams, type SeedChannelMessage } from '../support/fake-teams/index.ts';
import { MemoryConversations } from '../support/memory-conversations.ts';
import { platformRejection } from '../support/platform-rejection.ts';
import { placeholders, type TeamsActivity, type TeamsPlace, teamsActivity } from '../support/teams-activities.ts';

// A team's channel history read back through the real TeamsPlatform from the fake Graph, page by
// page, and compared with what the live mapping gives the same messages and reactions as Bot
// Framework activities: a backfill over days live events already counted must change nothing.

const TENANT = FAKE_TENANT.id;
const TEAM = 'c0ffee00-0000-4000-8000-0000000000a1';
const GENERAL = '19:general0000a1@thread.tacv2';
const DESIGN = '19:design0000a1@thread.tacv2';
const PRIVATE = '19:private0000a1@thread.tacv2';
const ALICE = 'a11ce000-0000-4000-8000-0000000000a1';
const BOB = 'b0b00000-0000-4000-8000-0000000000a2';
const CAROL = 'ca201000-0000-4000-8000-0000000000a3';
const A_BOT = 'b0700000-0000-4000-8000-0000000000a4';
const PLACE: TeamsPlace = {
  tenantId: TENANT,
  teamId: TEAM,
  serviceUrl: 'https://smba.example/emea/',
  appId: FAKE_APP.id,
};

const WINDOW: HistoryWindow = { since: new Date('2026-03-02T00:00:00Z'), until: new Date('2026-03-09T00:00:00Z') };
const team: PlatformRef = { platform: 'teams', workspaceId: TENANT, id: TEAM };

/** Something a person wrote, with the reactions people gave it. */
interface Written {
  readonly id: string;
  readonly at: string;
  readonly by: string;
  readonly text: string;
  readonly reactions?: readonly { readonly type: string; readonly by: string; readonly at: string }[];
}

/** A thread people wrote in a channel: its root and replies. */
interface Thread {
  readonly channel: string;
  readonly root: Written;
  readonly replies?: readonly Written[];
}

/** A message id as Teams makes them: its creation time in milliseconds. */
const idAt = (at: string) => String(Date.parse(at));
const written = (at: string, by: string, text: string, reactions?: Written['reactions']): Written => ({
  id: idAt(at),
  at,
  by,
  text,
  ...(reactions ? { reactions } : {}),
});

// Threads in the window, before it (with a reply inside it) and after it; replies beyond the two
// `$expand=replies` brings here (the fake is told 2 rather than Graph's 1000) come from `/replies`.
const THREADS: readonly Thread[] = [
  {
    channel: GENERAL,
    root: written('2026-03-03T09:00:00.101Z', ALICE, 'Where does the Q3 roadmap live?', [
      { type: 'like', by: BOB, at: '2026-03-03T09:05:00.000Z' },
      { type: 'heart', by: CAROL, at: '2026-03-03T09:06:00.000Z' },
    ]),
    replies: [
      written('2026-03-03T10:00:00.202Z', BOB, 'In the Roadmap tab.', [
        { type: 'laugh', by: ALICE, at: '2026-03-03T10:01:00.000Z' },
      ]),
      written('2026-03-03T11:00:00.303Z', CAROL, 'And the old one in Files.'),
      written('2026-03-04T08:00:00.404Z', ALICE, 'Thanks both!'),
      written('2026-03-04T09:00:00.505Z', BOB, 'Any time?'),
    ],
  },
  {
    // Started before the window; a reply and a reaction inside it count, the rest does not.
    channel: GENERAL,
    root: written('2026-02-20T09:00:00.606Z', BOB, 'Old question?', [
      { type: 'like', by: ALICE, at: '2026-02-20T10:00:00.000Z' },
      { type: 'surprised', by: CAROL, at: '2026-03-05T10:00:00.000Z' },
    ]),
    replies: [
      written('2026-02-21T09:00:00.707Z', CAROL, 'Old answer.'),
      written('2026-03-05T09:00:00.808Z', ALICE, 'A late answer.'),
    ],
  },
  // Untouched since long before the window: a delta since the window's start leaves it out.
  { channel: GENERAL, root: written('2026-01-15T09:00:00.111Z', CAROL, 'Happy new year?') },
  // At the window's very start: inside it (Graph's delta filter is "gt").
  { channel: GENERAL, root: written('2026-03-02T00:00:00.000Z', BOB, 'Up early?') },
  // At the window's end: outside it.
  { channel: GENERAL, root: written('2026-03-09T00:00:00.000Z', CAROL, 'Monday already?') },
  // Enough roots in Design for two pages of 50, the last few in the window.
  ...Array.from({ length: 56 }, (_, index): Thread => {
    const at = new Date(Date.parse('2026-02-24T12:00:00.000Z') + index * 3 * 3600_000).toISOString();
    return { channel: DESIGN, root: written(at, [ALICE, BOB, CAROL][index % 3] ?? ALICE, `Design note ${index}`) };
  }),
];

const seedOf = (item: Written): SeedChannelMessage => ({
  id: item.id,
  createdDateTime: new Date(item.at),
  from: { user: item.by },
  text: item.text,
  reactions: (item.reactions ?? []).map((reaction) => ({
    reactionType: reaction.type,
    createdDateTime: new Date(reaction.at),
    user: reaction.by,
  })),
});

// What counts for nobody: an app's message (a person's reaction to it counts, as a live one would),
// a deleted message, a system message, and a private channel's messages.
const BOT_POST = {
  id: idAt('2026-03-06T08:00:00.909Z'),
  at: '2026-03-06T08:00:00.909Z',
  reaction: { type: 'like', by: CAROL, at: '2026-03-06T08:30:00.000Z' },
};
const NOISE: readonly { readonly channel: string; readonly message: SeedChannelMessage }[] = [
  {
    channel: GENERAL,
    message: {
      id: BOT_POST.id,
      createdDateTime: new Date(BOT_POST.at),
      from: { application: A_BOT },
      text: 'Build passed?',
      reactions: [
        {
          reactionType: BOT_POST.reaction.type,
          createdDateTime: new Date(BOT_POST.reaction.at),
          user: BOT_POST.reaction.by,
        },
      ],
    },
  },
  {
    channel: GENERAL,
    message: {
      id: idAt('2026-03-06T09:00:00.010Z'),
      createdDateTime: new Date('2026-03-06T09:00:00.010Z'),
      from: { user: BOB },
      text: 'Oops?',
      deletedDateTime: new Date('2026-03-06T09:01:00.000Z'),
    },
  },
  {
    channel: GENERAL,
    message: {
      id: idAt('2026-03-06T10:00:00.020Z'),
      createdDateTime: new Date('2026-03-06T10:00:00.020Z'),
      from: null,
      messageType: 'systemEventMessage',
    },
  },
  {
    channel: PRIVATE,
    message: seedOf(written('2026-03-06T11:00:00.030Z', ALICE, 'Only for the few?')),
  },
];

function messagesOf(channel: string): SeedChannelMessage[] {
  return [
    ...THREADS.filter((thread) => thread.channel === channel).map((thread) => ({
      ...seedOf(thread.root),
      replies: (thread.replies ?? []).map(seedOf),
    })),
    ...NOISE.filter((noise) => noise.channel === channel).map((noise) => noise.message),
  ];
}

// The same things as Teams would have sent them to the bot live, from the recorded activities.
// The store finds a group by its Microsoft 365 group id or its thread id; giving each activity the
// former (`aadGroupId`) lets the keys be compared as they are.
function liveMessage(channel: string, item: Written, root: string | null): TeamsActivity {
  const activity = teamsActivity(root === null ? 'channel-message.json' : 'channel-reply.json', placeholders(PLACE));
  activity.id = item.id;
  activity.timestamp = item.at;
  activity.text = item.text;
  activity.from = { id: `29:${item.by}`, aadObjectId: item.by };
  activity.conversation.id = `${channel};messageid=${root ?? item.id}`;
  if (root !== null) activity.replyToId = root;
  return activity;
}

function liveReaction(channel: string, messageId: string, reaction: { type: string; by: string; at: string }) {
  const activity = teamsActivity('message-reaction.json', { ...placeholders(PLACE), __REPLY_TO__: messageId });
  activity.timestamp = reaction.at;
  activity.from = { id: `29:${reaction.by}`, aadObjectId: reaction.by };
  activity.conversation.id = channel;
  activity['reactionsAdded'] = [{ type: reaction.type }];
  activity.channelData = { ...activity.channelData, team: { id: GENERAL, aadGroupId: TEAM } };
  return activity;
}

function liveActivitiesOf(channel: string, item: Written, root: string | null): TeamsActivity[] {
  return [
    liveMessage(channel, item, root),
    ...(item.reactions ?? []).map((reaction) => liveReaction(channel, item.id, reaction)),
  ];
}

/** What the live mapping counts, in the window; the sender's locale and zone aside (Graph has none). */
function expectedInWindow(threads: readonly Thread[]): PlatformActivity[] {
  const live = [
    ...threads.flatMap((thread) => [
      ...liveActivitiesOf(thread.channel, thread.root, null),
      ...(thread.replies ?? []).flatMap((reply) => liveActivitiesOf(thread.channel, reply, thread.root.id)),
    ]),
    liveReaction(GENERAL, BOT_POST.id, BOT_POST.reaction),
  ].filter((activity) => threads.some((thread) => thread.channel === activity.conversation.id.split(';')[0]));
  return sorted(
    live
      .flatMap((activity) => toActivities(activity))
      .map(({ actorFallback: _, ...activity }) => activity)
      .filter((activity) => activity.occurredAt >= WINDOW.since && activity.occurredAt < WINDOW.until),
  );
}

function sorted(activities: readonly PlatformActivity[]): PlatformActivity[] {
  return [...activities].sort((a, b) => a.platformEventId.localeCompare(b.platformEventId));
}

// Graph's delta reaches eight months back: a window that starts earlier is read from each channel's
// whole list of messages, a later one from its delta since the window's start.
const READS = [
  {
    way: 'every message of each channel',
    now: new Date('2026-12-01T00:00:00Z'),
    operation: 'listChannelMessages',
    // General's 8 roots (5 threads, 3 that count for nobody) in one page; Design's 56 in two.
    pages: 1 + 2,
  },
  {
    way: 'each channel’s delta since the window’s start',
    now: new Date('2026-03-20T00:00:00Z'),
    operation: 'listChannelMessagesDelta',
    // General's 7 roots changed since the window's start, and 4 of Design's.
    pages: 1 + 1,
  },
] as const;

describe.each(READS)('Teams channel history through Graph, reading $way', ({ now, operation, pages: messagePages }) => {
  const fake = new FakeTeams({ expandedRepliesLimit: 2 });
  let platform: TeamsPlatform;

  beforeAll(() => fake.start());
  afterAll(() => fake.stop());

  beforeEach(() => {
    fake.reset();
    fake.addTeam({
      id: TEAM,
      tenantId: TENANT,
      channels: [
        { id: GENERAL, displayName: 'General', messages: messagesOf(GENERAL) },
        { id: DESIGN, displayName: 'Design', messages: messagesOf(DESIGN) },
        { id: PRIVATE, displayName: 'Few', membershipType: 'private', messages: messagesOf(PRIVATE) },
      ],
    });
    platform = new TeamsPlatform({
      appId: FAKE_APP.id,
      appPassword: FAKE_APP.secret,
      tokenUrl: fake.tokenUrl,
      graphUrl: fake.graphUrl,
      conversations: new MemoryConversations(),
      serviceUrlFor: async () => fake.serviceUrl(),
      render: () => ({}),
      clock: { now: () => now },
    });
  });

  /** Every page from `cursor` to the end, and the Graph calls each read made. */
  async function readToEnd(group: PlatformRef, cursor: string | null = null) {
    const pages: HistoryPage[] = [];
    const cursors: (string | null)[] = [];
    const callsPerRead: number[] = [];
    for (let next = cursor; pages.length === 0 || next !== null; ) {
      const before = fake.calls.filter((call) => call.service === 'graph').length;
      cursors.push(next);
      const page = await platform.readHistory(group, WINDOW, next);
      callsPerRead.push(fake.calls.filter((call) => call.service === 'graph').length - before);
      pages.push(page);
      next = page.next;
      if (pages.length > 100) throw new Error('the read never ends');
    }
    return { pages, cursors, callsPerRead, activities: pages.flatMap((page) => page.activities) };
  }

  it('gives the activities live events give the same messages, replies and reactions in the window', async () => {
    const { activities, pages } = await readToEnd(team);

    expect(sorted(activities)).toEqual(expectedInWindow(THREADS));
    expect(pages.length).toBeGreaterThan(1);
    // Each exactly once, even read across pages.
    expect(new Set(activities.map((activity) => activity.platformEventId)).size).toBe(activities.length);
  });

  it('counts no app’s message, deleted or system message, nor a private channel’s', async () => {
    const { activities } = await readToEnd(team);
    const ids = activities.map((activity) => activity.platformEventId);

    for (const noise of NOISE) expect(ids).not.toContain(`message:${noise.channel}:${noise.message.id}`);
    expect(ids.filter((id) => id.includes(PRIVATE))).toEqual([]);
    expect(ids).toContain(`reaction:${GENERAL}:${BOT_POST.id}:${CAROL}:like`);
    expect(fake.callsTo(operation).map((call) => call.path)).not.toContainEqual(
      expect.stringContaining(encodeURIComponent(PRIVATE)),
    );
  });

  it('reads replies past the expanded ones through /replies, and 50 messages a page at most', async () => {
    await readToEnd(team);

    expect(fake.callsTo('listMessageReplies').length).toBeGreaterThan(0);
    expect(fake.callsTo(operation).every((call) => Number(call.query['$top']) <= 50)).toBe(true);
    expect(fake.callsTo(operation).filter((call) => call.status === 200).length).toBe(messagePages);
  });

  it('gives the same activities read again from any saved cursor', async () => {
    const whole = await readToEnd(team);
    const everything = sorted(whole.activities).map((activity) => activity.platformEventId);

    for (const [index, cursor] of whole.cursors.entries()) {
      const before = whole.pages.slice(0, index).flatMap((page) => page.activities);
      const rest = await readToEnd(team, cursor);
      const ids = new Set([...before, ...rest.activities].map((activity) => activity.platformEventId));
      expect([...ids].sort((a, b) => a.localeCompare(b))).toEqual(everything);
    }
  });

  it(`makes at most ${MAX_GRAPH_CALLS_PER_READ} Graph calls a read, and tells honestly how far it has come`, async () => {
    const { callsPerRead, pages } = await readToEnd(team);

    expect(Math.max(...callsPerRead)).toBeLessThanOrEqual(MAX_GRAPH_CALLS_PER_READ);
    expect(callsPerRead.every((calls) => calls > 0)).toBe(true);
    const readBackTo = pages.map((page) => page.readBackTo.getTime());
    expect(readBackTo.every((at, index) => index === 0 || at <= (readBackTo[index - 1] ?? at))).toBe(true);
    expect(readBackTo.every((at) => at >= WINDOW.since.getTime() && at <= WINDOW.until.getTime())).toBe(true);
    // The window is read back to its start only with the last page.
    expect(pages.at(-1)?.readBackTo).toEqual(WINDOW.since);
    expect(pages.slice(0, -1).every((page) => page.readBackTo > WINDOW.since)).toBe(true);
  });

  it('reads a group that is one channel of a team in that channel only', async () => {
    const { activities } = await readToEnd({ ...team, id: `${TEAM}/${DESIGN}` });

    expect(fake.callsTo('listChannels')).toEqual([]);
    expect(sorted(activities).map((activity) => activity.platformEventId)).toEqual(
      expectedInWindow(THREADS.filter((thread) => thread.channel === DESIGN)).map(
        (activity) => activity.platformEventId,
      ),
    );
  });

  it('surfaces a 429 as a PlatformError with Retry-After, and the same cursor then goes on', async () => {
    const first = await platform.readHistory(team, WINDOW, null);
    fake.failNext(operation, { status: 429, retryAfter: 7 });

    const error = await platformRejection(platform.readHistory(team, WINDOW, first.next));
    expect(error).toMatchObject({ code: 'ratelimited', permanent: false, retryAfterMs: 7000 });

    const rest = await readToEnd(team, first.next);
    const ids = [...first.activities, ...rest.activities].map((activity) => activity.platformEventId);
    expect(new Set(ids)).toEqual(new Set(expectedInWindow(THREADS).map((activity) => activity.platformEventId)));
  });

  it('refuses a cursor that is not its own, or leads off Graph, for good', async () => {
    const saved = (state: object) => Buffer.from(JSON.stringify(state)).toString('base64url');
    const elsewhere = { team: TEAM, channels: [], at: 0, page: null, lastPage: false, replies: [] };

    for (const cursor of [
      'not a cursor',
      saved({ ...elsewhere, team: 'another-team', listing: null }),
      saved({ ...elsewhere, listing: 'https://collector.example/v1.0/teams' }),
    ]) {
      const error = await platformRejection(platform.readHistory(team, WINDOW, cursor));
      expect(error).toMatchObject({ code: 'bad_cursor', permanent: true });
    }
    expect(fake.calls.filter((call) => call.service === 'graph')).toEqual([]);
  });

  it('goes on past a channel deleted since the channels were listed', async () => {
    const first = await platform.readHistory(team, WINDOW, null);
    fake.team(TEAM).channels.delete(DESIGN);

    const rest = await readToEnd(team, first.next);
    const ids = [...first.activities, ...rest.activities].map((activity) => activity.platformEventId);
    expect(new Set(ids)).toEqual(
      new Set(
        expectedInWindow(THREADS.filter((thread) => thread.channel === GENERAL)).map(
          (activity) => activity.platformEventId,
        ),
      ),
    );
    expect(fake.callsTo(operation).filter((call) => call.status === 404)).toHaveLength(1);
  });

  it('is refused for good without a permission to read channel messages', async () => {
    fake.addTenant({ id: TENANT, permissions: ['Channel.ReadBasic.All'] });

    const error = await platformRejection(readToEnd(team));
    expect(error).toMatchObject({ code: 'Forbidden', permanent: true });
    fake.addTenant({ id: TENANT, permissions: ['Channel.ReadBasic.All', 'ChannelMessage.Read.Group'] });
    expect((await readToEnd(team)).activities.length).toBeGreaterThan(0);
  });
});
