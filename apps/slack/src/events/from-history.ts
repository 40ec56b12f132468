import type { PlatformActivity, PlatformRef } from '@steward/core';
import { isWritten, slackTime, str, threadOf } from './to-activity.ts';

/**
 * What a message read back from conversations.history or .replies means for the contribution
 * count: the message (post or reply), one reaction per person and emoji, one file per file shared
 * (https://docs.slack.dev/reference/methods/conversations.history, "messages"). History carries no
 * event ids, so each is keyed by what names it in the channel: a message by its `ts`, a reaction by
 * message, person and emoji, a file by its id; a page read twice is counted once. A reaction's own
 * time is not in the history: it counts on the day of the message it is on.
 */
export function historyActivities(group: PlatformRef, message: Record<string, unknown>): PlatformActivity[] {
  const ts = str(message['ts']);
  if (!ts || !isWritten(message)) return [];
  const actor = (userId: unknown) => ({
    platform: 'slack' as const,
    workspaceId: group.workspaceId,
    userId: str(userId) ?? '',
  });
  const occurredAt = slackTime(ts);
  const { isReply, threadId } = threadOf(message);
  const activities: PlatformActivity[] = [
    {
      kind: isReply ? 'reply' : 'post',
      group,
      actor: actor(message['user']),
      occurredAt,
      platformEventId: `message:${group.id}:${ts}`,
      threadId,
      text: str(message['text']) ?? '',
    },
  ];
  for (const reaction of arrayOf(message['reactions'])) {
    const name = str(reaction['name']) ?? '';
    for (const user of Array.isArray(reaction['users']) ? reaction['users'] : []) {
      activities.push({
        kind: 'reaction',
        group,
        actor: actor(user),
        occurredAt,
        platformEventId: `reaction:${group.id}:${ts}:${String(user)}:${name}`,
        threadId: null,
      });
    }
  }
  for (const file of arrayOf(message['files'])) {
    const id = str(file['id']);
    if (!id) continue;
    activities.push({
      kind: 'file',
      group,
      actor: actor(message['user']),
      occurredAt,
      platformEventId: `file:${group.id}:${id}`,
      threadId: null,
    });
  }
  return activities;
}

const arrayOf = (value: unknown): Record<string, unknown>[] =>
  Array.isArray(value)
    ? value.filter((item): item is Record<string, unknown> => typeof item === 'object' && item !== null)
    : [];
