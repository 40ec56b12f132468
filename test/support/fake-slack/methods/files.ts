import { type SeedFile, unixSeconds } from '../world.ts';
import { fail, type MethodHandler, stringArg } from './context.ts';

const DEFAULT_COUNT = 100;

function fileObject(channel: string, file: SeedFile): Record<string, unknown> {
  const canvas = file.filetype === 'quip' || file.filetype === 'canvas';
  return {
    id: file.id,
    created: unixSeconds(file.createdAt),
    timestamp: unixSeconds(file.createdAt),
    name: file.name ?? file.title,
    title: file.title,
    mimetype: canvas ? 'application/vnd.slack-docs' : 'application/octet-stream',
    filetype: file.filetype,
    pretty_type: canvas ? 'Canvas' : file.filetype.toUpperCase(),
    user: file.user ?? 'U0000AUTHOR',
    is_public: true,
    url_private: `https://files.fake.slack.com/files-pri/${file.id}/${encodeURIComponent(file.name ?? file.title)}`,
    permalink: `https://fake.slack.com/files/${file.user ?? 'U0000AUTHOR'}/${file.id}`,
    channels: [channel],
    ...(file.updatedAt ? { updated: unixSeconds(file.updatedAt) } : {}),
  };
}

/** Pages as Slack does (`count`, `page`, `paging`); an unknown channel lists nothing. */
export const list: MethodHandler = ({ world, params }) => {
  const channelId = stringArg(params, 'channel');
  const channels =
    channelId === undefined
      ? [...world.channels.values()]
      : [world.channels.get(channelId)].filter((c) => c !== undefined);
  const files = channels.flatMap((channel) =>
    channel.files.filter((file) => file.sharedInChannel !== false).map((file) => fileObject(channel.id, file)),
  );
  const count = Number(params.count ?? DEFAULT_COUNT) || DEFAULT_COUNT;
  const page = Number(params.page ?? 1) || 1;
  return {
    files: files.slice((page - 1) * count, page * count),
    paging: { count, total: files.length, page, pages: Math.max(1, Math.ceil(files.length / count)) },
  };
};

/**
 * https://docs.slack.dev/reference/methods/files.info: `{ file, comments, response_metadata }`
 * for any file of the workspace the app can see, or `file_not_found`.
 */
export const info: MethodHandler = ({ world, params }) => {
  const id = stringArg(params, 'file');
  for (const channel of world.channels.values()) {
    const file = channel.files.find((f) => f.id === id);
    if (file) return { file: fileObject(channel.id, file), comments: [], response_metadata: { next_cursor: '' } };
  }
  return fail('file_not_found');
};
