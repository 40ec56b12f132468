import type { FakeMessage, FakeWorld } from '../world.ts';
import { fail, type MethodContext, type MethodHandler, stringArg, visibleChannel } from './context.ts';

// https://docs.slack.dev/reference/methods/chat.postMessage: text beyond 40,000 characters and more
// than 50 blocks are refused.
const MAX_TEXT_LENGTH = 40_000;
const MAX_BLOCKS = 50;

/**
 * Where the app may post: its DM with a person (by D… id, or by user id, which Slack resolves to
 * the DM), or a channel it is in (public ones also with `chat:write.public`).
 */
function postableChannel({ world, params, workspace }: MethodContext): string {
  const id = stringArg(params, 'channel');
  if (id === undefined) fail('channel_not_found');
  if (world.users.has(id)) return world.openIm(id).id;
  if (id.startsWith('D')) {
    if (world.imUser(id) === undefined) fail('channel_not_found');
    return id;
  }
  const channel = visibleChannel(world, id);
  if (channel.isArchived) fail('is_archived');
  const mayPostUninvited =
    !channel.isPrivate && (workspace.scopes === null || workspace.scopes.includes('chat:write.public'));
  if (!channel.members.has(world.botUserId) && !mayPostUninvited) fail('not_in_channel');
  return id;
}

/** Text and blocks as Slack checks them; either may be missing, not both. */
function content(params: MethodContext['params']): { text: string; blocks: unknown[] | null } {
  const text = stringArg(params, 'text') ?? '';
  const blocks = params.blocks;
  if (blocks !== undefined && !Array.isArray(blocks)) fail('invalid_blocks_format');
  if (Array.isArray(blocks)) {
    const malformed = blocks.some(
      (block) => typeof block !== 'object' || block === null || typeof (block as { type?: unknown }).type !== 'string',
    );
    if (malformed || blocks.length > MAX_BLOCKS) fail('invalid_blocks');
  }
  if (text === '' && (!Array.isArray(blocks) || blocks.length === 0)) fail('no_text');
  if (text.length > MAX_TEXT_LENGTH) fail('msg_too_long');
  return { text, blocks: Array.isArray(blocks) ? blocks : null };
}

export function messageObject(world: FakeWorld, teamId: string, message: FakeMessage): Record<string, unknown> {
  return {
    type: 'message',
    text: message.text,
    user: message.user,
    bot_id: 'B0FAKEBOT',
    app_id: 'A0FAKEAPP',
    team: teamId,
    ts: message.ts,
    ...(message.blocks ? { blocks: message.blocks } : {}),
    ...(message.metadata ? { metadata: message.metadata } : {}),
    ...(message.updates > 0 ? { edited: { user: world.botUserId, ts: message.ts } } : {}),
  };
}

/**
 * `metadata` as chat.postMessage takes it (https://docs.slack.dev/reference/methods/chat.postMessage,
 * https://docs.slack.dev/messaging/message-metadata): `{event_type, event_payload}`, a JSON string in
 * a form body; anything else is `invalid_metadata_format`.
 */
function metadataArg(params: MethodContext['params']): FakeMessage['metadata'] {
  const raw = params.metadata;
  if (raw === undefined || raw === '') return null;
  let value: unknown = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch {
      fail('invalid_metadata_format');
    }
  }
  const { event_type: type, event_payload: payload } = (value ?? {}) as {
    event_type?: unknown;
    event_payload?: unknown;
  };
  if (typeof type !== 'string' || typeof payload !== 'object' || payload === null) fail('invalid_metadata_format');
  return { event_type: type, event_payload: payload as Record<string, unknown> };
}

export const postMessage: MethodHandler = (context) => {
  const channel = postableChannel(context);
  const { text, blocks } = content(context.params);
  const message: FakeMessage = {
    channel,
    ts: context.world.nextTs(),
    text,
    blocks,
    user: context.world.botUserId,
    ephemeralFor: null,
    updates: 0,
    metadata: metadataArg(context.params),
    postedAt: new Date(),
  };
  context.world.messages.push(message);
  return { channel, ts: message.ts, message: messageObject(context.world, context.workspace.id, message) };
};

export const update: MethodHandler = (context) => {
  const { world, params } = context;
  const channel = stringArg(params, 'channel');
  if (channel === undefined || (!world.channels.has(channel) && world.imUser(channel) === undefined))
    fail('channel_not_found');
  const message = world.findMessage(channel, stringArg(params, 'ts') ?? '');
  if (!message || message.ephemeralFor !== null) fail('message_not_found');
  if (message.user !== world.botUserId) fail('cant_update_message');
  const { text, blocks } = content(params);
  message.text = text;
  if (blocks) message.blocks = blocks;
  message.updates += 1;
  return { channel, ts: message.ts, text, message: messageObject(world, context.workspace.id, message) };
};

export const postEphemeral: MethodHandler = (context) => {
  const { world, params } = context;
  const user = stringArg(params, 'user');
  const channel = postableChannel(context);
  const state = world.channels.get(channel);
  const inChannel = state ? state.members.has(user ?? '') : world.imUser(channel) === user;
  if (user === undefined || !inChannel) fail('user_not_in_channel');
  const { text, blocks } = content(params);
  const message: FakeMessage = {
    channel,
    ts: world.nextTs(),
    text,
    blocks,
    user: world.botUserId,
    ephemeralFor: user,
    updates: 0,
    metadata: null,
    postedAt: new Date(),
  };
  world.messages.push(message);
  return { message_ts: message.ts };
};
