import { type SeedBookmark, unixSeconds } from '../world.ts';
import { fail, type MethodHandler, stringArg, visibleChannel } from './context.ts';

function bookmarkObject(channel: string, bookmark: SeedBookmark): Record<string, unknown> {
  return {
    id: bookmark.id,
    channel_id: channel,
    title: bookmark.title,
    link: bookmark.link,
    emoji: null,
    icon_url: null,
    type: 'link',
    entity_id: null,
    date_created: unixSeconds(bookmark.createdAt),
    // Slack says 0 for a bookmark never edited.
    date_updated: bookmark.updatedAt ? unixSeconds(bookmark.updatedAt) : 0,
    rank: 'a',
    last_updated_by_user_id: 'U0000EDITOR',
    shortcut_id: null,
    app_id: null,
  };
}

export const list: MethodHandler = ({ world, params }) => {
  const channel = visibleChannel(world, stringArg(params, 'channel_id'));
  return { bookmarks: channel.bookmarks.map((bookmark) => bookmarkObject(channel.id, bookmark)) };
};

export const remove: MethodHandler = ({ world, params }) => {
  const channel = visibleChannel(world, stringArg(params, 'channel_id'));
  const index = channel.bookmarks.findIndex((bookmark) => bookmark.id === stringArg(params, 'bookmark_id'));
  if (index < 0) fail('not_found');
  channel.bookmarks.splice(index, 1);
  return {};
};
