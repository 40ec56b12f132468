import type { PlatformRef } from '../domain/platform.ts';

// Deep links that open the group or a message in the platform's own client. Slack:
// app.slack.com/client/<team>/<channel>[/thread/<channel>-<ts>]; Teams: the documented
// teams.microsoft.com/l/channel and /l/message deep-link formats.

/** Opens the group's channel (Slack) or the team's General channel (Teams). */
export function groupLink(group: PlatformRef): string {
  if (group.platform === 'slack') return `https://app.slack.com/client/${group.workspaceId}/${group.id}`;
  return `https://teams.microsoft.com/l/channel/${encodeURIComponent(group.id)}/General?tenantId=${encodeURIComponent(group.workspaceId)}`;
}

/** Opens a thread of the group: the Slack message ts, or the Teams root message id. */
export function threadLink(group: PlatformRef, threadId: string): string {
  if (group.platform === 'slack')
    return `https://app.slack.com/client/${group.workspaceId}/${group.id}/thread/${group.id}-${threadId}`;
  const channel = encodeURIComponent(group.id);
  return `https://teams.microsoft.com/l/message/${channel}/${encodeURIComponent(threadId)}?tenantId=${encodeURIComponent(group.workspaceId)}&parentMessageId=${encodeURIComponent(threadId)}`;
}

// The dashboard's own pages, under the address people reach the service at (STEWARD_PUBLIC_URL).

/** The sections of a group's page a list can open at: the anchors of its full lists. */
export const DASHBOARD_GROUP_SECTIONS = ['requests', 'content', 'questions'] as const;
export type DashboardGroupSection = (typeof DASHBOARD_GROUP_SECTIONS)[number];

/** A group's page on the dashboard, opened at one of its sections when named. */
export function dashboardGroupLink(publicUrl: string, groupId: string, section?: DashboardGroupSection): string {
  const page = `${publicUrl.replace(/\/+$/, '')}/dashboard/groups/${encodeURIComponent(groupId)}`;
  return section ? `${page}#${section}` : page;
}

/** The cross-group table, with these query parameters (the table's own: sort, order, flag…). */
export function dashboardLink(publicUrl: string, query: Readonly<Record<string, string>> = {}): string {
  const search = new URLSearchParams(query).toString();
  return `${publicUrl.replace(/\/+$/, '')}/dashboard${search ? `?${search}` : ''}`;
}
