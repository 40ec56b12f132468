import { channelObject, fail, type MethodHandler, stringArg, visibleChannel } from './context.ts';

const MEMBERS_LIMIT_DEFAULT = 100;
const MEMBERS_LIMIT_MAX = 1000;

/** One person only: the fake opens DMs, not group DMs. */
/**
 * Slack refuses the whole call when one invitee fails, naming each failure in `errors` when
 * several were invited.
 */
export const invite: MethodHandler = ({ world, params }) => {
  const channel = visibleChannel(world, stringArg(params, 'channel'));
  if (channel.isArchived) fail('is_archived');
  if (!channel.members.has(world.botUserId)) fail('not_in_channel');
  const users =
    stringArg(params, 'users')
      ?.split(',')
      .map((user) => user.trim()) ?? [];
  if (users.length === 0) fail('no_user');
  const errors = users.flatMap((user) => {
    const error = !world.users.has(user)
      ? 'user_not_found'
      : user === world.botUserId
        ? 'cant_invite_self'
        : channel.members.has(user)
          ? 'already_in_channel'
          : null;
    return error ? [{ user, ok: false, error }] : [];
  });
  const first = errors[0];
  if (first) fail(first.error, users.length > 1 ? { errors } : {});
  for (const user of users) channel.members.add(user);
  return { channel: channelObject(world, channel) };
};

/**
 * https://docs.slack.dev/reference/methods/conversations.archive: `{ ok: true }`, or one of its
 * documented errors: already_archived, cant_archive_general (#general, the workspace's default
 * channel), not_in_channel (the bot must be a member), channel_not_found. Archiving also sends
 * `channel_archive` in Slack, which the fake does not emit: tests post it when they need it.
 */
export const archive: MethodHandler = ({ world, params }) => {
  const channel = visibleChannel(world, stringArg(params, 'channel'));
  if (channel.isArchived) fail('already_archived');
  if (channel.name === 'general') fail('cant_archive_general');
  if (!channel.members.has(world.botUserId)) fail('not_in_channel');
  channel.isArchived = true;
  return {};
};

export const join: MethodHandler = ({ world, params }) => {
  const channel = world.channels.get(stringArg(params, 'channel') ?? '');
  if (!channel) fail('channel_not_found');
  // A bot cannot join a private channel: someone in it must invite it.
  if (channel.isPrivate) fail('method_not_supported_for_channel_type');
  if (channel.isArchived) fail('is_archived');
  const already = channel.members.has(world.botUserId);
  channel.members.add(world.botUserId);
  return {
    channel: channelObject(world, channel),
    ...(already ? { warning: 'already_in_channel', response_metadata: { warnings: ['already_in_channel'] } } : {}),
  };
};

export const info: MethodHandler = ({ world, params }) => {
  const id = stringArg(params, 'channel');
  const imUser = id === undefined ? undefined : world.imUser(id);
  if (imUser !== undefined) return { channel: { id, is_im: true, user: imUser, is_open: true } };
  return { channel: channelObject(world, visibleChannel(world, id)) };
};

/**
 * Cursor pagination as https://docs.slack.dev/apis/web-api/pagination describes it: `limit`
 * (default 100; fewer may come back), an opaque cursor to pass back, and an empty `next_cursor`
 * on the last page; a cursor the method did not give is `invalid_cursor`. Members are user ids,
 * bots included (https://docs.slack.dev/reference/methods/conversations.members).
 */
export const members: MethodHandler = ({ world, params }) => {
  const channel = visibleChannel(world, stringArg(params, 'channel'));
  const cursor = stringArg(params, 'cursor');
  const start =
    cursor === undefined ? 0 : Number(/^offset:(\d+)$/.exec(Buffer.from(cursor, 'base64').toString())?.[1] ?? NaN);
  if (!Number.isInteger(start)) fail('invalid_cursor');
  const limit = Math.min(Number(params.limit ?? MEMBERS_LIMIT_DEFAULT) || MEMBERS_LIMIT_DEFAULT, MEMBERS_LIMIT_MAX);
  const all = [...channel.members];
  const end = start + limit;
  return {
    members: all.slice(start, end),
    response_metadata: { next_cursor: end < all.length ? Buffer.from(`offset:${end}`).toString('base64') : '' },
  };
};
