// The fake's Slack: workspaces (tokens), people, channels and what they hold, and what the app posted.
// One app with one bot user; people and channels are shared by the fake's workspaces.

export interface FakeWorkspace {
  /** The team id, e.g. "T0001". */
  readonly id: string;
  readonly token: string;
  /** The bot token's scopes; null grants every scope. */
  readonly scopes: readonly string[] | null;
}

export interface SeedUser {
  readonly id: string;
  readonly name?: string;
  readonly realName?: string;
  readonly displayName?: string;
  readonly email?: string;
  readonly tz?: string;
  readonly locale?: string;
  readonly isBot?: boolean;
  readonly deleted?: boolean;
}

export interface SeedPin {
  /** The pinned message's ts. */
  readonly ts: string;
  readonly text: string;
  readonly user?: string;
  readonly pinnedAt?: Date;
  readonly pinnedBy?: string;
  /** Set when the message was edited after posting. */
  readonly editedTs?: string;
}

export interface SeedBookmark {
  readonly id: string;
  readonly title: string;
  readonly link: string;
  readonly createdAt: Date;
  readonly updatedAt?: Date;
}

export interface SeedFile {
  readonly id: string;
  readonly title: string;
  readonly name?: string;
  /** e.g. "pdf", "gdoc"; canvases are "quip" (Slack's own word for them). */
  readonly filetype: string;
  readonly createdAt: Date;
  readonly updatedAt?: Date;
  readonly user?: string;
  /**
   * False for a file no message shared in the channel, such as its channel canvas: files.list's
   * `channel` filter lists "files appearing in a specific channel", files.info still finds it.
   */
  readonly sharedInChannel?: boolean;
}

/**
 * The channel's canvas as conversations.info tells of it: `properties.canvas` (documented at
 * https://docs.slack.dev/reference/methods/conversations.canvases.create: "You can find the ID of
 * the canvas in the channel.properties.canvas section in the response of a conversations.info
 * request"), or, as newer channels show it, a `properties.tabs` entry of type "canvas".
 */
export interface SeedChannelCanvas {
  readonly fileId: string;
  readonly as: 'property' | 'tab';
  readonly isEmpty?: boolean;
}

/**
 * A message someone wrote before the app was there, as conversations.history and .replies return it
 * (https://docs.slack.dev/reference/methods/conversations.history, "messages"; threads:
 * https://docs.slack.dev/messaging/retrieving-messages#threads — a parent carries `thread_ts` equal to
 * its own `ts`, `reply_count` and `latest_reply`; a reply carries its parent's `thread_ts`;
 * `reactions: [{name, users, count}]`; shared files in `files`).
 */
export interface SeedPastMessage {
  readonly ts: string;
  readonly user?: string;
  readonly text?: string;
  readonly type?: 'message';
  readonly subtype?: string;
  readonly bot_id?: string;
  readonly thread_ts?: string;
  readonly reply_count?: number;
  readonly latest_reply?: string;
  readonly reactions?: readonly { readonly name: string; readonly users: readonly string[]; readonly count: number }[];
  readonly files?: readonly { readonly id: string; readonly name: string }[];
}

export interface SeedChannel {
  readonly id: string;
  readonly name?: string;
  /** Who made the channel (conversations.info's `creator`). */
  readonly creator?: string;
  readonly createdAt?: Date;
  readonly isPrivate?: boolean;
  readonly isArchived?: boolean;
  readonly members?: readonly string[];
  readonly botIsMember?: boolean;
  readonly pins?: readonly SeedPin[];
  readonly bookmarks?: readonly SeedBookmark[];
  readonly files?: readonly SeedFile[];
  readonly canvas?: SeedChannelCanvas;
  /** What people wrote there before: read back by conversations.history and .replies. */
  readonly history?: readonly SeedPastMessage[];
}

export interface ChannelState {
  readonly id: string;
  name: string;
  readonly creator: string;
  readonly createdAt: Date;
  readonly isPrivate: boolean;
  isArchived: boolean;
  readonly members: Set<string>;
  readonly pins: SeedPin[];
  readonly bookmarks: SeedBookmark[];
  readonly files: SeedFile[];
  readonly canvas: SeedChannelCanvas | null;
  readonly history: SeedPastMessage[];
}

