/**
 * The keys of what people do in a Teams channel, one place for both ways we learn of it: a live
 * Bot Framework activity (events/to-activity.ts) and Graph's channel history (web/channel-history.ts).
 * A backfill over days live events already counted must find the same keys, or it counts twice.
 *
 * A channel is its thread id, `19:…@thread.tacv2` (older ones `@thread.skype`): Graph's channel id
 * (https://learn.microsoft.com/graph/api/channel-list-messages, `channelIdentity.channelId`) and
 * the Bot Framework conversation id of a channel message before its `;messageid=…` (PLATFORMS.md §7).
 * Message ids are times in milliseconds, the same in both, unique within their channel only.
 */

/** The channel a Bot Framework channel conversation id names (`19:…@thread.tacv2;messageid=…`). */
export function channelOfConversation(conversationId: string | undefined): string {
  return conversationId?.split(';')[0] ?? '';
}

/** A post or a reply, by its channel and its own id. */
export function messageEventId(channel: string, messageId: string): string {
  return `message:${channel}:${messageId}`;
}

/** A person's reaction of a kind to a message counts once, however often taken back and made again. */
export function reactionEventId(channel: string, messageId: string, userId: string, reactionType: string): string {
  return `reaction:${channel}:${messageId}:${userId}:${reactionType}`;
}
