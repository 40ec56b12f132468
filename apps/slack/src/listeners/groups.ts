import type { App } from '@slack/bolt';
import type { GroupChange, InboxEvent } from '@steward/core';
import { z } from 'zod';
import { type EventEnvelope, toActivity } from '../events/to-activity.ts';
import { channelDisplayName } from '../web/slack-platform.ts';
import type { ListenerContext } from './context.ts';

// Payloads as documented: https://docs.slack.dev/reference/events/member_joined_channel (`inviter`
// only when someone invited), …/channel_rename and …/group_rename (`channel: {id, name}`),
// …/channel_archive, channel_unarchive, channel_deleted and their group_ twins (`channel` an id).
const joined = z.object({
  user: z.string(),
  channel: z.string(),
  team: z.string().optional(),
  inviter: z.string().optional(),
});
const renamed = z.object({ channel: z.object({ id: z.string(), name: z.string() }) });
const changed = z.object({ channel: z.string() });
const envelope = z.object({ team_id: z.string(), event_id: z.string(), event_time: z.number() });

const RENAME_EVENTS = ['channel_rename', 'group_rename'] as const;
const LIFECYCLE_EVENTS = [
  'channel_archive',
  'group_archive',
  'channel_unarchive',
  'group_unarchive',
  'channel_deleted',
  'group_deleted',
] as const;
const CHANGE_OF: Readonly<Record<(typeof LIFECYCLE_EVENTS)[number], GroupChange>> = {
  channel_archive: 'archived',
  group_archive: 'archived',
  channel_unarchive: 'unarchived',
  group_unarchive: 'unarchived',
  channel_deleted: 'deleted',
  group_deleted: 'deleted',
};

/**
 * A channel's own life, stored in the inbox like every event: the app added to it registers it
 * (Bolt lets the bot's own member_joined_channel through), anyone else joining is a join; renames,
 * archives and deletions change its group.
 */
export function registerGroupListeners(app: App, context: ListenerContext): void {
  const accept = (body: z.infer<typeof envelope>, event: InboxEvent) =>
    context.accept([{ key: { platform: 'slack', workspaceId: body.team_id, eventId: body.event_id }, event }]);
  const at = (body: z.infer<typeof envelope>) => new Date(body.event_time * 1000);

  app.event('member_joined_channel', async ({ event, body, context: bolt }) => {
    const member = joined.safeParse(event);
    const sent = envelope.safeParse(body);
    if (!member.success || !sent.success || member.data.user !== bolt.botUserId) {
      const activity = toActivity(body as unknown as EventEnvelope);
      if (activity && sent.success) await accept(sent.data, { kind: 'activity', activity });
      return;
    }
    const workspaceId = member.data.team ?? sent.data.team_id;
    const { inviter } = member.data;
    await accept(sent.data, {
      kind: 'group_added',
      group: {
        group: { platform: 'slack', workspaceId, id: member.data.channel },
        keys: [],
        addedBy: inviter ? { platform: 'slack', workspaceId, userId: inviter } : null,
        at: at(sent.data),
      },
    });
  });

  for (const type of RENAME_EVENTS) {
    app.event(type, async ({ event, body }) => {
      const parsed = renamed.safeParse(event);
      const sent = envelope.safeParse(body);
      if (!parsed.success || !sent.success) return;
      const { id, name } = parsed.data.channel;
      const group = { platform: 'slack' as const, workspaceId: sent.data.team_id, id };
      await accept(sent.data, {
        kind: 'group_changed',
        change: { group, change: 'renamed', name: channelDisplayName(name), at: at(sent.data) },
      });
    });
  }

  for (const type of LIFECYCLE_EVENTS) {
    app.event(type, async ({ event, body }) => {
      const parsed = changed.safeParse(event);
      const sent = envelope.safeParse(body);
      if (!parsed.success || !sent.success) return;
      const group = { platform: 'slack' as const, workspaceId: sent.data.team_id, id: parsed.data.channel };
      await accept(sent.data, { kind: 'group_changed', change: { group, change: CHANGE_OF[type], at: at(sent.data) } });
    });
  }
}
