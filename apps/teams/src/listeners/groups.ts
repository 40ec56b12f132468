import type { GroupChange, InboxEvent } from '@steward/core';
import { z } from 'zod';

// A team's activities as msteams-docs shows them (bots/how-to/conversations/subscribe-to-conversation-
// events.md): `channelData.team.id` is the team's thread id (its General channel's); its Microsoft
// 365 group id, `aadGroupId`, comes with an install but not with the team's renames and archives.
const teamActivity = z.object({
  timestamp: z.iso.datetime({ offset: true }),
  from: z.object({ aadObjectId: z.string().optional() }).optional(),
  channelData: z.object({
    eventType: z.string().optional(),
    tenant: z.object({ id: z.string() }),
    team: z.object({ id: z.string(), aadGroupId: z.string().optional(), name: z.string().optional() }),
  }),
});

// The documented eventTypes, compared in lower case: the page's own example writes "teamrestored".
const CHANGE_OF: Readonly<Record<string, GroupChange>> = {
  teamrenamed: 'renamed',
  teamarchived: 'archived',
  teamunarchived: 'unarchived',
  teamdeleted: 'deleted',
  teamrestored: 'restored',
};

/**
 * The app was installed in a team: the team becomes one group, keyed by its Microsoft 365 group id
 * (what Graph knows it by), found by its thread id too. Null for anything else (a personal install).
 */
export function teamAdded(activity: unknown): InboxEvent | null {
  const parsed = teamActivity.safeParse(activity);
  const team = parsed.success ? parsed.data.channelData.team : null;
  if (!parsed.success || !team?.aadGroupId) return null;
  const tenant = parsed.data.channelData.tenant.id;
  const installer = parsed.data.from?.aadObjectId;
  return {
    kind: 'group_added',
    group: {
      group: { platform: 'teams', workspaceId: tenant, id: team.aadGroupId },
      keys: [team.id],
      addedBy: installer ? { platform: 'teams', workspaceId: tenant, userId: installer } : null,
      at: new Date(parsed.data.timestamp),
    },
  };
}

/** A team renamed, archived, unarchived, deleted or restored, which its group follows; else null. */
export function teamChanged(activity: unknown): InboxEvent | null {
  const parsed = teamActivity.safeParse(activity);
  const change = parsed.success ? CHANGE_OF[parsed.data.channelData.eventType?.toLowerCase() ?? ''] : undefined;
  if (!parsed.success || !change) return null;
  const { team, tenant } = parsed.data.channelData;
  return {
    kind: 'group_changed',
    change: {
      group: { platform: 'teams', workspaceId: tenant.id, id: team.aadGroupId ?? team.id },
      change,
      ...(team.name ? { name: team.name } : {}),
      at: new Date(parsed.data.timestamp),
    },
  };
}
