import type { FakeMessage, FakeWorld, SeedPastMessage } from '../world.ts';
import { messageObject } from './chat.ts';
import { fail, flagArg, type MethodContext, type MethodHandler, stringArg, visibleChannel } from './context.ts';

type MethodContextParams = MethodContext['params'];

// https://docs.slack.dev/reference/methods/conversations.history: `limit` defaults to 100 (at most
// 999; 15 outside the Marketplace since 2025); newest first; `oldest` and `latest` (ts) bound the
// messages, exclusive unless `inclusive`; `has_more` and `response_metadata.next_cursor` page on;
// message metadata only with `include_all_metadata=true`. Thread replies are not in it, but for
// those also sent to the channel (`subtype: "thread_broadcast"`).
const HISTORY_LIMIT_DEFAULT = 100;

/** A message of a channel's history and the time it is ordered and bounded by. */
interface Listed {
  readonly at: number;
  readonly shown: Record<string, unknown>;
}

/**
 * The app's messages and people's past messages in a channel it can see, or in its DM with a person.
 * The app's `ts` values are a sequence, not times, so they are placed by when the fake received them.
 */
export const history: MethodHandler = ({ world, params, workspace }) => {
  const channel = readableChannel(world, stringArg(params, 'channel'));
  const withMetadata = flagArg(params, 'include_all_metadata');
  const posted: Listed[] = world.messages
    .filter((message) => message.channel === channel && message.ephemeralFor === null)
    .map((message) => ({
      at: message.postedAt.getTime() / 1000,
      shown: shown(world, workspace.id, message, withMetadata),
    }));
  const past: Listed[] = pastMessages(world, channel)
    .filter((m) => m.thread_ts === undefined || m.thread_ts === m.ts || m.subtype === 'thread_broadcast')
    .map((m) => ({ at: Number(m.ts), shown: { type: 'message', ...m } }));
  const all = bounded([...posted, ...past], params).sort((a, b) => b.at - a.at);
  return page(all, params, world);
};

/**
 * https://docs.slack.dev/reference/methods/conversations.replies: a thread, its parent first and
 * then its replies oldest first, with the same `limit`, bounds and cursor as conversations.history;
 * `thread_not_found` for a `ts` that starts no thread.
 */
export const replies: MethodHandler = ({ world, params }) => {
  const channel = readableChannel(world, stringArg(params, 'channel'));
  const ts = stringArg(params, 'ts');
  const thread = pastMessages(world, channel).filter((m) => m.ts === ts || (ts !== undefined && m.thread_ts === ts));
  if (ts === undefined || !thread.some((m) => m.ts === ts)) fail('thread_not_found');
  const listed = thread.map((m) => ({ at: Number(m.ts), shown: { type: 'message', ...m } }));
  const [parent, ...rest] = listed.sort((a, b) => a.at - b.at);
  return page([parent!, ...bounded(rest, params)], params, world);
};

/** The messages within `oldest` and `latest` (exclusive unless `inclusive`). */
function bounded(messages: Listed[], params: MethodContextParams): Listed[] {
  const oldest = Number(stringArg(params, 'oldest') ?? '0');
  const latest = Number(stringArg(params, 'latest') ?? String(Number.POSITIVE_INFINITY));
  const inclusive = flagArg(params, 'inclusive');
  return messages.filter((m) => (inclusive ? m.at >= oldest && m.at <= latest : m.at > oldest && m.at < latest));
}

/** One page of `limit` (capped at the app's page maximum) from the cursor's offset. */
function page(all: Listed[], params: MethodContextParams, world: FakeWorld) {
  const cursor = stringArg(params, 'cursor');
  const start =
    cursor === undefined ? 0 : Number(/^offset:(\d+)$/.exec(Buffer.from(cursor, 'base64').toString())?.[1] ?? NaN);
  if (!Number.isInteger(start)) fail('invalid_cursor');
  const limit = Math.min(Number(params.limit ?? HISTORY_LIMIT_DEFAULT) || HISTORY_LIMIT_DEFAULT, world.historyPageMax);
  const end = start + limit;
  return {
    messages: all.slice(start, end).map((m) => m.shown),
    has_more: end < all.length,
    pin_count: 0,
    response_metadata: { next_cursor: end < all.length ? Buffer.from(`offset:${end}`).toString('base64') : '' },
  };
}

/** People's past messages in a channel (none in a DM). */
function pastMessages(world: FakeWorld, channel: string): readonly SeedPastMessage[] {
  return world.channels.get(channel)?.history ?? [];
}

function shown(world: FakeWorld, teamId: string, message: FakeMessage, withMetadata: boolean): Record<string, unknown> {
  const { metadata, ...rest } = messageObject(world, teamId, message);
  return withMetadata && metadata !== undefined ? { ...rest, metadata } : rest;
}

function readableChannel(world: FakeWorld, id: string | undefined): string {
  if (id !== undefined && world.imUser(id) !== undefined) return id;
  return visibleChannel(world, id).id;
}

/**
 * https://docs.slack.dev/reference/methods/conversations.open: `users` (one person here) opens or
 * finds the app's DM with them: `{channel: {id}}`, plus `no_op` and `already_open` when it was open.
 */
export const open: MethodHandler = ({ world, params }) => {
  const user = stringArg(params, 'users');
  if (user === undefined || user.includes(',')) fail('not_enough_users');
  if (!world.users.has(user)) fail('user_not_found');
  const { id, alreadyOpen } = world.openIm(user);
  return { channel: { id }, ...(alreadyOpen ? { no_op: true, already_open: true } : {}) };
};
