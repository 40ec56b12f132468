import {
  type HistoryPage,
  type HistoryWindow,
  type PlatformActivity,
  PlatformError,
  type PlatformRef,
} from '@steward/core';
import { z } from 'zod';
import { messageEventId, reactionEventId } from '../events/activity-keys.ts';
import type { GraphScope } from './limits.ts';

// A team's past, read through Microsoft Graph for a backfill:
// - its channels: GET /teams/{id}/channels (https://learn.microsoft.com/graph/api/channel-list);
// - each channel's root messages: GET /teams/{id}/channels/{id}/messages?$top=50&$expand=replies
//   (https://learn.microsoft.com/graph/api/channel-list-messages): at most 50 a page, paged with
//   `@odata.nextLink`; `$expand=replies` brings up to 1000 replies of each, the rest behind the
//   message's `replies@odata.nextLink`;
// - those further replies: GET …/messages/{id}/replies (https://learn.microsoft.com/graph/api/chatmessage-list-replies),
//   `$top` at most 50.
// Reactions come inside each chatMessage (`reactions[]`: reactionType, createdDateTime, user.user.id;
// https://learn.microsoft.com/graph/api/resources/chatmessagereaction).
//
// Permissions: each of these pages names the RSC permission our manifest asks for,
// ChannelMessage.Read.Group, as the least privileged application permission (ChannelMessage.Read.All
// tenant-wide otherwise). They also say that calling them with application permissions needs access
// requested first ("Protected APIs in Microsoft Teams", https://learn.microsoft.com/graph/teams-protected-apis).
//
// Graph documents no order for a channel's messages and no time filter on `/messages`. So no
// channel is cut short on a guess: each is read to its end and only what falls in the window is
// kept. When the window starts within the last eight months, the channel's delta is read instead
// (https://learn.microsoft.com/graph/api/chatmessage-delta): `$filter=lastModifiedDateTime gt …`
// "will fetch any reply chain (each channel post message and associated reply messages) created or
// changed after the specified date time" — a message's lastModifiedDateTime moves with its
// reactions too (resources/chatmessage) — but "Delta will only return messages within the last
// eight months". Same items, same paging, same permissions; only the channel's first page differs.
//
// Throttling (https://learn.microsoft.com/graph/throttling-limits, "Microsoft Teams service limits"):
// "GET channel message" 20 rps per app per tenant, and at most 4 rps per app on a team or channel;
// limits.ts holds them.

/** Graph pages a read makes at most: a backfill of a big team is many short reads, each resumable. */
export const MAX_GRAPH_CALLS_PER_READ = 3;
/** Graph's largest page of channel messages, and of replies. */
const MESSAGE_PAGE_SIZE = 50;
/** How far back a channel's delta reaches ("the last eight months"), kept a week short of it. */
const DELTA_REACH_MS = (8 * 30 - 7) * 24 * 3600_000;

/** Graph as TeamsPlatform reaches it: a page of a collection (its buckets, token and errors), and the time. */
export interface GraphHistoryClient {
  readonly graphUrl: string;
  readonly now: Date;
  page(scope: GraphScope, url: string): Promise<{ items: unknown[]; next: string | null }>;
}

const identity = z.looseObject({ id: z.string().min(1) }).nullish();

/** The chatMessage fields a contribution is read from (https://learn.microsoft.com/graph/api/resources/chatmessage). */
const chatMessage = z.looseObject({
  id: z.string().min(1),
  replyToId: z.string().nullish(),
  messageType: z.string().nullish(),
  createdDateTime: z.string().nullish(),
  deletedDateTime: z.string().nullish(),
  from: z.looseObject({ user: identity, application: identity }).nullish(),
  body: z.looseObject({ content: z.string().nullish() }).nullish(),
  reactions: z
    .array(
      z.looseObject({
        reactionType: z.string().nullish(),
        createdDateTime: z.string().nullish(),
        user: z.looseObject({ user: identity }).nullish(),
      }),
    )
    .nullish(),
  replies: z.array(z.unknown()).nullish(),
  'replies@odata.nextLink': z.string().nullish(),
});
type ChatMessage = z.infer<typeof chatMessage>;

const channel = z.looseObject({ id: z.string().min(1), membershipType: z.string().nullish() });

