import * as auth from './auth.ts';
import * as bookmarks from './bookmarks.ts';
import * as chat from './chat.ts';
import type { MethodHandler } from './context.ts';
import * as conversations from './conversations.ts';
import * as files from './files.ts';
import * as history from './history.ts';
import * as pins from './pins.ts';
import * as users from './users.ts';
import * as views from './views.ts';

export interface FakeMethodSpec {
  readonly handler: MethodHandler;
  /** The call needs one of these bot scopes (simplified: Slack picks by channel type). */
  readonly scopes: readonly string[];
}

/** The Web API methods the fake answers; any other is `unknown_method`. */
export const METHODS = {
  'auth.test': { handler: auth.test, scopes: [] },
  'conversations.invite': {
    handler: conversations.invite,
    scopes: ['channels:manage', 'groups:write', 'channels:write.invites', 'groups:write.invites'],
  },
  'conversations.archive': { handler: conversations.archive, scopes: ['channels:manage', 'groups:write'] },
  'conversations.join': { handler: conversations.join, scopes: ['channels:join'] },
  'conversations.info': { handler: conversations.info, scopes: ['channels:read', 'groups:read', 'im:read'] },
  'conversations.members': { handler: conversations.members, scopes: ['channels:read', 'groups:read', 'im:read'] },
  'conversations.history': { handler: history.history, scopes: ['channels:history', 'groups:history', 'im:history'] },
  'conversations.replies': { handler: history.replies, scopes: ['channels:history', 'groups:history', 'im:history'] },
  'conversations.open': { handler: history.open, scopes: ['im:write'] },
  'chat.postMessage': { handler: chat.postMessage, scopes: ['chat:write'] },
  'chat.update': { handler: chat.update, scopes: ['chat:write'] },
  'chat.postEphemeral': { handler: chat.postEphemeral, scopes: ['chat:write'] },
  'pins.list': { handler: pins.list, scopes: ['pins:read'] },
  'pins.remove': { handler: pins.remove, scopes: ['pins:write'] },
  'bookmarks.list': { handler: bookmarks.list, scopes: ['bookmarks:read'] },
  'bookmarks.remove': { handler: bookmarks.remove, scopes: ['bookmarks:write'] },
  'files.list': { handler: files.list, scopes: ['files:read'] },
  'files.info': { handler: files.info, scopes: ['files:read'] },
  'users.info': { handler: users.info, scopes: ['users:read'] },
  'views.publish': { handler: views.publish, scopes: [] },
  'views.open': { handler: views.open, scopes: [] },
  'views.update': { handler: views.update, scopes: [] },
} as const satisfies Record<string, FakeMethodSpec>;

export type FakeMethod = keyof typeof METHODS;

export function isFakeMethod(name: string): name is FakeMethod {
  return Object.hasOwn(METHODS, name);
}
