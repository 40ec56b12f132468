/**
 * The bot scopes the app asks for when installed through OAuth. They must equal the manifest's:
 * `npm run manifest:check` compares both with what the code listens to and calls.
 */
export const SLACK_BOT_SCOPES = [
  'bookmarks:read',
  'bookmarks:write',
  'channels:history',
  'channels:join',
  'channels:manage',
  'channels:read',
  'chat:write',
  'commands',
  'files:read',
  'groups:history',
  'groups:read',
  'groups:write',
  'im:history',
  'im:write',
  'pins:read',
  'pins:write',
  'reactions:read',
  'users:read',
  'users:read.email',
] as const;
