import type { HttpAnswer } from '../loopback-server.ts';
import { type Draw, type Operation, type OperationCall, ServiceFailure } from './service.ts';
import type { ChannelState, FakeActivity, FakeConversation, FakeWorld, SeedUser, TeamState } from './world.ts';

export type ConnectorOperation = 'createConversation' | 'sendActivity' | 'updateActivity' | 'getPagedMembers';

// Teams refuses bot messages above about 28 KB (msteams-docs, "Format your bot messages").
const MAX_ACTIVITY_BYTES = 28 * 1024;

const PAGE_SIZE_DEFAULT = 200;

/** The Bot Connector's error body: msteams-docs, "Status codes from bot conversational APIs". */
export function connectorError(
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): HttpAnswer {
  return { status, headers, json: { error: { code, message } } };
}

function conversationOf(call: OperationCall): FakeConversation {
  const conversation = call.world.conversations.get(call.params[0] ?? '');
  if (!conversation || conversation.deleted)
    throw new ServiceFailure(404, 'ConversationNotFound', 'Conversation not found.');
  return conversation;
}

/**
 * Where an activity goes: the bot's 1:1 with a person, or a team's channel, where a post without
 * `;messageid=` starts a new conversation. The bot posts in a channel only when its app is
 * installed in the team, and in a private or shared channel only once added to it: otherwise Teams
 * answers 403 BotNotInConversationRoster (msteams-docs, "Status codes from bot conversational APIs").
 */
function postableThread(call: OperationCall): { activities: FakeActivity[] } {
  const id = call.params[0] ?? '';
  const inChannel = call.world.channelConversation(id);
  if (!inChannel) {
    const conversation = conversationOf(call);
    assertReachable(call.world.users.get(conversation.userId));
    return conversation;
  }
  if (!mayPostIn(inChannel.team, inChannel.channel)) {
    throw new ServiceFailure(403, 'BotNotInConversationRoster', 'The bot is not part of the conversation roster.');
  }
  return inChannel.channel;
}

function mayPostIn(team: TeamState, channel: ChannelState): boolean {
  return team.botInstalled && (channel.membershipType === 'standard' || channel.appInstalled);
}

/** A person's refusals, in the order Teams checks them. */
function assertReachable(user: Required<SeedUser> | undefined): void {
  if (user?.blockedBot)
    throw new ServiceFailure(403, 'ConversationBlockedByUser', 'User blocked the conversation with the bot.');
  if (user && !user.appInstalled)
    throw new ServiceFailure(403, 'ForbiddenOperationException', "Bot is not installed in user's personal scope");
}

function assertMessage(call: OperationCall): Record<string, unknown> {
  const body = call.body;
  if (!body || typeof body.type !== 'string')
    throw new ServiceFailure(400, 'BadArgument', 'Activity type is required.');
  if (Buffer.byteLength(call.request.body) > MAX_ACTIVITY_BYTES)
    throw new ServiceFailure(413, 'MessageSizeTooBig', 'Message size too large.');
  return body;
}

function threadDraws(world: FakeWorld, conversationId: string | undefined, limit: 'send' | 'members'): Draw[] {
  const id = conversationId ?? '';
  const tenant = world.conversations.get(id)?.tenantId ?? world.channelConversation(id)?.team.tenantId;
  return tenant
    ? [
        { limit, key: `thread:${id}` },
        { limit: 'tenant', key: `tenant:${tenant}` },
      ]
    : [];
}

function tenantOf(body: Record<string, unknown> | null): string | null {
  const channelData = body?.channelData as { tenant?: { id?: unknown } } | undefined;
  const tenant = body?.tenantId ?? channelData?.tenant?.id;
  return typeof tenant === 'string' && tenant !== '' ? tenant : null;
}

function memberOf(body: Record<string, unknown> | null): string | null {
  const members = body?.members;
  const id = Array.isArray(members) && members.length === 1 ? (members[0] as { id?: unknown }).id : undefined;
  return typeof id === 'string' && id !== '' ? id : null;
}

