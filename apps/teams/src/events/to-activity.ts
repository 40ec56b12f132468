import type { PlatformActivity, ProfileFallback } from '@steward/core';
import { channelOfConversation, messageEventId, reactionEventId } from './activity-keys.ts';

/** The parts of a Bot Framework activity the mapping reads. */
export interface TeamsActivity {
  readonly type: string;
  readonly id?: string;
  readonly timestamp?: string;
  readonly text?: string;
  readonly replyToId?: string;
  readonly from?: { readonly id?: string; readonly aadObjectId?: string };
  readonly conversation?: { readonly id?: string; readonly conversationType?: string; readonly tenantId?: string };
  readonly channelData?: {
    readonly eventType?: string;
    readonly tenant?: { readonly id?: string };
    readonly team?: { readonly id?: string; readonly aadGroupId?: string };
  };
  readonly membersAdded?: readonly { readonly id?: string; readonly aadObjectId?: string }[];
  readonly membersRemoved?: readonly { readonly id?: string; readonly aadObjectId?: string }[];
  readonly reactionsAdded?: readonly { readonly type?: string }[];
  readonly locale?: string;
  readonly localTimezone?: string;
  readonly entities?: readonly { readonly type?: string; readonly locale?: unknown; readonly timezone?: unknown }[];
}

export function tenantOf(activity: TeamsActivity): string | undefined {
  return activity.channelData?.tenant?.id ?? activity.conversation?.tenantId;
}

/**
 * What a message or invoke says of the person who sent it: its `locale` and `localTimezone` (IANA),
 * else its `clientInfo` entity's (PLATFORMS.md Wave 2 §13). Clients may leave them out; the core
 * takes them only when the person's profile says nothing.
 */
export function senderFallback(activity: TeamsActivity): ProfileFallback | undefined {
  const clientInfo = activity.entities?.find((entity) => entity.type === 'clientInfo');
  const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
  const locale = text(activity.locale) ?? text(clientInfo?.locale);
  const timeZone = text(activity.localTimezone) ?? text(clientInfo?.timezone);
  if (locale === undefined && timeZone === undefined) return undefined;
  return { ...(locale !== undefined ? { locale } : {}), ...(timeZone !== undefined ? { timeZone } : {}) };
}

/**
 * A team is a group; Graph knows it by its Microsoft 365 group id. Many activities carry only its
 * thread id (`channelData.team.id`, its General channel's), or none but a General channel
 * conversation's (`19:…;messageid=…`): the store finds the group by any of them.
 */
export function teamOf(activity: TeamsActivity): string | undefined {
  const team = activity.channelData?.team;
  const channelConversation =
    activity.conversation?.conversationType === 'channel' ? activity.conversation.id?.split(';')[0] : undefined;
  return team?.aadGroupId ?? team?.id ?? channelConversation;
}

/**
 * What a channel message or a membership change means for the contribution count. In a channel,
 * a reply's conversation id names its thread (`19:…;messageid=<root>`); the text travels on only to
 * be read for a question mark. People are known by their Entra object id, as Graph knows them.
 */
export function toActivities(activity: TeamsActivity): PlatformActivity[] {
  const tenant = tenantOf(activity);
  const team = teamOf(activity);
  if (!tenant || !team) return [];
  const group = { platform: 'teams' as const, workspaceId: tenant, id: team };
  // A missing or unreadable field is passed on as it is: the core parks such an activity, with the
  // reason, rather than it being dropped here unseen.
  const occurredAt = new Date(activity.timestamp ?? Number.NaN);
  const person = (userId: string | undefined) => ({
    platform: 'teams' as const,
    workspaceId: tenant,
    userId: userId ?? '',
  });
  const channel = channelOfConversation(activity.conversation?.id);

  if (activity.type === 'message' && activity.conversation?.conversationType === 'channel') {
    if (!activity.id) return [];
    const root = /;messageid=(\d+)/.exec(activity.conversation.id ?? '')?.[1];
    const isReply = root !== undefined && root !== activity.id;
    return [
      {
        kind: isReply ? 'reply' : 'post',
        group,
        actor: person(activity.from?.aadObjectId),
        occurredAt,
        platformEventId: messageEventId(channel, activity.id),
        threadId: root ?? activity.id,
        text: activity.text ?? '',
        ...fallbackOf(activity),
      },
    ];
  }
  if (activity.type === 'messageReaction' && activity.conversation?.conversationType === 'channel') {
    // Teams documents reactions to the bot's own messages only (PLATFORMS.md Wave 2 §8). A person's
    // reaction of a kind to a message counts once, however often it is taken back and made again.
    const reactedTo = activity.replyToId;
    if (!reactedTo) return [];
    const actor = person(activity.from?.aadObjectId);
    return (activity.reactionsAdded ?? []).map((reaction) => ({
      kind: 'reaction' as const,
      group,
      actor,
      occurredAt,
      platformEventId: reactionEventId(channel, reactedTo, actor.userId, reaction.type ?? ''),
      threadId: null,
    }));
  }
  if (activity.type === 'conversationUpdate' && activity.timestamp) {
    const eventType = activity.channelData?.eventType;
    const changes =
      eventType === 'teamMemberAdded'
        ? { kind: 'join' as const, members: activity.membersAdded ?? [] }
        : eventType === 'teamMemberRemoved'
          ? { kind: 'leave' as const, members: activity.membersRemoved ?? [] }
          : null;
    if (!changes) return [];
    // The app itself (28:…) has no Entra object id: only people join and leave.
    return changes.members.flatMap((member) =>
      member.aadObjectId
        ? [
            {
              kind: changes.kind,
              group,
              actor: person(member.aadObjectId),
              occurredAt,
              platformEventId: `${changes.kind}:${team}:${member.aadObjectId}:${activity.timestamp}`,
              threadId: null,
            },
          ]
        : [],
    );
  }
  return [];
}

function fallbackOf(activity: TeamsActivity): { actorFallback?: ProfileFallback } {
  const fallback = senderFallback(activity);
  return fallback ? { actorFallback: fallback } : {};
}
