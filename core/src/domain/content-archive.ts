import type { ContentKind } from './content-item.ts';
import type { Platform } from './platform.ts';

/** What archiving an item does on its platform. */
export type ArchiveOperation = 'unpin' | 'remove_bookmark' | 'delete_tab';

export interface ArchiveAction {
  readonly operation: ArchiveOperation;
  /** The scopes (Slack) or permissions (Graph), any one of which lets the app do it. */
  readonly scopes: readonly string[];
}

/**
 * How each platform archives each kind of item, or null where it cannot. Files and canvases are
 * never archived: both platforms can only delete them, for everyone and for good. Slack's API has
 * no tabs; Teams has no bookmarks or canvases, and Graph v1.0 cannot unpin a channel message.
 * Scopes: docs.slack.dev/reference/methods/pins.remove (pins:write), …/bookmarks.remove
 * (bookmarks:write); learn.microsoft.com/graph/api/channel-delete-tabs (TeamsTab.Delete.Group RSC,
 * TeamsTab.ReadWriteForTeam.All, TeamsTab.ReadWrite.All).
 */
const ARCHIVE_ACTIONS: Readonly<Record<Platform, Readonly<Record<ContentKind, ArchiveAction | null>>>> = {
  slack: {
    pinned_message: { operation: 'unpin', scopes: ['pins:write'] },
    bookmark: { operation: 'remove_bookmark', scopes: ['bookmarks:write'] },
    file: null,
    canvas: null,
    tab: null,
  },
  teams: {
    tab: {
      operation: 'delete_tab',
      scopes: ['TeamsTab.Delete.Group', 'TeamsTab.ReadWriteForTeam.All', 'TeamsTab.ReadWrite.All'],
    },
    pinned_message: null,
    bookmark: null,
    file: null,
    canvas: null,
  },
};

/**
 * Whether Archive can be offered for an item: the platform has an action for its kind, and the app
 * holds one of the scopes it needs. `grantedScopes` null: not known (a Teams tenant's consent, a
 * Slack token given in the configuration), so the scopes the manifests ask for are assumed.
 */
export function archiveAction(
  kind: ContentKind,
  platform: Platform,
  grantedScopes: readonly string[] | null,
): ArchiveAction | null {
  const action = ARCHIVE_ACTIONS[platform][kind];
  if (!action) return null;
  if (grantedScopes !== null && !action.scopes.some((scope) => grantedScopes.includes(scope))) return null;
  return action;
}

/**
 * The kinds of item each platform's listing reports in full, so that an item of these kinds the
 * listing no longer shows is gone. Teams pinned messages are not listed (Graph v1.0 has them for
 * chats only): the sync never decides they are gone.
 */
export const LISTED_CONTENT_KINDS: Readonly<Record<Platform, readonly ContentKind[]>> = {
  slack: ['pinned_message', 'bookmark', 'file', 'canvas'],
  teams: ['tab', 'file'],
};