/** Where a read of a team's past stands: saved between reads, opaque to the core. */
const readState = z.object({
  team: z.string(),
  /** The channels to read, as listed so far. */
  channels: z.array(z.string()),
  /** The channel list's next page while it is being listed, else null. */
  listing: z.string().nullable(),
  /** The channel being read. */
  at: z.number().int().min(0),
  /** Its messages' next page; null before its first. */
  page: z.string().nullable(),
  /** Its last page of messages has been read. */
  lastPage: z.boolean(),
  /** Its threads with replies beyond those expanded: each one's next page of replies. */
  replies: z.array(z.string()),
});
type ReadState = z.infer<typeof readState>;

/** A group's team, and its channel when the group is one channel ("teamId/channelId"). */
function placeOf(group: PlatformRef): { teamId: string; channelId: string | null } {
  const at = group.id.indexOf('/');
  return at < 0
    ? { teamId: group.id, channelId: null }
    : { teamId: group.id.slice(0, at), channelId: group.id.slice(at + 1) };
}

function encode(state: ReadState): string {
  return Buffer.from(JSON.stringify(state)).toString('base64url');
}

/** A saved read of this team, whose links all lead to Graph (our token goes nowhere else). */
function decode(cursor: string, teamId: string, graphUrl: string): ReadState {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = null;
  }
  const state = readState.safeParse(parsed);
  const links = state.success ? [state.data.listing, state.data.page, ...state.data.replies] : [];
  const onGraph = links.every((link) => link === null || link.startsWith(`${graphUrl}/`));
  if (!state.success || state.data.team !== teamId || !onGraph) {
    throw new PlatformError('bad_cursor', { permanent: true, message: `not a history cursor of team ${teamId}` });
  }
  return state.data;
}

/**
 * One bounded read of a team's channels (or of the group's one channel): at most
 * MAX_GRAPH_CALLS_PER_READ Graph pages, then the activities found in the window and where to go on.
 * `readBackTo` is the window's share of channels read through: Graph gives no time order to stop at.
 */
export async function readChannelHistory(
  graph: GraphHistoryClient,
  group: PlatformRef,
  window: HistoryWindow,
  cursor: string | null,
): Promise<HistoryPage> {
  const { graphUrl } = graph;
  const { teamId, channelId } = placeOf(group);
  const state: ReadState =
    cursor !== null
      ? decode(cursor, teamId, graphUrl)
      : {
          team: teamId,
          channels: channelId === null ? [] : [channelId],
          listing: channelId === null ? `${graphUrl}/v1.0/teams/${encodeURIComponent(teamId)}/channels` : null,
          at: 0,
          page: null,
          lastPage: false,
          replies: [],
        };
  const found: ChatMessageFound[] = [];
  for (let calls = 0; calls < MAX_GRAPH_CALLS_PER_READ && !finished(state); calls++) {
    found.push(...(await step(graph, window, state)));
  }
  const inWindow = (activity: PlatformActivity) =>
    activity.occurredAt >= window.since && activity.occurredAt < window.until;
  const done = finished(state);
  const share = done ? 1 : state.at / Math.max(1, state.channels.length);
  return {
    activities: found.flatMap((item) => activitiesOf(group, item)).filter(inWindow),
    next: done ? null : encode(state),
    readBackTo: new Date(window.until.getTime() - (window.until.getTime() - window.since.getTime()) * share),
  };
}

function finished(state: ReadState): boolean {
  return state.listing === null && state.at >= state.channels.length;
}

/** A message as found, with the channel it is in. */
interface ChatMessageFound {
  readonly channel: string;
  readonly message: ChatMessage;
}

