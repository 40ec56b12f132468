import type { PlatformContentItem, PlatformRef } from '@steward/core';

/** A channel as Graph lists it (the fields we read). */
export interface GraphChannel {
  readonly id: string;
  readonly displayName?: string;
  readonly createdDateTime?: string | null;
}

/** A channel tab, `$expand=teamsApp`. */
export interface GraphTab {
  readonly id: string;
  readonly displayName?: string | null;
  readonly webUrl?: string | null;
  readonly configuration?: { readonly websiteUrl?: string | null; readonly contentUrl?: string | null } | null;
  readonly teamsApp?: { readonly displayName?: string | null } | null;
}

/** A file or folder of a channel's folder (in the team's library, or a private channel's own site). */
export interface GraphDriveItem {
  readonly id: string;
  readonly name?: string;
  readonly webUrl?: string | null;
  readonly lastModifiedDateTime?: string;
  readonly file?: object;
  readonly folder?: object;
}

// A tab is known by its channel and its own id, both needed to remove it; channel ids
// ("19:…@thread.tacv2") and tab ids (GUIDs) have no "/".
const TAB_REF_SEPARATOR = '/';

function itemRef(group: PlatformRef, id: string): PlatformRef {
  return { platform: 'teams', workspaceId: group.workspaceId, id };
}

function dateOr(value: string | null | undefined, fallback: Date): Date {
  const at = value ? Date.parse(value) : Number.NaN;
  return Number.isNaN(at) ? fallback : new Date(at);
}

/**
 * A channel tab. Graph gives a tab no date at all, so it counts as changed when its channel was
 * made: the earliest it can be. An old tab is thus asked about once, and its review then counts.
 */
export function tabItem(group: PlatformRef, channel: GraphChannel, tab: GraphTab): PlatformContentItem {
  return {
    kind: 'tab',
    ref: itemRef(group, `${channel.id}${TAB_REF_SEPARATOR}${tab.id}`),
    title: tab.displayName || tab.teamsApp?.displayName || tab.id,
    link: tab.webUrl ?? tab.configuration?.websiteUrl ?? null,
    lastChangedAt: dateOr(channel.createdDateTime, new Date(0)),
  };
}

/** The channel and tab ids in a tab's ref; null for a ref that is no tab's. */
export function tabRefParts(id: string): { channelId: string; tabId: string } | null {
  const at = id.lastIndexOf(TAB_REF_SEPARATOR);
  return at > 0 && at < id.length - 1 ? { channelId: id.slice(0, at), tabId: id.slice(at + 1) } : null;
}

/** A file of a channel's folder (a subfolder is not content in itself). */
export function fileItem(group: PlatformRef, item: GraphDriveItem): PlatformContentItem | null {
  if (!item.file) return null;
  return {
    kind: 'file',
    ref: itemRef(group, item.id),
    title: item.name || item.id,
    link: item.webUrl ?? null,
    lastChangedAt: dateOr(item.lastModifiedDateTime, new Date(0)),
  };
}
