import type { PlatformActivity } from '@steward/core';

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
}

export function tenantOf(activity: TeamsActivity): string | undefined {
  return activity.channelData?.tenant?.id ?? activity.conversation?.tenantId;
}

/** A team is a group; Graph knows it by its Microsoft 365 group id. */
export function teamOf(activity: TeamsActivity): string | undefined {
  return activity.channelData?.team?.aadGroupId ?? activity.channelData?.team?.id;
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
  const occurredAt = activity.timestamp ? new Date(activity.timestamp) : null;
  const person = (userId: string | undefined) => (userId ? { platform: 'teams' as const, workspaceId: tenant, userId } : null);

  if (activity.type === 'message' && activity.conversation?.conversationType === 'channel') {
    const actor = person(activity.from?.aadObjectId);
    if (!actor || !occurredAt || !activity.id) return [];
    const root = /;messageid=(\d+)/.exec(activity.conversation.id ?? '')?.[1];
    const isReply = root !== undefined && root !== activity.id;
    return [
      {
        kind: isReply ? 'reply' : 'post',
        group,
        actor,
        occurredAt,
        platformEventId: `message:${activity.id}`,
        threadId: root ?? activity.id,
        text: activity.text ?? '',
      },
    ];
  }
  if (activity.type === 'conversationUpdate' && occurredAt) {
    const eventType = activity.channelData?.eventType;
    const changes =
      eventType === 'teamMemberAdded'
        ? { kind: 'join' as const, members: activity.membersAdded ?? [] }
        : eventType === 'teamMemberRemoved'
          ? { kind: 'leave' as const, members: activity.membersRemoved ?? [] }
          : null;
    if (!changes) return [];
    return changes.members.flatMap((member) => {
      const actor = person(member.aadObjectId);
      return actor
        ? [{ kind: changes.kind, group, actor, occurredAt, platformEventId: `${changes.kind}:${team}:${member.aadObjectId}:${activity.timestamp}`, threadId: null }]
        : [];
    });
  }
  return [];
}
