import type { Params } from '../request.ts';
import { type ChannelState, type FakeWorkspace, type FakeWorld, unixSeconds } from '../world.ts';

export interface MethodContext {
  readonly world: FakeWorld;
  readonly params: Params;
  /** The workspace whose token called. */
  readonly workspace: FakeWorkspace;
}

/** What a method answers besides `ok: true`. */
export type MethodAnswer = Record<string, unknown>;
export type MethodHandler = (context: MethodContext) => MethodAnswer;

/** Slack's `200 {ok:false, error}`; `extra` joins the body (e.g. `needed`, `errors`). */
export class SlackFailure extends Error {
  readonly error: string;
  readonly extra: Record<string, unknown>;

  constructor(error: string, extra: Record<string, unknown> = {}) {
    super(error);
    this.error = error;
    this.extra = extra;
  }
}

export function fail(error: string, extra?: Record<string, unknown>): never {
  throw new SlackFailure(error, extra);
}

export function stringArg(params: Params, name: string): string | undefined {
  const value = params[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Form bodies carry "true"/"1"; JSON bodies carry booleans. */
export function flagArg(params: Params, name: string): boolean {
  const value = params[name];
  return value === true || value === 'true' || value === '1' || value === 1;
}

/** A channel the bot can see: private channels it is not in do not exist for it. */
export function visibleChannel(world: FakeWorld, id: string | undefined): ChannelState {
  const channel = id === undefined ? undefined : world.channels.get(id);
  if (!channel || (channel.isPrivate && !channel.members.has(world.botUserId))) fail('channel_not_found');
  return channel;
}

export function channelObject(world: FakeWorld, channel: ChannelState): Record<string, unknown> {
  return {
    id: channel.id,
    name: channel.name,
    is_channel: !channel.isPrivate,
    is_group: channel.isPrivate,
    is_im: false,
    is_private: channel.isPrivate,
    is_archived: channel.isArchived,
    is_member: channel.members.has(world.botUserId),
    created: unixSeconds(channel.createdAt),
    creator: channel.creator,
    ...(channel.canvas ? { properties: canvasProperties(channel.canvas) } : {}),
  };
}

/** Where conversations.info puts a channel canvas (world.ts, SeedChannelCanvas). */
function canvasProperties(canvas: NonNullable<ChannelState['canvas']>): Record<string, unknown> {
  return canvas.as === 'property'
    ? { canvas: { file_id: canvas.fileId, is_empty: canvas.isEmpty ?? false, quip_thread_id: `Q${canvas.fileId}` } }
    : {
        tabs: [
          { id: 'files', label: '', type: 'files' },
          { id: `Ct${canvas.fileId}`, label: 'Canvas', type: 'canvas', data: { file_id: canvas.fileId } },
        ],
      };
}