/** One Graph call: the next page of the channel list, of a thread's replies, or of a channel's messages. */
async function step(graph: GraphHistoryClient, window: HistoryWindow, state: ReadState): Promise<ChatMessageFound[]> {
  if (state.listing !== null) {
    const { items, next } = await graph.page({ team: state.team }, state.listing);
    // Standard channels only: a team's RSC consent gives the bot their messages live (PLATFORMS.md,
    // "Messages"); a private or shared channel is the business of the app's install there.
    for (const item of items) {
      const parsed = channel.safeParse(item);
      if (parsed.success && (parsed.data.membershipType ?? 'standard') === 'standard')
        state.channels.push(parsed.data.id);
    }
    state.listing = next;
    return [];
  }
  const channelId = state.channels[state.at] ?? '';
  const scope: GraphScope = { team: state.team, readsChannelMessages: true };
  if (state.replies.length > 0) {
    const [url = '', ...rest] = state.replies;
    const { items, next } = await graph.page(scope, url);
    state.replies = next === null ? rest : [next, ...rest];
    if (state.lastPage && state.replies.length === 0) nextChannel(state);
    return messagesOf(channelId, items);
  }
  let page: { items: unknown[]; next: string | null };
  try {
    page = await graph.page(scope, state.page ?? firstPage(graph, state.team, channelId, window));
  } catch (error) {
    // A channel deleted since it was listed has no history left to read.
    if (!(error instanceof PlatformError) || error.code !== 'NotFound') throw error;
    nextChannel(state);
    return [];
  }
  const { items, next } = page;
  const roots = messagesOf(channelId, items);
  for (const { message } of roots) {
    const more = message['replies@odata.nextLink'];
    if (more) state.replies.push(more);
  }
  state.page = next;
  state.lastPage = next === null;
  if (state.lastPage && state.replies.length === 0) nextChannel(state);
  return roots.flatMap((root) => [root, ...messagesOf(channelId, root.message.replies ?? [])]);
}

/**
 * A channel's first page of root messages with their replies: its delta since the window's start
 * when that is within the delta's reach, else all of it. "gt" is strict: a millisecond earlier keeps
 * a thread last touched at the window's very start.
 */
function firstPage(graph: GraphHistoryClient, team: string, channelId: string, window: HistoryWindow): string {
  const messages = `${graph.graphUrl}/v1.0/teams/${encodeURIComponent(team)}/channels/${encodeURIComponent(channelId)}/messages`;
  const query = `$top=${MESSAGE_PAGE_SIZE}&$expand=replies`;
  if (window.since.getTime() <= graph.now.getTime() - DELTA_REACH_MS) return `${messages}?${query}`;
  const changedSince = new Date(window.since.getTime() - 1).toISOString();
  return `${messages}/delta?${query}&$filter=${encodeURIComponent(`lastModifiedDateTime gt ${changedSince}`)}`;
}

function nextChannel(state: ReadState): void {
  state.at += 1;
  state.page = null;
  state.lastPage = false;
  state.replies = [];
}

/** The chatMessages of a page; anything else in it (none documented) is left out. */
function messagesOf(channelId: string, items: readonly unknown[]): ChatMessageFound[] {
  return items.flatMap((item) => {
    const parsed = chatMessage.safeParse(item);
    return parsed.success ? [{ channel: channelId, message: parsed.data }] : [];
  });
}

/**
 * What a message counts for, as its live activity would (events/to-activity.ts): a person's post or
 * reply, and each person's reactions to it. A message from an app or bot (`from.application`), a
 * system message (messageType other than "message") or a deleted one counts for nobody; people's
 * reactions to an app's message count, as live ones do (Teams sends the bot reactions to its own).
 */
function activitiesOf(group: PlatformRef, { channel, message }: ChatMessageFound): PlatformActivity[] {
  if ((message.messageType ?? 'message') !== 'message' || message.deletedDateTime) return [];
  const person = (userId: string) => ({ platform: 'teams' as const, workspaceId: group.workspaceId, userId });
  const author = message.from?.application ? undefined : message.from?.user?.id;
  const root = message.replyToId ?? null;
  const written: PlatformActivity[] = author
    ? [
        {
          kind: root === null ? 'post' : 'reply',
          group,
          actor: person(author),
          occurredAt: new Date(message.createdDateTime ?? Number.NaN),
          platformEventId: messageEventId(channel, message.id),
          threadId: root ?? message.id,
          // HTML when Teams says so: the core reads it only for a question mark, outside tags.
          text: message.body?.content ?? '',
        },
      ]
    : [];
  const reactions = (message.reactions ?? []).flatMap((reaction): PlatformActivity[] => {
    const reactor = reaction.user?.user?.id;
    if (!reactor) return [];
    return [
      {
        kind: 'reaction',
        group,
        actor: person(reactor),
        occurredAt: new Date(reaction.createdDateTime ?? Number.NaN),
        platformEventId: reactionEventId(channel, message.id, reactor, reaction.reactionType ?? ''),
        threadId: null,
      },
    ];
  });
  return [...written, ...reactions];
}
