import type { App } from '@slack/bolt';
import { changeGroup, registerGroup, type GroupChange } from '@steward/core';
import { z } from 'zod';
import { channelDisplayName } from '../web/slack-platform.ts';
import type { ListenerContext } from './context.ts';

// Payloads as documented: https://docs.slack.dev/reference/events/member_joined_channel (`inviter`
// only when someone invited), …/channel_rename and …/group_rename (`channel: {id, name}`),
// …/channel_archive, channel_unarchive, channel_deleted and their group_ twins (`channel` an id).
const botJoined = z.object({ user: z.string(), channel: z.string(), team: z.string().optional(), inviter: z.string().optional() });
const renamed = z.object({ channel: z.object({ id: z.string(), name: z.string() }) });
const changed = z.object({ channel: z.string() });
const envelope = z.object({ team_id: z.string(), event_time: z.number() });

const RENAME_EVENTS = ['channel_rename', 'group_rename'] as const;
const LIFECYCLE_EVENTS = ['channel_archive', 'group_archive', 'channel_unarchive', 'group_unarchive', 'channel_deleted', 'group_deleted'] as const;
const CHANGE_OF: Readonly<Record<(typeof LIFECYCLE_EVENTS)[number], GroupChange>> = {
  channel_archive: 'archived',
  group_archive: 'archived',
  channel_unarchive: 'unarchived',
  group_unarchive: 'unarchived',
  channel_deleted: 'deleted',
  group_deleted: 'deleted',
};

/**
 * A channel's own life: the app added to it registers it (Bolt lets the bot's own
 * member_joined_channel through); renames, archives and deletions change its group.
 */
export function registerGroupListeners(app: App, context: ListenerContext): void {
  const { deps, logger } = context;

  app.event('member_joined_channel', async ({ event, body, context: bolt }) => {
    const joined = botJoined.safeParse(event);
    const sent = envelope.safeParse(body);
    if (!joined.success || !sent.success || joined.data.user !== bolt.botUserId) return;
    const workspaceId = joined.data.team ?? sent.data.team_id;
    const registered = await registerGroup(deps, {
      group: { platform: 'slack', workspaceId, id: joined.data.channel },
      keys: [],
      addedBy: joined.data.inviter ? { platform: 'slack', workspaceId, userId: joined.data.inviter } : null,
      at: new Date(sent.data.event_time * 1000),
    });
    if (!registered.ok) logger.warn({ channel: joined.data.channel, code: registered.code, detail: registered.detail }, 'Slack channel not registered');
  });

  for (const type of RENAME_EVENTS) {
    app.event(type, async ({ event, body }) => {
      const parsed = renamed.safeParse(event);
      const sent = envelope.safeParse(body);
      if (!parsed.success || !sent.success) return;
      const { id, name } = parsed.data.channel;
      const group = { platform: 'slack' as const, workspaceId: sent.data.team_id, id };
      await changeGroup(deps, { group, change: 'renamed', name: channelDisplayName(name), at: new Date(sent.data.event_time * 1000) });
    });
  }

  for (const type of LIFECYCLE_EVENTS) {
    app.event(type, async ({ event, body }) => {
      const parsed = changed.safeParse(event);
      const sent = envelope.safeParse(body);
      if (!parsed.success || !sent.success) return;
      const group = { platform: 'slack' as const, workspaceId: sent.data.team_id, id: parsed.data.channel };
      await changeGroup(deps, { group, change: CHANGE_OF[type], at: new Date(sent.data.event_time * 1000) });
    });
  }
}
