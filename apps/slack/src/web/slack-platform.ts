import { type FilesListResponse, type KnownBlock, LogLevel, WebClient } from '@slack/web-api';
import {
  type Card,
  type ChatPlatform,
  type ContentKind,
  type DeliveryAddress,
  type DeliveryKey,
  type GroupDirectory,
  type HistoryPage,
  type HistoryReader,
  type HistoryWindow,
  type LimiterClock,
  type MemberPage,
  type PlatformContentItem,
  PlatformError,
  type PlatformGroup,
  type PlatformIdentity,
  type PlatformProfile,
  type PlatformRef,
  type SentCard,
} from '@steward/core';
import { type HistoryCalls, readChannelHistory, type SlackHistoryAnswer } from './channel-history.ts';
import {
  bookmarkItem,
  type ChannelCanvasProperties,
  channelCanvasIds,
  fileItem,
  pinnedMessageItem,
  pinTimestamp,
} from './content-items.ts';
import { bucketsFor, type SlackMethod } from './method-tiers.ts';
import { platformErrorFrom } from './platform-errors.ts';
import { profileFrom } from './profile.ts';
import { RateLimiter } from './rate-limiter.ts';

export interface SlackPlatformOptions {
  /**
   * The bot token of an installed workspace (team or enterprise id); null when it is not installed.
   * It throws a PlatformError (`token_revoked`) when the token is known to be dead: no call is made.
   */
  readonly tokenFor: (workspaceId: string) => Promise<string | null>;
  /** Slack's Web API base, `https://slack.com/api/` unless a test points it elsewhere. */
  readonly apiUrl?: string;
  /** Block Kit for a card, and the plain text Slack shows in notifications. */
  readonly render: (card: Card) => { text: string; blocks: unknown[] };
  readonly limiter?: RateLimiter;
  /** Time for the limiter made here when `limiter` is not given. */
  readonly clock?: LimiterClock;
}

type ListedFile = NonNullable<FilesListResponse['files']>[number];

const FILES_PAGE_SIZE = 100;
/** Channel canvases read per channel at most (one files.info each): a channel has one, or a few as tabs. */
const CHANNEL_CANVASES_MAX = 10;
/** files.info on a file deleted since: nothing to list. */
const FILE_GONE: ReadonlySet<string> = new Set(['file_not_found', 'file_deleted']);
/**
 * Every message the outbox sends carries its dedupe key in message metadata under this event type
 * (https://docs.slack.dev/reference/methods/chat.postMessage, `metadata`; needs only chat:write),
 * so that after a crash the key can be looked for before the message is sent again.
 */
export const DELIVERY_EVENT_TYPE = 'steward_delivery';
// conversations.history: Slack's 2025 limit for apps outside the Marketplace is 15 messages a page
// (https://docs.slack.dev/changelog/2025/05/29/rate-limit-changes-for-non-marketplace-apps); a
// few pages since the message was enqueued cover a DM with the app and most channels' traffic.
const HISTORY_PAGE_SIZE = 15;
const HISTORY_PAGES = 4;
// conversations.members takes a limit below 1000; Slack advises no more than 200
// (https://docs.slack.dev/reference/methods/conversations.members).
const MEMBERS_PAGE_SIZE = 200;

/** A channel as people write it. */
export function channelDisplayName(name: string): string {
  return `#${name}`;
}

// Answers meaning the item is already gone (unpinned, its message deleted, the bookmark removed):
// what archiving wanted. Likewise an invitee already in the channel.
const ALREADY_UNPINNED: ReadonlySet<string> = new Set(['no_pin', 'not_pinned', 'message_not_found']);
const BOOKMARK_ALREADY_GONE: ReadonlySet<string> = new Set(['not_found']);
const ALREADY_IN_CHANNEL: ReadonlySet<string> = new Set(['already_in_channel']);
/** conversations.archive on a channel archived already: what archiving wanted. */
const ALREADY_ARCHIVED: ReadonlySet<string> = new Set(['already_archived']);
/** What conversations.join answers for a private channel: only a member can add the app. */
const CANNOT_JOIN: ReadonlySet<string> = new Set(['method_not_supported_for_channel_type', 'channel_not_found']);

/**
 * Slack as the core's ChatPlatform. Every call waits for its rate-limit buckets first, makes one
 * attempt, and turns failures into PlatformError: the outbox, not WebClient, decides about
 * retries and honours Retry-After.
 */
