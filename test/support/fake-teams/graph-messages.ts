import type { HttpAnswer } from '../loopback-server.ts';
import { type OperationCall, ServiceFailure } from './service.ts';
import type { ChannelState, SeedChannelMessage, TeamState } from './world.ts';

// A channel's messages as Microsoft Graph v1.0 lists them:
// - GET /teams/{id}/channels/{id}/messages (https://learn.microsoft.com/graph/api/channel-list-messages):
//   root messages only, "default page size is 20 messages", "up to 50 channel messages per page",
//   `@odata.nextLink` to the next page; `$expand=replies` brings up to 1000 replies of each, with
//   `replies@odata.nextLink` for the rest (Example 3). The page's examples list them newest first;
//   the page states no order, and no other query parameter.
// - GET …/messages/delta, the same items since a time (listChannelMessagesDelta, below);
// - GET …/messages/{id}/replies (https://learn.microsoft.com/graph/api/chatmessage-list-replies):
//   "Maximum allowed $top value is 50", newest first in its example.
// Each item is a chatMessage (https://learn.microsoft.com/graph/api/resources/chatmessage) shaped as
// those examples: `from` an identity set, the body, `channelIdentity`, `reactions[]` of
// chatMessageReaction (https://learn.microsoft.com/graph/api/resources/chatmessagereaction).

const GRAPH = 'https://graph.microsoft.com/v1.0';
const MESSAGES_PAGE_DEFAULT = 20;
const REPLIES_PAGE_DEFAULT = 20;
const PAGE_MAX = 50;

function pageSize(call: OperationCall, fallback: number): number {
  const given = call.request.query.get('$top');
  const top = Number(given ?? fallback);
  if (!Number.isInteger(top) || top < 1 || top > PAGE_MAX)
    throw new ServiceFailure(400, 'BadRequest', `Invalid page size: $top must be between 1 and ${PAGE_MAX}.`);
  return top;
}

/** Our skiptoken is the offset (Graph's is opaque: nothing but the link should read it). */
function offset(call: OperationCall): number {
  const skip = Number(call.request.query.get('$skiptoken') ?? 0);
  if (!Number.isInteger(skip) || skip < 0) throw new ServiceFailure(400, 'BadRequest', 'Invalid skip token.');
  return skip;
}

function newestFirst(messages: readonly SeedChannelMessage[]): SeedChannelMessage[] {
  return [...messages].sort((a, b) => b.createdDateTime.getTime() - a.createdDateTime.getTime());
}

/** A link to the same collection from `skip`, other query parameters kept. */
function linkFrom(call: OperationCall, path: string, skip: number, top: number): string {
  const link = new URL(`${call.origin}${path}`);
  for (const [name, value] of call.request.query) link.searchParams.set(name, value);
  link.searchParams.set('$top', String(top));
  link.searchParams.set('$skiptoken', String(skip));
  return link.toString();
}

function identity(from: SeedChannelMessage['from'], call: OperationCall) {
  if (from === null) return null;
  if ('application' in from) {
    return {
      application: { id: from.application, displayName: 'A bot', applicationIdentityType: 'bot' },
      device: null,
      user: null,
    };
  }
  const user = call.world.users.get(from.user);
  return {
    application: null,
    device: null,
    user: { id: from.user, displayName: user?.displayName ?? null, userIdentityType: 'aadUser' },
  };
}

function messageJson(
  call: OperationCall,
  team: TeamState,
  channel: ChannelState,
  message: SeedChannelMessage,
  rootId: string | null,
) {
  const system = (message.messageType ?? 'message') !== 'message';
  const deleted = message.deletedDateTime !== undefined;
  const at = message.createdDateTime.toISOString();
  return {
    id: message.id,
    replyToId: rootId,
    etag: message.id,
    messageType: message.messageType ?? 'message',
    createdDateTime: at,
    lastModifiedDateTime: message.deletedDateTime?.toISOString() ?? at,
    lastEditedDateTime: null,
    deletedDateTime: message.deletedDateTime?.toISOString() ?? null,
    subject: null,
    summary: null,
    chatId: null,
    importance: 'normal',
    locale: 'en-us',
    webUrl: `https://teams.microsoft.com/l/message/${encodeURIComponent(channel.id)}/${message.id}?groupId=${team.id}&tenantId=${team.tenantId}&createdTime=${message.id}&parentMessageId=${rootId ?? message.id}`,
    policyViolation: null,
    eventDetail: system ? { '@odata.type': '#microsoft.graph.teamDescriptionUpdatedEventMessageDetail' } : null,
    from: identity(message.from, call),
    body: system
      ? { contentType: 'html', content: '<systemEventMessage/>' }
      : { contentType: message.contentType ?? 'text', content: deleted ? '' : (message.text ?? '') },
    channelIdentity: { teamId: team.id, channelId: channel.id },
    attachments: [],
    mentions: [],
    reactions: (message.reactions ?? []).map((reaction) => ({
      reactionType: reaction.reactionType,
      createdDateTime: reaction.createdDateTime.toISOString(),
      user: {
        application: null,
        device: null,
        user: { id: reaction.user, displayName: null, userIdentityType: 'aadUser' },
      },
    })),
  };
}

function repliesPath(call: OperationCall, team: TeamState, channel: ChannelState, root: SeedChannelMessage): string {
  // The request's own prefix (the fake's "/graph") before Graph's path.
  const prefix = call.request.path.slice(0, call.request.path.indexOf('/v1.0/'));
  return `${prefix}/v1.0/teams/${team.id}/channels/${encodeURIComponent(channel.id)}/messages/${root.id}/replies`;
}

