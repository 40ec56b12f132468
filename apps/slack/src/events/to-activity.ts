import type { PlatformActivity } from '@steward/core';

/** The parts of an Events API envelope the mapping reads. */
export interface EventEnvelope {
  readonly team_id?: string;
  readonly event_id?: string;
  /** Seconds; for events that carry no timestamp of their own (joins and leaves). */
  readonly event_time?: number;
  readonly event: Record<string, unknown> & { readonly type: string };
}

// Message subtypes that are someone writing; the others (edits, deletes, joins, bots) are not a contribution.
const WRITTEN = new Set([undefined, 'thread_broadcast', 'file_share', 'me_message']);

export const str = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;
export const slackTime = (ts: string) => new Date(Math.round(Number(ts) * 1000));

/** A message someone wrote (not an edit, a deletion, a join, nor a bot's), as events and history give it. */
export function isWritten(message: Record<string, unknown>): boolean {
  return WRITTEN.has(str(message['subtype'])) && !str(message['bot_id']);
}

/** A message's own thread: a reply's parent, or the message itself (a top-level post). */
export function threadOf(message: Record<string, unknown>): { isReply: boolean; threadId: string | null } {
  const ts = str(message['ts']);
  const threadTs = str(message['thread_ts']);
  return { isReply: threadTs !== undefined && threadTs !== ts, threadId: threadTs ?? ts ?? null };
}

/**
 * What a Slack event means for the contribution count, or null when it means nothing there (an
 * edit, a bot). The message text travels on only to be read for a question mark.
 */
export function toActivity(envelope: EventEnvelope): PlatformActivity | null {
  const { event } = envelope;
  const team = str(event['team']) ?? str(envelope.team_id);
  const eventId = str(envelope.event_id);
  if (!team || !eventId) return null;
  // A missing or unreadable field is passed on as it is: the core parks such an event, with the
  // reason, rather than it being dropped here unseen.
  const at = (field: string) => {
    const ts = str(event[field]);
    if (ts) return slackTime(ts);
    return envelope.event_time ? new Date(envelope.event_time * 1000) : new Date(Number.NaN);
  };
  const activity = (
    kind: PlatformActivity['kind'],
    channel: unknown,
    user: unknown,
    occurredAt: Date,
    threadId: string | null,
    text?: string,
  ) => ({
    kind,
    group: { platform: 'slack' as const, workspaceId: team, id: str(channel) ?? '' },
    actor: { platform: 'slack' as const, workspaceId: team, userId: str(user) ?? '' },
    occurredAt,
    platformEventId: eventId,
    threadId,
    ...(text === undefined ? {} : { text }),
  });

  switch (event.type) {
    case 'message': {
      if (!isWritten(event)) return null;
      const { isReply, threadId } = threadOf(event);
      return activity(
        isReply ? 'reply' : 'post',
        event['channel'],
        event['user'],
        at('ts'),
        threadId,
        str(event['text']) ?? '',
      );
    }
    case 'reaction_added': {
      const item = event['item'] as Record<string, unknown> | undefined;
      if (item?.['type'] !== 'message') return null;
      return activity('reaction', item['channel'], event['user'], at('event_ts'), null);
    }
    case 'file_shared':
      return activity('file', event['channel_id'], event['user_id'], at('event_ts'), null);
    case 'member_joined_channel':
      return activity('join', event['channel'], event['user'], at('event_ts'), null);
    case 'member_left_channel':
      return activity('leave', event['channel'], event['user'], at('event_ts'), null);
    default:
      return null;
  }
}