/** A message the app posted, as it stands now. */
export interface FakeMessage {
  readonly channel: string;
  readonly ts: string;
  text: string;
  blocks: unknown[] | null;
  readonly user: string;
  /** Set for chat.postEphemeral: only this person saw it. */
  readonly ephemeralFor: string | null;
  /** How many times chat.update changed it. */
  updates: number;
  /** Its message metadata (chat.postMessage `metadata`), when it was posted with some. */
  readonly metadata: { readonly event_type: string; readonly event_payload: Record<string, unknown> } | null;
  /** When the fake received it: `oldest` of conversations.history compares with this, as `ts` is a sequence here. */
  readonly postedAt: Date;
}

export interface FakeView {
  readonly id: string;
  readonly teamId: string;
  /** The Home tab's owner (views.publish); null for modals. */
  readonly userId: string | null;
  view: Record<string, unknown>;
  hash: string;
}

/** What the app posted to a slash command's `response_url`. */
export interface FakeResponse {
  /** The path of the response URL it went to. */
  readonly path: string;
  readonly body: Record<string, unknown>;
}

export class FakeWorld {
  readonly botUserId: string;
  readonly workspaces = new Map<string, FakeWorkspace>();
  /** Tokens revoked: calls with them answer token_revoked. */
  readonly revokedTokens = new Set<string>();
  readonly users = new Map<string, SeedUser>();
  readonly channels = new Map<string, ChannelState>();
  /** The app's DM with each person: user id → D… id. */
  readonly ims = new Map<string, string>();
  readonly messages: FakeMessage[] = [];
  /**
   * The most messages conversations.history and .replies return a page: 15 for a commercially
   * distributed app outside the Marketplace since 2025
   * (https://docs.slack.dev/changelog/2025/05/29/rate-limit-changes-for-non-marketplace-apps), 999 else.
   */
  historyPageMax = 999;
  readonly views = new Map<string, FakeView>();
  readonly responses: FakeResponse[] = [];
  #messageSequence = 0;
  #idSequence = 0;

  constructor(botUserId: string) {
    this.botUserId = botUserId;
  }

  addWorkspace(workspace: FakeWorkspace): void {
    this.workspaces.set(workspace.token, workspace);
  }

  revokeToken(token: string): void {
    this.revokedTokens.add(token);
  }

  addUser(user: SeedUser): void {
    this.users.set(user.id, user);
  }

  addChannel(seed: SeedChannel): void {
    const members = new Set(seed.members ?? []);
    if (seed.botIsMember) members.add(this.botUserId);
    this.channels.set(seed.id, {
      id: seed.id,
      name: seed.name ?? seed.id.toLowerCase(),
      creator: seed.creator ?? 'U0000ADMIN',
      createdAt: seed.createdAt ?? new Date('2025-01-01T00:00:00Z'),
      isPrivate: seed.isPrivate ?? false,
      isArchived: seed.isArchived ?? false,
      members,
      pins: [...(seed.pins ?? [])],
      bookmarks: [...(seed.bookmarks ?? [])],
      files: [...(seed.files ?? [])],
      canvas: seed.canvas ?? null,
      history: [...(seed.history ?? [])],
    });
  }

  channel(id: string): ChannelState {
    const channel = this.channels.get(id);
    if (!channel) throw new Error(`fake Slack has no channel ${id}: add it first`);
    return channel;
  }

  /** Opens (or finds) the app's DM with a person; ids are readable: UALICE → DALICE. */
  openIm(userId: string): { id: string; alreadyOpen: boolean } {
    const existing = this.ims.get(userId);
    if (existing) return { id: existing, alreadyOpen: true };
    const id = `D${userId.slice(1)}`;
    this.ims.set(userId, id);
    return { id, alreadyOpen: false };
  }

  imUser(channelId: string): string | undefined {
    for (const [user, im] of this.ims) if (im === channelId) return user;
    return undefined;
  }

  findMessage(channel: string, ts: string): FakeMessage | undefined {
    return this.messages.find((message) => message.channel === channel && message.ts === ts);
  }

  /** Deterministic message timestamps in Slack's form: 1700000000.000100, 1700000000.000200… */
  nextTs(): string {
    const micros = ++this.#messageSequence * 100;
    return `${1_700_000_000 + Math.floor(micros / 1_000_000)}.${String(micros % 1_000_000).padStart(6, '0')}`;
  }

  nextId(prefix: string): string {
    return `${prefix}${String(++this.#idSequence).padStart(8, '0')}`;
  }
}

export function unixSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}
