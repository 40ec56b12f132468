import {
  type Card,
  type ChatPlatform,
  type Clock,
  type ContentKind,
  type ConversationReference,
  type ConversationRepository,
  type GroupDirectory,
  type HistoryPage,
  type HistoryReader,
  type HistoryWindow,
  type MemberPage,
  type PlatformContentItem,
  PlatformError,
  type PlatformGroup,
  type PlatformIdentity,
  type PlatformProfile,
  type PlatformRef,
  type SentCard,
  systemClock,
} from '@steward/core';
import { readChannelHistory } from './channel-history.ts';
import {
  fileItem,
  type GraphChannel,
  type GraphDriveItem,
  type GraphTab,
  tabItem,
  tabRefParts,
} from './content-items.ts';
import { exchange, type HttpCall, succeeded } from './http.ts';
import { type Bucket, connectorBuckets, type GraphScope, graphBuckets } from './limits.ts';
import { platformErrorFrom } from './platform-errors.ts';
import { type GraphMailboxSettings, type GraphUser, profileFrom, USER_SELECT } from './profile.ts';
import { RateLimiter } from './rate-limiter.ts';
import { AppTokens, BOT_CONNECTOR_SCOPE, GRAPH_SCOPE } from './tokens.ts';

export interface TeamsPlatformOptions {
  /** The bot's Entra app (client) id. */
  readonly appId: string;
  /** Its client secret. */
  readonly appPassword: string;
  /**
   * A single-tenant bot's home tenant: its Bot Connector tokens come from there. Multi-tenant bots
   * get them from `botframework.com`.
   */
  readonly tenantId?: string;
  /** `https://login.microsoftonline.com` unless a test points it elsewhere. */
  readonly tokenUrl?: string;
  /** `https://graph.microsoft.com` unless a test points it elsewhere. */
  readonly graphUrl?: string;
  /** Where each person's 1:1 with the bot is remembered. */
  readonly conversations: ConversationRepository;
  /** The Bot Connector URL of a tenant's region, learnt from its activities; null when unknown. */
  readonly serviceUrlFor: (tenantId: string) => Promise<string | null>;
  /** The Adaptive Card JSON for a card. */
  readonly render: (card: Card) => object;
  /** Wall time, for tokens' expiry and references' dates. */
  readonly clock?: Clock;
  readonly limiter?: RateLimiter;
}

export const TOKEN_URL = 'https://login.microsoftonline.com';
export const GRAPH_URL = 'https://graph.microsoft.com';
export const BOT_FRAMEWORK_TENANT = 'botframework.com';
const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';
const MEMBER_TYPE = '#microsoft.graph.aadUserConversationMember';
// Graph's page for drive items is 200 at most.
const DRIVE_PAGE_SIZE = 200;
// Graph's known issues: a filter of team members by role needs $top (or $skiptoken).
const OWNERS_PAGE_SIZE = 100;
const OWNERS_FILTER = encodeURIComponent("roles/any(r:r eq 'owner')");

/** A team member as Graph lists it (learn.microsoft.com/graph/api/team-list-members). */
interface GraphMember {
  readonly userId?: string | null;
  readonly roles?: readonly string[];
}

const segment = encodeURIComponent;

/** The person's 1:1 conversation, as the edge and we remember it. */
function personalKey(userId: string): string {
  return `user:${userId}`;
}

/** The team's General channel, as the edge remembers it from the team's activities. */
function teamKey(teamId: string): string {
  return `team:${teamId}`;
}

/** A group's team, and its channel when the group is a private or shared channel ("teamId/channelId"). */
function teamOf(group: PlatformRef): { teamId: string; channelId: string | null } {
  const at = group.id.indexOf('/');
  return at < 0
    ? { teamId: group.id, channelId: null }
    : { teamId: group.id.slice(0, at), channelId: group.id.slice(at + 1) };
}

function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

/** Microsoft promises these fields on success; their absence is an outage on the way, tried again. */
function present(value: unknown, field: string): string {
  if (typeof value !== 'string' || value === '') {
    throw new PlatformError('unexpected_answer', { permanent: false, message: `Microsoft answered without ${field}` });
  }
  return value;
}