/** A page of a channel's root messages, each with its first replies when `$expand=replies`. */
export function listChannelMessages(call: OperationCall, team: TeamState, channel: ChannelState): HttpAnswer {
  const page = rootsPage(call, team, channel, newestFirst(channel.messages), MESSAGES_PAGE_DEFAULT);
  return { status: 200, json: { '@odata.context': messagesContext(team, channel), ...page.json } };
}

/**
 * A page of a channel's delta (https://learn.microsoft.com/graph/api/chatmessage-delta): with
 * `$filter=lastModifiedDateTime gt <time>` (the only filter it takes), the reply chains created or
 * changed after that time; `@odata.nextLink` while more remain, then an `@odata.deltaLink`. Its
 * example lists the oldest first. A chain changes with its replies, deletions and reactions (a
 * reaction moves a message's lastModifiedDateTime: resources/chatmessage). Delta's eight-month reach
 * is not modelled: the fake knows no calendar date.
 */
export function listChannelMessagesDelta(call: OperationCall, team: TeamState, channel: ChannelState): HttpAnswer {
  const filter = call.request.query.get('$filter');
  const after = filter === null ? null : /^lastModifiedDateTime gt (\S+)$/.exec(filter)?.[1];
  if (filter !== null && (after === undefined || Number.isNaN(Date.parse(after ?? ''))))
    throw new ServiceFailure(400, 'BadRequest', `Unsupported filter: ${filter}`);
  const since = after ? Date.parse(after) : Number.NEGATIVE_INFINITY;
  const changed = newestFirst(channel.messages)
    .reverse()
    .filter((root) => lastChanged(root) > since);
  const page = rootsPage(call, team, channel, changed, MESSAGES_PAGE_DEFAULT);
  const deltaLink = new URL(`${call.origin}${call.request.path}`);
  deltaLink.searchParams.set('$deltatoken', Buffer.from(String(Date.now())).toString('base64url'));
  return {
    status: 200,
    json: {
      '@odata.context': `${GRAPH}/$metadata#Collection(chatMessage)`,
      ...page.json,
      ...(page.last ? { '@odata.deltaLink': deltaLink.toString() } : {}),
    },
  };
}

/** When a reply chain last changed: its messages made or deleted, and their reactions. */
function lastChanged(root: SeedChannelMessage): number {
  return Math.max(
    ...[root, ...(root.replies ?? [])].flatMap((message) => [
      message.createdDateTime.getTime(),
      message.deletedDateTime?.getTime() ?? 0,
      ...(message.reactions ?? []).map((reaction) => reaction.createdDateTime.getTime()),
    ]),
  );
}

function messagesContext(team: TeamState, channel: ChannelState): string {
  return `${GRAPH}/$metadata#teams('${team.id}')/channels('${encodeURIComponent(channel.id)}')/messages`;
}

/** `$top` of `roots` from the skiptoken, replies expanded when asked, and the next page's link. */
function rootsPage(
  call: OperationCall,
  team: TeamState,
  channel: ChannelState,
  roots: readonly SeedChannelMessage[],
  fallbackSize: number,
): { json: Record<string, unknown>; last: boolean } {
  const top = pageSize(call, fallbackSize);
  const skip = offset(call);
  const expand = call.request.query.get('$expand');
  if (expand !== null && expand !== 'replies')
    throw new ServiceFailure(400, 'BadRequest', `Only replies can be expanded, not '${expand}'.`);
  const limit = call.world.expandedRepliesLimit;
  const value = roots.slice(skip, skip + top).map((root) => {
    const json = messageJson(call, team, channel, root, null);
    if (expand === null) return json;
    const replies = newestFirst(root.replies ?? []);
    return {
      ...json,
      'replies@odata.count': Math.min(replies.length, limit),
      ...(replies.length > limit
        ? { 'replies@odata.nextLink': linkFrom(call, repliesPath(call, team, channel, root), limit, PAGE_MAX) }
        : {}),
      replies: replies.slice(0, limit).map((reply) => messageJson(call, team, channel, reply, root.id)),
    };
  });
  const last = skip + top >= roots.length;
  return {
    json: {
      '@odata.count': value.length,
      ...(last ? {} : { '@odata.nextLink': linkFrom(call, call.request.path, skip + top, top) }),
      value,
    },
    last,
  };
}

/** A page of one root message's replies. */
export function listMessageReplies(call: OperationCall, team: TeamState, channel: ChannelState): HttpAnswer {
  const root = channel.messages.find((message) => message.id === call.params[2]);
  if (!root) throw new ServiceFailure(404, 'NotFound', `Message ${call.params[2]} was not found.`);
  const top = pageSize(call, REPLIES_PAGE_DEFAULT);
  const skip = offset(call);
  const replies = newestFirst(root.replies ?? []);
  const value = replies.slice(skip, skip + top).map((reply) => messageJson(call, team, channel, reply, root.id));
  return {
    status: 200,
    json: {
      '@odata.context': `${GRAPH}/$metadata#teams('${team.id}')/channels('${encodeURIComponent(channel.id)}')/messages('${root.id}')/replies`,
      '@odata.count': value.length,
      ...(skip + top < replies.length ? { '@odata.nextLink': linkFrom(call, call.request.path, skip + top, top) } : {}),
      value,
    },
  };
}