/**
 * The Bot Framework REST API as Teams' service URL answers it, for the bot's 1:1 conversations:
 * create one (the same id for the same person every time), post and update activities in it, and
 * read its members page by page; and for team channels, post and update activities there.
 */
export const CONNECTOR_OPERATIONS: readonly Operation<ConnectorOperation>[] = [
  {
    name: 'createConversation',
    method: 'POST',
    pattern: /^\/v3\/conversations$/,
    draws: ({ body }) => {
      const tenant = tenantOf(body);
      const member = memberOf(body);
      return tenant && member
        ? [
            { limit: 'create', key: `create:${tenant}:${member}` },
            { limit: 'tenant', key: `tenant:${tenant}` },
          ]
        : [];
    },
    handle: (call) => {
      const tenant = tenantOf(call.body);
      const member = memberOf(call.body);
      const bot = (call.body?.bot as { id?: unknown } | undefined)?.id;
      if (call.body?.isGroup === true)
        throw new ServiceFailure(400, 'BadArgument', 'Group conversations cannot be created by a bot in Teams.');
      if (!tenant) throw new ServiceFailure(400, 'BadArgument', 'Tenant ID is required.');
      if (!member)
        throw new ServiceFailure(400, 'BadArgument', 'Exactly one member is required for a personal conversation.');
      if (bot !== `28:${call.world.app.id}` && bot !== call.world.app.id)
        throw new ServiceFailure(400, 'BadArgument', 'Invalid bot id.');
      const user = call.world.userFromMemberId(member);
      if (!user || user.tenantId !== tenant)
        throw new ServiceFailure(400, 'BadArgument', 'Invalid user identity in provided tenant');
      assertReachable(user);
      return { status: 201, json: { id: call.world.openConversation(tenant, user.id).id } };
    },
  },
  {
    name: 'sendActivity',
    method: 'POST',
    pattern: /^\/v3\/conversations\/([^/]+)\/activities$/,
    draws: (call) => threadDraws(call.world, call.params[0], 'send'),
    handle: (call) => {
      const thread = postableThread(call);
      const body = assertMessage(call);
      const id = call.world.nextActivityId();
      thread.activities.push({ id, body, updates: 0 });
      return { status: 201, json: { id } };
    },
  },
  {
    name: 'updateActivity',
    method: 'PUT',
    pattern: /^\/v3\/conversations\/([^/]+)\/activities\/([^/]+)$/,
    draws: (call) => threadDraws(call.world, call.params[0], 'send'),
    handle: (call) => {
      const thread = postableThread(call);
      const body = assertMessage(call);
      const activity = thread.activities.find((candidate) => candidate.id === call.params[1]);
      if (!activity) throw new ServiceFailure(404, 'ActivityNotFoundInConversation', 'Conversation not found.');
      activity.body = body;
      activity.updates += 1;
      return { status: 200, json: { id: activity.id } };
    },
  },
  {
    name: 'getPagedMembers',
    method: 'GET',
    // botbuilder asks for `pagedmembers`, the Teams SDK for `pagedMembers`; both work against Teams.
    pattern: /^\/v3\/conversations\/([^/]+)\/pagedmembers$/i,
    draws: (call) => threadDraws(call.world, call.params[0], 'members'),
    handle: (call) => {
      const conversation = conversationOf(call);
      const user = call.world.users.get(conversation.userId);
      const members = user
        ? [
            {
              id: `29:${user.id}`,
              name: user.displayName,
              aadObjectId: user.id,
              email: user.mail,
              userPrincipalName: user.userPrincipalName,
              tenantId: user.tenantId,
              userRole: 'user',
            },
          ]
        : [];
      const start = Number(call.request.query.get('continuationToken') ?? 0);
      const size = Number(call.request.query.get('pageSize') ?? PAGE_SIZE_DEFAULT);
      const page = members.slice(start, start + size);
      return {
        status: 200,
        json: { members: page, ...(start + size < members.length ? { continuationToken: String(start + size) } : {}) },
      };
    },
  },
];
