import type { BookmarksListResponse, FilesListResponse, PinsListResponse } from '@slack/web-api';
import type { PlatformContentItem, PlatformRef } from '@steward/core';

type PinnedItem = NonNullable<PinsListResponse['items']>[number];
// Slack sends `edited` on messages like anywhere else; the SDK's type for pins.list omits it.
type PinnedMessage = NonNullable<PinnedItem['message']> & { edited?: { ts?: string } };
type Bookmark = NonNullable<BookmarksListResponse['bookmarks']>[number];
type SlackFile = NonNullable<FilesListResponse['files']>[number];

/** Canvases are files to Slack's API; their `filetype` is "quip" (older answers say "canvas"). */
const CANVAS_FILETYPES: ReadonlySet<string> = new Set(['quip', 'canvas']);

// A pinned message's first line stands for its title; longer ones are cut.
const TITLE_MAX_LENGTH = 150;

/** Slack times are seconds ("1700000000.000100" or 1700000000); the latest given wins. */
function latest(...seconds: (string | number | undefined)[]): Date {
  const known = seconds.map(Number).filter((value) => Number.isFinite(value) && value > 0);
  return new Date(Math.max(0, ...known) * 1000);
}

function firstLine(text: string): string {
  const line = text.split('\n', 1)[0]?.trim() ?? '';
  return line.length > TITLE_MAX_LENGTH ? `${line.slice(0, TITLE_MAX_LENGTH - 1)}…` : line;
}

function itemRef(group: PlatformRef, id: string): PlatformRef {
  return { platform: 'slack', workspaceId: group.workspaceId, id };
}

// A message's ts is unique only within its channel: a pin is known by both, joined by this.
const PIN_REF_SEPARATOR = '/';

/**
 * The one key of a pinned message, whichever way it arrives (pin_added event or pins.list): its
 * channel and its message ts.
 */
export function pinRef(group: PlatformRef, messageTs: string): PlatformRef {
  return itemRef(group, `${group.id}${PIN_REF_SEPARATOR}${messageTs}`);
}

/**
 * The message ts pins.remove takes (channel and timestamp are two arguments, never a joined id);
 * an older key that is the bare ts is read as one.
 */
export function pinTimestamp(ref: PlatformRef): string {
  const at = ref.id.lastIndexOf(PIN_REF_SEPARATOR);
  return at < 0 ? ref.id : ref.id.slice(at + 1);
}

/**
 * A pinned message, known by its channel and ts (pinRef). It changed when it was posted, edited
 * or pinned: pinning an old message is someone vouching for it. File pins (a legacy form) are
 * left out: files are listed on their own.
 */
export function pinnedMessageItem(group: PlatformRef, pin: PinnedItem): PlatformContentItem | null {
  const message: PinnedMessage | undefined = pin.message;
  if (pin.type !== 'message' || !message?.ts) return null;
  return {
    kind: 'pinned_message',
    ref: pinRef(group, message.ts),
    title: firstLine(message.text ?? '') || message.permalink || message.ts,
    link: message.permalink ?? null,
    lastChangedAt: latest(message.ts, message.edited?.ts, pin.created),
  };
}

/** A bookmark, known by its id; Slack says `date_updated: 0` for one never edited. */
export function bookmarkItem(group: PlatformRef, bookmark: Bookmark): PlatformContentItem | null {
  if (!bookmark.id) return null;
  return {
    kind: 'bookmark',
    ref: itemRef(group, bookmark.id),
    title: bookmark.title || bookmark.link || bookmark.id,
    link: bookmark.link ?? null,
    lastChangedAt: latest(bookmark.date_created, bookmark.date_updated),
  };
}

/**
 * A file or a canvas, known by its file id whichever way it was found: files.list, or as the
 * channel's canvas (which is a canvas whatever its filetype says).
 */
export function fileItem(group: PlatformRef, file: SlackFile, channelCanvas = false): PlatformContentItem | null {
  if (!file.id) return null;
  return {
    kind: channelCanvas || CANVAS_FILETYPES.has(file.filetype ?? '') ? 'canvas' : 'file',
    ref: itemRef(group, file.id),
    title: file.title || file.name || file.id,
    link: file.permalink ?? null,
    lastChangedAt: latest(file.created, file.timestamp, file.updated, file.edit_timestamp),
  };
}

/**
 * What conversations.info says of a channel's canvases; the SDK's types leave these fields out.
 * `properties.canvas.file_id` is documented (https://docs.slack.dev/reference/methods/
 * conversations.canvases.create: "You can find the ID of the canvas in the channel.properties.canvas
 * section in the response of a conversations.info request"); newer channels show their canvases as
 * `properties.tabs` entries of type "canvas" with `data.file_id` instead, so both are read.
 */
export interface ChannelCanvasProperties {
  readonly canvas?: { readonly file_id?: string; readonly is_empty?: boolean } | null;
  readonly tabs?: readonly { readonly type?: string; readonly data?: { readonly file_id?: string } | null }[] | null;
}

/** A channel's canvases to list, each once; an empty channel canvas holds nothing to review. */
export function channelCanvasIds(properties: ChannelCanvasProperties | undefined, max: number): string[] {
  const canvas = properties?.canvas;
  const ids = [
    ...(canvas?.file_id && canvas.is_empty !== true ? [canvas.file_id] : []),
    ...(properties?.tabs ?? []).flatMap((tab) =>
      tab.type === 'canvas' && tab.data?.file_id ? [tab.data.file_id] : [],
    ),
  ];
  return [...new Set(ids)].slice(0, max);
}