export class SlackPlatform implements ChatPlatform, GroupDirectory, HistoryReader {
  readonly platform = 'slack' as const;
  readonly #options: SlackPlatformOptions;
  readonly #limiter: RateLimiter;
  readonly #clients = new Map<string, { token: string; client: WebClient }>();
  /** The app's own bot user in each workspace, by the token that found it. */
  readonly #selves = new Map<string, { token: string; userId: string; botId: string | null }>();

  constructor(options: SlackPlatformOptions) {
    this.#options = options;
    this.#limiter = options.limiter ?? new RateLimiter(options.clock);
  }

  /**
   * Posts in the app's DM with the person by naming the user as the channel: Slack opens the DM
   * itself, so a weekly fan-out costs one chat.postMessage per owner and no conversations.open
   * (Tier 3, 50 a minute, which would bind 10,000 owners to over three hours).
   */
  async sendCard(to: PlatformIdentity, card: Card, delivery?: DeliveryKey): Promise<SentCard> {
    const { text, blocks } = this.#options.render(card);
    const answer = await this.#call(to.workspaceId, 'chat.postMessage', to.userId, (client) =>
      client.chat.postMessage({
        channel: to.userId,
        text,
        blocks: blocks as KnownBlock[],
        ...deliveryMetadata(delivery),
      }),
    );
    return {
      platform: 'slack',
      workspaceId: to.workspaceId,
      conversationId: present(answer.channel, 'channel'),
      messageId: present(answer.ts, 'ts'),
    };
  }

  /**
   * The person's Home tab (https://docs.slack.dev/reference/methods/views.publish): the cards one
   * under the other, a divider between, in one `home` view that replaces the last.
   */
  async publishHome(to: PlatformIdentity, cards: readonly Card[]): Promise<void> {
    const blocks = cards.flatMap((card, n) => [
      ...(n > 0 ? [{ type: 'divider' }] : []),
      ...this.#options.render(card).blocks,
    ]);
    await this.#call(to.workspaceId, 'views.publish', to.userId, (client) =>
      client.views.publish({ user_id: to.userId, view: { type: 'home', blocks: blocks as KnownBlock[] } }),
    );
  }

  /**
   * Posts the card in the group's channel. The app must be in it: when it is not in a public
   * channel it joins it (scope `channels:join`) and posts again, once, as an invite does; a private
   * channel stays `channel_not_found` (Slack hides it from a non-member) for a member to add the app.
   */
  async postInGroup(group: PlatformRef, card: Card, delivery?: DeliveryKey): Promise<SentCard> {
    const { text, blocks } = this.#options.render(card);
    const post = () =>
      this.#call(group.workspaceId, 'chat.postMessage', group.id, (client) =>
        client.chat.postMessage({
          channel: group.id,
          text,
          blocks: blocks as KnownBlock[],
          ...deliveryMetadata(delivery),
        }),
      );
    let answer: Awaited<ReturnType<typeof post>>;
    try {
      answer = await post();
    } catch (error) {
      if (!(error instanceof PlatformError) || error.code !== 'not_in_channel') throw error;
      await this.#join(group);
      answer = await post();
    }
    return {
      platform: 'slack',
      workspaceId: group.workspaceId,
      conversationId: answer.channel ?? group.id,
      messageId: present(answer.ts, 'ts'),
    };
  }

  /**
   * The app's own message carrying this key, posted since `since`, in the person's DM (opened with
   * conversations.open, as Slack names a DM by its D… id) or the group's channel: a few pages of
   * conversations.history with `include_all_metadata` (https://docs.slack.dev/reference/methods/
   * conversations.history: im:history for a DM, channels:/groups:history for a channel).
   */
  async findDelivered(address: DeliveryAddress, delivery: DeliveryKey, since: Date): Promise<SentCard | null> {
    const workspaceId = 'to' in address ? address.to.workspaceId : address.group.workspaceId;
    const channel = 'to' in address ? await this.#directMessage(address.to) : address.group.id;
    const self = await this.#self(workspaceId);
    let cursor: string | undefined;
    for (let page = 0; page < HISTORY_PAGES; page++) {
      const answer = await this.#call(workspaceId, 'conversations.history', null, (client) =>
        client.conversations.history({
          channel,
          oldest: (since.getTime() / 1000).toFixed(6),
          limit: HISTORY_PAGE_SIZE,
          include_all_metadata: true,
          ...(cursor === undefined ? {} : { cursor }),
        }),
      );
      const found = (answer.messages ?? []).find(
        (message) =>
          (self.botId === null || message.bot_id === self.botId) &&
          message.metadata?.event_type === DELIVERY_EVENT_TYPE &&
          (message.metadata.event_payload as Record<string, unknown> | undefined)?.['dedupe_key'] === delivery.key,
      );
      if (found?.ts) return { platform: 'slack', workspaceId, conversationId: channel, messageId: found.ts };
      cursor = answer.response_metadata?.next_cursor || undefined;
      if (!answer.has_more || cursor === undefined) return null;
    }
    return null;
  }

  /** A channel's past for `steward backfill`: one conversations.history or .replies call per page. */
  readHistory(group: PlatformRef, window: HistoryWindow, cursor: string | null): Promise<HistoryPage> {
    return readChannelHistory(this.#historyCalls(group.workspaceId), group, window, cursor);
  }

  async updateCard(sent: SentCard, replacement: Card): Promise<void> {
    const { text, blocks } = this.#options.render(replacement);
    await this.#call(sent.workspaceId, 'chat.update', sent.conversationId, (client) =>
      client.chat.update({ channel: sent.conversationId, ts: sent.messageId, text, blocks: blocks as KnownBlock[] }),
    );
  }

  /**
   * Slack lets only a member invite: when the app is not in a public channel it joins it (scope
   * `channels:join`) and invites again, once. A private channel it is not in cannot be joined: that
   * stays `not_in_channel`, for a member to add the app.
   */
  async inviteMember(group: PlatformRef, person: PlatformIdentity): Promise<void> {
    try {
      await this.#invite(group, person);
    } catch (error) {
      if (!(error instanceof PlatformError) || error.code !== 'not_in_channel') throw error;
      await this.#join(group);
      await this.#invite(group, person);
    }
  }

  /**
   * Pins, bookmarks, files and canvases. A channel canvas is found through conversations.info
   * (channelCanvasIds); one that files.list did not bring is read by files.info. Each is keyed by its
   * file id, so a canvas found both ways is one item.
   */
  async listContent(group: PlatformRef): Promise<PlatformContentItem[]> {
    const [pins, bookmarks, files, canvasIds] = await Promise.all([
      this.#call(group.workspaceId, 'pins.list', null, (client) => client.pins.list({ channel: group.id })),
      this.#call(group.workspaceId, 'bookmarks.list', null, (client) =>
        client.bookmarks.list({ channel_id: group.id }),
      ),
      this.#listFiles(group),
      this.#channelCanvasIds(group),
    ]);
    const listed = new Set(files.map((file) => file.id));
    const unlisted = await Promise.all(
      canvasIds.filter((id) => !listed.has(id)).map((id) => this.#fileInfo(group, id)),
    );
    return [
      ...(pins.items ?? []).map((pin) => pinnedMessageItem(group, pin)),
      ...(bookmarks.bookmarks ?? []).map((bookmark) => bookmarkItem(group, bookmark)),
      ...files.map((file) => fileItem(group, file, canvasIds.includes(file.id ?? ''))),
      ...unlisted.map((file) => (file ? fileItem(group, file, true) : null)),
    ].filter((item) => item !== null);
  }

  /**
   * Unpins a message or removes a bookmark; one already gone counts as done. Files and canvases are
   * refused: Slack can only delete them, for everyone and for good, which archiving must not do.
   */
  async archiveContent(group: PlatformRef, item: { kind: ContentKind; ref: PlatformRef }): Promise<void> {
    switch (item.kind) {
      case 'pinned_message':
        return this.#tolerating(ALREADY_UNPINNED, () =>
          this.#call(group.workspaceId, 'pins.remove', null, (client) =>
            client.pins.remove({ channel: group.id, timestamp: pinTimestamp(item.ref) }),
          ),
        );
      case 'bookmark':
        return this.#tolerating(BOOKMARK_ALREADY_GONE, () =>
          this.#call(group.workspaceId, 'bookmarks.remove', null, (client) =>
            client.bookmarks.remove({ channel_id: group.id, bookmark_id: item.ref.id }),
          ),
        );
      default:
        throw new PlatformError('not_supported', { permanent: true, message: `Slack cannot archive a ${item.kind}` });
    }
  }

  /**
   * Archives the channel (https://docs.slack.dev/reference/methods/conversations.archive). Its
   * refusals (cant_archive_general, cant_archive_required, not_in_channel, restricted_action…)
   * end the outbox message; `ok` is the confirmation the group waits for.
   */
  async archiveGroup(group: PlatformRef): Promise<void> {
    await this.#tolerating(ALREADY_ARCHIVED, () =>
      this.#call(group.workspaceId, 'conversations.archive', null, (client) =>
        client.conversations.archive({ channel: group.id }),
      ),
    );
  }

  /**
   * The channel from conversations.info: Slack names its creator (`channel.creator`, the only owner
   * it knows) and when it was made (`created`, Unix seconds). A direct message is no channel.
   */
  async describeGroup(group: PlatformRef): Promise<PlatformGroup> {
    const answer = await this.#call(group.workspaceId, 'conversations.info', null, (client) =>
      client.conversations.info({ channel: group.id }),
    );
    const channel = present(answer.channel, 'channel');
    if (channel.is_im || channel.is_mpim) {
      throw new PlatformError('not_a_channel', {
        permanent: true,
        message: `${group.id} is a direct message, not a channel`,
      });
    }
    return {
      name: channelDisplayName(present(channel.name, 'channel.name')),
      isPrivate: channel.is_private === true,
      archived: channel.is_archived === true,
      createdAt: channel.created === undefined ? null : new Date(channel.created * 1000),
      owners: channel.creator ? [{ platform: 'slack', workspaceId: group.workspaceId, userId: channel.creator }] : [],
    };
  }

  /**
   * A page of the channel's members, the app's own bot user left out (other bots stay, for the
   * core to tell by their profile); Slack's last page has an empty `next_cursor`.
   */
  async listMembers(group: PlatformRef, cursor: string | null): Promise<MemberPage> {
    const self = await this.#selfUserId(group.workspaceId);
    const answer = await this.#call(group.workspaceId, 'conversations.members', null, (client) =>
      client.conversations.members({
        channel: group.id,
        limit: MEMBERS_PAGE_SIZE,
        ...(cursor === null ? {} : { cursor }),
      }),
    );
    return {
      members: (answer.members ?? [])
        .filter((userId) => userId !== self)
        .map((userId) => ({ platform: 'slack' as const, workspaceId: group.workspaceId, userId })),
      next: answer.response_metadata?.next_cursor || null,
    };
  }

  async readProfile(person: PlatformIdentity): Promise<PlatformProfile> {
    const answer = await this.#call(person.workspaceId, 'users.info', null, (client) =>
      client.users.info({ user: person.userId, include_locale: true }),
    );
    return profileFrom(present(answer.user, 'user'));
  }

  async #invite(group: PlatformRef, person: PlatformIdentity): Promise<void> {
    await this.#tolerating(ALREADY_IN_CHANNEL, () =>
      this.#call(group.workspaceId, 'conversations.invite', null, (client) =>
        client.conversations.invite({ channel: group.id, users: person.userId }),
      ),
    );
  }

  async #join(group: PlatformRef): Promise<void> {
    try {
      await this.#call(group.workspaceId, 'conversations.join', null, (client) =>
        client.conversations.join({ channel: group.id }),
      );
    } catch (error) {
      if (!(error instanceof PlatformError) || !CANNOT_JOIN.has(error.code)) throw error;
      throw new PlatformError('not_in_channel', {
        permanent: true,
        message: `the app is not in ${group.id} and cannot join it (${error.code}): a member must add it`,
      });
    }
  }

  async #channelCanvasIds(group: PlatformRef): Promise<string[]> {
    const answer = await this.#call(group.workspaceId, 'conversations.info', null, (client) =>
      client.conversations.info({ channel: group.id }),
    );
    const properties = (answer.channel as { properties?: ChannelCanvasProperties } | undefined)?.properties;
    return channelCanvasIds(properties, CHANNEL_CANVASES_MAX);
  }

  /** A file by its id; null when Slack no longer has it (a canvas deleted since the channel said so). */
  async #fileInfo(group: PlatformRef, id: string): Promise<ListedFile | null> {
    try {
      const answer = await this.#call(group.workspaceId, 'files.info', null, (client) =>
        client.files.info({ file: id }),
      );
      return answer.file ?? null;
    } catch (error) {
      if (error instanceof PlatformError && FILE_GONE.has(error.code)) return null;
      throw error;
    }
  }

  async #listFiles(group: PlatformRef): Promise<NonNullable<FilesListResponse['files']>> {
    const files: NonNullable<FilesListResponse['files']> = [];
    for (let page = 1, pages = 1; page <= pages; page += 1) {
      const answer = await this.#call(group.workspaceId, 'files.list', null, (client) =>
        client.files.list({ channel: group.id, count: FILES_PAGE_SIZE, page }),
      );
      files.push(...(answer.files ?? []));
      pages = answer.paging?.pages ?? 1;
    }
    return files;
  }

  /** Runs a call, treating the given Slack errors as success. */
  async #tolerating(codes: ReadonlySet<string>, call: () => Promise<unknown>): Promise<void> {
    try {
      await call();
    } catch (error) {
      if (!(error instanceof PlatformError) || !codes.has(error.code)) throw error;
    }
  }

  /** One call to Slack: the workspace's client, the rate-limit buckets, one attempt, our errors. */
  async #call<T>(
    workspaceId: string,
    method: SlackMethod,
    channel: string | null,
    request: (client: WebClient) => Promise<T>,
  ): Promise<T> {
    const client = await this.#client(workspaceId);
    for (const bucket of bucketsFor(workspaceId, method, channel)) await this.#limiter.acquire(bucket.key, bucket.rate);
    try {
      return await request(client);
    } catch (error) {
      throw platformErrorFrom(error) ?? error;
    }
  }

  #historyCalls(workspaceId: string): HistoryCalls {
    const answer = (page: { messages?: unknown[]; has_more?: boolean; response_metadata?: { next_cursor?: string } }) =>
      page as SlackHistoryAnswer;
    return {
      history: async (channel, bounds, cursor) =>
        answer(
          await this.#call(workspaceId, 'conversations.history', null, (client) =>
            client.conversations.history({
              channel,
              ...bounds,
              limit: HISTORY_PAGE_SIZE,
              ...(cursor ? { cursor } : {}),
            }),
          ),
        ),
      replies: async (channel, ts, bounds, cursor) =>
        answer(
          await this.#call(workspaceId, 'conversations.replies', null, (client) =>
            client.conversations.replies({
              channel,
              ts,
              ...bounds,
              limit: HISTORY_PAGE_SIZE,
              ...(cursor ? { cursor } : {}),
            }),
          ),
        ),
    };
  }

  /** The app's bot user in the workspace. */
  async #selfUserId(workspaceId: string): Promise<string> {
    return (await this.#self(workspaceId)).userId;
  }

  /** The app's bot user and bot id in the workspace, from auth.test once per token. */
  async #self(workspaceId: string): Promise<{ userId: string; botId: string | null }> {
    const token = await this.#options.tokenFor(workspaceId);
    const known = this.#selves.get(workspaceId);
    if (known && known.token === token) return known;
    const answer = await this.#call(workspaceId, 'auth.test', null, (client) => client.auth.test());
    const self = { userId: present(answer.user_id, 'user_id'), botId: answer.bot_id ?? null };
    if (token !== null) this.#selves.set(workspaceId, { token, ...self });
    return self;
  }

  /** The app's DM with the person (conversations.open, scope im:write): history takes its D… id, not the user's. */
  async #directMessage(to: PlatformIdentity): Promise<string> {
    const answer = await this.#call(to.workspaceId, 'conversations.open', null, (client) =>
      client.conversations.open({ users: to.userId }),
    );
    return present(answer.channel?.id, 'channel.id');
  }

  /** One WebClient per workspace and token; a new token (reinstall) gets a new client. */
  async #client(workspaceId: string): Promise<WebClient> {
    const token = await this.#options.tokenFor(workspaceId);
    if (token === null) {
      throw new PlatformError('workspace_not_installed', {
        permanent: true,
        message: `no Slack installation for ${workspaceId}`,
      });
    }
    const cached = this.#clients.get(workspaceId);
    if (cached?.token === token) return cached.client;
    const client = new WebClient(token, {
      ...(this.#options.apiUrl === undefined ? {} : { slackApiUrl: this.#options.apiUrl }),
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      // A call that hangs ends as a transient request error, long before the outbox's lock (2 min) does.
      timeout: 30_000,
      // Failures reach the outbox as PlatformError and are logged there.
      logLevel: LogLevel.ERROR,
    });
    this.#clients.set(workspaceId, { token, client });
    return client;
  }
}

/** The message metadata that carries an outbox message's dedupe key; none without a key. */
function deliveryMetadata(delivery: DeliveryKey | undefined): {
  metadata?: { event_type: string; event_payload: { dedupe_key: string } };
} {
  return delivery === undefined
    ? {}
    : { metadata: { event_type: DELIVERY_EVENT_TYPE, event_payload: { dedupe_key: delivery.key } } };
}

/** Slack promises these fields on success; their absence is an outage on the way, tried again. */
function present<T>(value: T | undefined, field: string): T {
  if (value === undefined)
    throw new PlatformError('unexpected_answer', { permanent: false, message: `Slack answered without ${field}` });
  return value;
}