/**
 * Microsoft Teams as the core's ChatPlatform: the Bot Connector for cards in people's 1:1 chats
 * with the bot, Microsoft Graph for members, content and profiles. These are a handful of REST
 * calls, made with plain `fetch` rather than through botbuilder (archived) or the Teams SDK
 * (`@microsoft/teams.*`, which the edge uses for inbound activities): that way every header, token,
 * wait and failure is ours to see and to test. Every call waits for its rate-limit buckets, makes
 * one attempt and turns failures into PlatformError: the outbox decides about retries and honours
 * Retry-After.
 */
export class TeamsPlatform implements ChatPlatform, GroupDirectory, HistoryReader {
  readonly platform = 'teams' as const;
  readonly #options: TeamsPlatformOptions;
  readonly #clock: Clock;
  readonly #limiter: RateLimiter;
  readonly #tokens: AppTokens;
  readonly #graphUrl: string;

  constructor(options: TeamsPlatformOptions) {
    this.#options = options;
    this.#clock = options.clock ?? systemClock;
    this.#limiter = options.limiter ?? new RateLimiter();
    this.#graphUrl = (options.graphUrl ?? GRAPH_URL).replace(/\/+$/, '');
    this.#tokens = new AppTokens({
      appId: options.appId,
      appPassword: options.appPassword,
      tokenUrl: options.tokenUrl ?? TOKEN_URL,
      clock: this.#clock,
    });
  }

  async sendCard(to: PlatformIdentity, card: Card): Promise<SentCard> {
    return this.sendAdaptiveCard(to, this.#options.render(card), card.summary);
  }

  /**
   * Posts an Adaptive Card in the person's 1:1 chat with the bot, creating the chat the first time.
   * For cards an edge view builds itself (a form) as well as rendered ones.
   */
  async sendAdaptiveCard(to: PlatformIdentity, content: object, summary: string): Promise<SentCard> {
    const key = personalKey(to.userId);
    const reference =
      (await this.#options.conversations.find('teams', to.workspaceId, key)) ?? (await this.#createConversation(to));
    try {
      const answer = await this.#connector(
        to.workspaceId,
        reference.serviceUrl,
        { kind: 'send', id: reference.conversationId },
        {
          method: 'POST',
          path: `v3/conversations/${segment(reference.conversationId)}/activities`,
          json: message(content, summary),
        },
      );
      return {
        platform: 'teams',
        workspaceId: to.workspaceId,
        conversationId: reference.conversationId,
        messageId: present(answer.id, 'id'),
      };
    } catch (error) {
      if (!(error instanceof PlatformError)) throw error;
      if (error.code === 'ConversationNotFound') {
        // The remembered chat is gone (the person deleted it, or the app was reinstalled). Making a
        // 1:1 is idempotent and gives the live id, so the next attempt creates it again and the card
        // still arrives. That attempt is the outbox's, after backoff: should the new id 404 as well,
        // the conversation is not created in a tight loop.
        await this.#options.conversations.remove('teams', to.workspaceId, key);
        throw new PlatformError('ConversationNotFound', {
          permanent: false,
          message: `${error.message}; the chat is created again next time`,
        });
      }
      // Microsoft: "delete the conversation from cache" until the person writes to the bot again.
      if (error.code === 'user_blocked_bot') await this.#options.conversations.remove('teams', to.workspaceId, key);
      throw error;
    }
  }

  /**
   * Posts the card as a new conversation in the team's General channel, or in the group's own
   * channel when the group is a private or shared one. The bot can only post where it is
   * installed: the team's conversation reference (saved by the edge from the team's activities)
   * says where that is, and on which service URL. Without one, or when Teams says the bot is no
   * longer in the team, it is `BotNotInConversationRoster`, permanent: a team owner must add the app.
   */
  async postInGroup(group: PlatformRef, card: Card): Promise<SentCard> {
    const { teamId, channelId } = teamOf(group);
    const key = teamKey(teamId);
    const reference = await this.#options.conversations.find('teams', group.workspaceId, key);
    if (reference === null) {
      throw new PlatformError('BotNotInConversationRoster', {
        permanent: true,
        message: `the app is not installed in team ${teamId} (no conversation reference): a team owner must add it`,
      });
    }
    const conversationId = channelId ?? reference.conversationId;
    try {
      const answer = await this.#connector(
        group.workspaceId,
        reference.serviceUrl,
        { kind: 'send', id: conversationId },
        {
          method: 'POST',
          path: `v3/conversations/${segment(conversationId)}/activities`,
          json: message(this.#options.render(card), card.summary),
        },
      );
      return { platform: 'teams', workspaceId: group.workspaceId, conversationId, messageId: present(answer.id, 'id') };
    } catch (error) {
      // The app left the team, or the team is gone: its General channel leads nowhere until the app
      // is back (a private channel the app was not added to says nothing of the team).
      const teamGone =
        channelId === null &&
        error instanceof PlatformError &&
        ['BotNotInConversationRoster', 'ConversationNotFound'].includes(error.code);
      if (teamGone) await this.#options.conversations.remove('teams', group.workspaceId, key);
      throw error;
    }
  }

  /**
   * Replaces a sent card. A SentCard keeps no service URL, so the tenant's is used: a tenant's 1:1
   * chats live in its region.
   */
  async updateCard(sent: SentCard, replacement: Card): Promise<void> {
    const serviceUrl = await this.#serviceUrl(sent.workspaceId);
    await this.#connector(
      sent.workspaceId,
      serviceUrl,
      { kind: 'send', id: sent.conversationId },
      {
        method: 'PUT',
        path: `v3/conversations/${segment(sent.conversationId)}/activities/${segment(sent.messageId)}`,
        json: { ...message(this.#options.render(replacement), replacement.summary), id: sent.messageId },
      },
    );
  }

  /**
   * Adds the person to the group's team, or to its private or shared channel (a standard channel
   * has its team's members: Graph refuses). Graph answers 201 again for someone already there.
   */
  async inviteMember(group: PlatformRef, person: PlatformIdentity): Promise<void> {
    const { teamId, channelId } = teamOf(group);
    const body = {
      '@odata.type': MEMBER_TYPE,
      roles: [],
      'user@odata.bind': `${GRAPH_URL}/v1.0/users('${person.userId}')`,
    };
    if (channelId === null) {
      await this.#graph(
        group.workspaceId,
        { team: teamId, addsTeamMember: true },
        { method: 'POST', path: `v1.0/teams/${segment(teamId)}/members`, json: body },
      );
    } else {
      await this.#graph(
        group.workspaceId,
        { team: teamId, channel: channelId },
        { method: 'POST', path: `v1.0/teams/${segment(teamId)}/channels/${segment(channelId)}/members`, json: body },
      );
    }
  }

  /**
   * Whether the person is a member of the group's team, or of its private or shared channel: Graph's
   * list of members filtered on their Entra id, one page of at most one entry (team-list-members and
   * channel-list-members take `$filter`; the filter is team-list-members' example "Find members of a
   * team by their Microsoft Entra user ID"). The outbox asks it before inviting again.
   */
  async isMember(group: PlatformRef, person: PlatformIdentity): Promise<boolean> {
    const { teamId, channelId } = teamOf(group);
    // OData doubles a quote inside a string literal; an Entra id has none, but the filter stays a filter.
    const userId = person.userId.replaceAll("'", "''");
    const filter = encodeURIComponent(`(microsoft.graph.aadUserConversationMember/userId eq '${userId}')`);
    const members =
      channelId === null
        ? `v1.0/teams/${segment(teamId)}/members`
        : `v1.0/teams/${segment(teamId)}/channels/${segment(channelId)}/members`;
    const page = await this.#graphPage<GraphMember>(
      group.workspaceId,
      channelId === null ? { team: teamId } : { team: teamId, channel: channelId },
      joinUrl(this.#graphUrl, `${members}?$filter=${filter}`),
    );
    return page.items.some((member) => member.userId === person.userId);
  }

  /**
   * The tabs and the files of the team's channels, or of the group's own channel: each channel's
   * files from its own folder, so a private or shared channel's (in a site of its own) are listed
   * too. The channels are the team's own, of every membership type (`/channels`); `/allChannels`
   * would add the channels other teams share with it, whose content is their host team's.
   * Pinned messages are not listed: Graph v1.0 has pinned messages for chats only, none for
   * channel messages.
   */
  async listContent(group: PlatformRef): Promise<PlatformContentItem[]> {
    const { teamId, channelId } = teamOf(group);
    const tenant = group.workspaceId;
    const channels = (
      await this.#graphList<GraphChannel>(tenant, { team: teamId }, `v1.0/teams/${segment(teamId)}/channels`)
    ).filter((channel) => channelId === null || channel.id === channelId);
    // A channel that is gone has no content to report, which must not read as "all of it removed".
    if (channelId !== null && channels.length === 0) {
      throw new PlatformError('NotFound', {
        permanent: true,
        message: `channel ${channelId} is not in team ${teamId}`,
      });
    }
    const [tabs, files] = await Promise.all([
      Promise.all(
        channels.map(async (channel) => {
          const path = `v1.0/teams/${segment(teamId)}/channels/${segment(channel.id)}/tabs?$expand=teamsApp`;
          const found = await this.#graphList<GraphTab>(tenant, { team: teamId, channel: channel.id }, path);
          return found.map((tab) => tabItem(group, channel, tab));
        }),
      ),
      Promise.all(channels.map((channel) => this.#channelFiles(tenant, teamId, channel))),
    ]);
    return [
      ...tabs.flat(),
      ...files
        .flat()
        .map((file) => fileItem(group, file))
        .filter((item) => item !== null),
    ];
  }

  /**
   * Removes a tab from its channel; one already gone counts as removed. Anything else is refused:
   * Graph can only delete a file, for everyone and for good, which archiving must not do.
   */
  async archiveContent(group: PlatformRef, item: { kind: ContentKind; ref: PlatformRef }): Promise<void> {
    const tab = item.kind === 'tab' ? tabRefParts(item.ref.id) : null;
    if (!tab)
      throw new PlatformError('not_supported', {
        permanent: true,
        message: `Teams cannot archive a ${item.kind} (${item.ref.id})`,
      });
    const { teamId } = teamOf(group);
    try {
      await this.#graph(
        group.workspaceId,
        { team: teamId, channel: tab.channelId },
        {
          method: 'DELETE',
          path: `v1.0/teams/${segment(teamId)}/channels/${segment(tab.channelId)}/tabs/${segment(tab.tabId)}`,
        },
      );
    } catch (error) {
      if (!(error instanceof PlatformError) || error.code !== 'NotFound') throw error;
    }
  }

  /**
   * Archives the team (https://learn.microsoft.com/graph/api/team-archive): Graph answers 202
   * Accepted with a Location to poll, and archives it later. The 202 is the confirmation the group
   * waits for. Application permission: TeamSettings.ReadWrite.Group (resource-specific consent).
   */
  async archiveGroup(group: PlatformRef): Promise<void> {
    const teamId = this.#wholeTeam(group);
    await this.#graph(
      group.workspaceId,
      { team: teamId },
      { method: 'POST', path: `v1.0/teams/${segment(teamId)}/archive`, json: {} },
    );
  }

  /**
   * The team from Graph (`GET /teams/{id}`: name, visibility, archived, created) and its owners:
   * its members whose `roles` hold "owner", filtered by Graph. A private or shared channel's group
   * is not described here: only teams register themselves.
   */
  async describeGroup(group: PlatformRef): Promise<PlatformGroup> {
    const teamId = this.#wholeTeam(group);
    const tenant = group.workspaceId;
    const [team, owners] = await Promise.all([
      this.#graph(tenant, { team: teamId }, { method: 'GET', path: `v1.0/teams/${segment(teamId)}` }),
      this.#graphList<GraphMember>(
        tenant,
        { team: teamId },
        `v1.0/teams/${segment(teamId)}/members?$filter=${OWNERS_FILTER}&$top=${OWNERS_PAGE_SIZE}`,
      ),
    ]);
    return {
      name: present(team.displayName, 'displayName'),
      isPrivate: team.visibility !== 'public',
      archived: team.isArchived === true,
      createdAt: typeof team.createdDateTime === 'string' ? new Date(team.createdDateTime) : null,
      owners: identitiesOf(tenant, owners),
    };
  }

  /** A page of the team's members; the cursor is Graph's `@odata.nextLink`, which stays on Graph. */
  async listMembers(group: PlatformRef, cursor: string | null): Promise<MemberPage> {
    const teamId = this.#wholeTeam(group);
    const url = cursor ?? joinUrl(this.#graphUrl, `v1.0/teams/${segment(teamId)}/members`);
    const page = await this.#graphPage<GraphMember>(group.workspaceId, { team: teamId }, url);
    return { members: identitiesOf(group.workspaceId, page.items), next: page.next };
  }

  /** A bounded read of the team's channel history (channel-history.ts), keyed as live events are. */
  readHistory(group: PlatformRef, window: HistoryWindow, cursor: string | null): Promise<HistoryPage> {
    const page = (scope: GraphScope, url: string) => this.#graphPage<unknown>(group.workspaceId, scope, url);
    return readChannelHistory({ graphUrl: this.#graphUrl, now: this.#clock.now(), page }, group, window, cursor);
  }

  /** The person's directory entry and, when readable, Outlook's time zone and language. */
  async readProfile(person: PlatformIdentity): Promise<PlatformProfile> {
    const user = `v1.0/users/${segment(person.userId)}`;
    const [found, mailbox] = await Promise.all([
      this.#graph(person.workspaceId, {}, { method: 'GET', path: `${user}?$select=${USER_SELECT}` }),
      this.#graph(person.workspaceId, {}, { method: 'GET', path: `${user}/mailboxSettings` }).catch(
        (error: unknown) => {
          // No mailbox, or no MailboxSettings.Read: the profile stands without zone and language.
          if (error instanceof PlatformError && error.permanent) return null;
          throw error;
        },
      ),
    ]);
    return profileFrom(found as GraphUser, mailbox as GraphMailboxSettings | null);
  }

  /**
   * Makes the bot's 1:1 with the person on the tenant's service URL, and remembers it. Two first
   * cards at once both make it: Teams gives both the same id.
   */
  async #createConversation(to: PlatformIdentity): Promise<ConversationReference> {
    const serviceUrl = await this.#serviceUrl(to.workspaceId);
    const answer = await this.#connector(
      to.workspaceId,
      serviceUrl,
      { kind: 'create', id: to.userId },
      {
        method: 'POST',
        path: 'v3/conversations',
        json: {
          isGroup: false,
          bot: { id: `28:${this.#options.appId}` },
          members: [{ id: to.userId }],
          tenantId: to.workspaceId,
          channelData: { tenant: { id: to.workspaceId } },
        },
      },
    );
    const reference: ConversationReference = {
      platform: 'teams',
      workspaceId: to.workspaceId,
      key: personalKey(to.userId),
      conversationId: present(answer.id, 'id'),
      serviceUrl: typeof answer.serviceUrl === 'string' && answer.serviceUrl !== '' ? answer.serviceUrl : serviceUrl,
      updatedAt: this.#clock.now(),
    };
    await this.#options.conversations.save(reference);
    return reference;
  }

  async #serviceUrl(tenantId: string): Promise<string> {
    const serviceUrl = await this.#options.serviceUrlFor(tenantId);
    if (serviceUrl === null) {
      throw new PlatformError('workspace_not_installed', {
        permanent: true,
        message: `no Teams service URL known for tenant ${tenantId}`,
      });
    }
    return serviceUrl;
  }

  /** The team's library: its root, then each folder's files (one level: a channel's folder). */
  /**
   * The files in a channel's folder: where it is (https://learn.microsoft.com/graph/api/channel-get-filesfolder,
   * a standard channel's in the team's library, a private or shared channel's in its own site), then
   * its children a page at a time (https://learn.microsoft.com/graph/api/driveitem-list-children).
   * Application permission Files.Read.All. The library calls are SharePoint's: the tenant's budget only.
   */
  async #channelFiles(tenant: string, teamId: string, channel: GraphChannel): Promise<GraphDriveItem[]> {
    const path = `v1.0/teams/${segment(teamId)}/channels/${segment(channel.id)}/filesFolder`;
    const folder = await this.#graph(tenant, { team: teamId, channel: channel.id }, { method: 'GET', path });
    const driveId = (folder['parentReference'] as { driveId?: unknown } | undefined)?.driveId;
    const folderId = folder['id'];
    if (typeof driveId !== 'string' || typeof folderId !== 'string') {
      throw new PlatformError('unexpected_answer', {
        permanent: false,
        message: `filesFolder of ${channel.id} names no drive item`,
      });
    }
    return this.#graphList<GraphDriveItem>(
      tenant,
      {},
      `v1.0/drives/${segment(driveId)}/items/${segment(folderId)}/children?$top=${DRIVE_PAGE_SIZE}`,
    );
  }

  /** One Bot Connector call on a service URL: the buckets, an app token, one attempt, our errors. */
  async #connector(
    tenantId: string,
    serviceUrl: string,
    thread: { kind: 'send' | 'create'; id: string },
    call: { method: HttpCall['method']; path: string; json: unknown },
  ): Promise<Record<string, unknown>> {
    const tokenTenant = this.#options.tenantId ?? BOT_FRAMEWORK_TENANT;
    return this.#call('connector', connectorBuckets(tenantId, thread), tokenTenant, BOT_CONNECTOR_SCOPE, {
      method: call.method,
      url: joinUrl(serviceUrl, call.path),
      json: call.json,
    });
  }

  /** One Graph call in a customer tenant, with a token of that tenant. `path` is under the Graph URL. */
  #graph(
    tenantId: string,
    scope: GraphScope,
    call: { method: HttpCall['method']; path?: string; url?: string; json?: unknown },
  ) {
    const url = call.url ?? joinUrl(this.#graphUrl, call.path ?? '');
    return this.#call('graph', graphBuckets(tenantId, scope), tenantId, GRAPH_SCOPE, {
      method: call.method,
      url,
      json: call.json,
    });
  }

  /** Every page of a Graph collection, following `@odata.nextLink`. */
  async #graphList<T>(tenantId: string, scope: GraphScope, path: string): Promise<T[]> {
    const items: T[] = [];
    for (let url: string | null = joinUrl(this.#graphUrl, path); url !== null; ) {
      const page: { items: T[]; next: string | null } = await this.#graphPage<T>(tenantId, scope, url);
      items.push(...page.items);
      url = page.next;
    }
    return items;
  }

  /** One page of a Graph collection and the link to the next, if any. */
  async #graphPage<T>(tenantId: string, scope: GraphScope, url: string): Promise<{ items: T[]; next: string | null }> {
    // Our Graph token goes only to Graph, whatever link an answer (or a saved cursor) holds.
    if (!url.startsWith(`${this.#graphUrl}/`)) {
      throw new PlatformError('unexpected_answer', {
        permanent: false,
        message: `a Graph page outside ${this.#graphUrl}`,
      });
    }
    const page = await this.#graph(tenantId, scope, { method: 'GET', url });
    const next = page['@odata.nextLink'];
    return {
      items: (Array.isArray(page.value) ? page.value : []) as T[],
      next: typeof next === 'string' ? next : null,
    };
  }

  /** The team of a group that is a whole team; a channel's group is refused for good. */
  #wholeTeam(group: PlatformRef): string {
    const { teamId, channelId } = teamOf(group);
    if (channelId !== null) {
      throw new PlatformError('not_supported', {
        permanent: true,
        message: `${group.id} is a channel: only whole teams are described`,
      });
    }
    return teamId;
  }

  async #call(
    service: 'connector' | 'graph',
    buckets: readonly Bucket[],
    tokenTenant: string,
    tokenScope: string,
    call: Omit<HttpCall, 'token'>,
  ): Promise<Record<string, unknown>> {
    for (const bucket of buckets) await this.#limiter.acquire(bucket.key, bucket.windows);
    const token = await this.#tokens.get(tokenTenant, tokenScope);
    const answer = await exchange({ ...call, token });
    if (answer.status === 401) this.#tokens.forget(tokenTenant, tokenScope);
    if (!succeeded(answer)) throw platformErrorFrom(service, answer);
    return typeof answer.body === 'object' && answer.body !== null ? (answer.body as Record<string, unknown>) : {};
  }
}

/** Graph's members as our identities; a member without a user id (none documented) is left out. */
function identitiesOf(tenantId: string, members: readonly GraphMember[]): PlatformIdentity[] {
  return members.flatMap((member) =>
    typeof member.userId === 'string'
      ? [{ platform: 'teams' as const, workspaceId: tenantId, userId: member.userId }]
      : [],
  );
}

/** A message activity carrying one Adaptive Card; `summary` is what notifications show. */
function message(content: object, summary: string): Record<string, unknown> {
  return { type: 'message', summary, attachments: [{ contentType: ADAPTIVE_CARD, content }] };
}
