import type { FakeMessage, FakeWorld } from '../world.ts';
import { messageObject } from './chat.ts';
import { fail, flagArg, type MethodHandler, stringArg, visibleChannel } from './context.ts';

// https://docs.slack.dev/reference/methods/conversations.history: `limit` defaults to 100 (at most
// 999); newest first; `oldest` (a ts, inclusive with `inclusive`, else exclusive) bounds the start;
// `has_more` and `response_metadata.next_cursor` page on; message metadata only with
// `include_all_metadata=true`.
const HISTORY_LIMIT_DEFAULT = 100;
const HISTORY_LIMIT_MAX = 999;

/**
 * The app's messages in a channel it can see or in its DM with a person. The fake's `ts` values are
 * a sequence, not times, so `oldest` is compared with when the fake received the message.
 */
export const history: MethodHandler = ({ world, params, workspace }) => {
  const channel = readableChannel(world, stringArg(params, 'channel'));
  const oldest = Number(stringArg(params, 'oldest') ?? '0');
  const cursor = stringArg(params, 'cursor');
  const start =
    cursor === undefined ? 0 : Number(/^offset:(\d+)$/.exec(Buffer.from(cursor, 'base64').toString())?.[1] ?? NaN);
  if (!Number.isInteger(start)) fail('invalid_cursor');
  const limit = Math.min(Number(params.limit ?? HISTORY_LIMIT_DEFAULT) || HISTORY_LIMIT_DEFAULT, HISTORY_LIMIT_MAX);
  const withMetadata = flagArg(params, 'include_all_metadata');
  const all = world.messages
    .filter(
      (message) =>
        message.channel === channel && message.ephemeralFor === null && message.postedAt.getTime() / 1000 > oldest,
    )
    .reverse();
  const end = start + limit;
  return {
    messages: all.slice(start, end).map((message) => shown(world, workspace.id, message, withMetadata)),
    has_more: end < all.length,
    pin_count: 0,
    response_metadata: { next_cursor: end < all.length ? Buffer.from(`offset:${end}`).toString('base64') : '' },
  };
};

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
