// Bot-token scopes of every Slack Web API method the Slack edge may call, for the way Group
// Steward calls it. manifest:check turns each method found in apps/slack/src into these scopes and
// fails on a method missing here, so add a row (with its source) before calling a new method.
//
// Sources: each method's reference page, https://docs.slack.dev/reference/methods/<method>, found
// through the docs search corpus; the scope lists were read from the "Facts" of those pages as
// copied in smstoslack/slack_kit priv/docs/methods/<method>.json (checked late 2026).

export interface ScopeRule {
  /** Every scope the call needs; empty when the method needs none. */
  readonly scopes: readonly string[];
  /** Where the mapping was checked, and why this subset when the page lists alternatives. */
  readonly source: string;
}

export const METHOD_SCOPES: Readonly<Record<string, ScopeRule>> = {
  'auth.test': {
    scopes: [],
    source: 'docs.slack.dev/reference/methods/auth.test: no scopes',
  },
  'bookmarks.list': {
    scopes: ['bookmarks:read'],
    source: 'docs.slack.dev/reference/methods/bookmarks.list: bot scope bookmarks:read',
  },
  'bookmarks.remove': {
    scopes: ['bookmarks:write'],
    source: 'docs.slack.dev/reference/methods/bookmarks.remove: bot scope bookmarks:write',
  },
  'chat.postEphemeral': {
    scopes: ['chat:write'],
    source: 'docs.slack.dev/reference/methods/chat.postEphemeral; the chat:write scope page lists it among its methods',
  },
  'chat.postMessage': {
    scopes: ['chat:write'],
    source:
      'docs.slack.dev/reference/methods/chat.postMessage: bot scope chat:write; also listed on the chat:write scope page',
  },
  'chat.update': {
    scopes: ['chat:write'],
    source:
      'docs.slack.dev/reference/methods/chat.update: bot scope chat:write; also listed on the chat:write scope page',
  },
  'conversations.info': {
    // Tracked channels are public or private, so both read scopes are needed.
    scopes: ['channels:read', 'groups:read'],
    source:
      'docs.slack.dev/reference/methods/conversations.info: channels:read, groups:read, im:read, mpim:read by conversation type',
  },
  'conversations.invite': {
    // The page also accepts the narrower channels:write.invites / groups:write.invites; the Slack
    // edge's contract asks for channels:manage and groups:write.
    scopes: ['channels:manage', 'groups:write'],
    source:
      'docs.slack.dev/reference/methods/conversations.invite: channels:manage or channels:write.invites (public), groups:write or groups:write.invites (private)',
  },
  'conversations.archive': {
    scopes: ['channels:manage', 'groups:write'],
    source: 'docs.slack.dev/reference/methods/conversations.archive: channels:manage (public), groups:write (private)',
  },
  'conversations.join': {
    scopes: ['channels:join'],
    source: 'docs.slack.dev/reference/methods/conversations.join: bot scope channels:join',
  },
  'conversations.members': {
    scopes: ['channels:read', 'groups:read'],
    source:
      'docs.slack.dev/reference/methods/conversations.members: channels:read, groups:read, im:read, mpim:read by conversation type',
  },
  'conversations.history': {
    // Read to find a card a crash may have sent already, in a DM (im:history) or a group's public or
    // private channel (channels:history, groups:history), and by `steward backfill` in a channel.
    scopes: ['channels:history', 'groups:history', 'im:history'],
    source:
      'docs.slack.dev/reference/methods/conversations.history: channels:history, groups:history, im:history, mpim:history by conversation type',
  },
  'conversations.replies': {
    // A thread's replies, read by `steward backfill` in a group's public or private channel.
    scopes: ['channels:history', 'groups:history'],
    source:
      'docs.slack.dev/reference/methods/conversations.replies: channels:history, groups:history, im:history, mpim:history by conversation type',
  },
  'conversations.open': {
    // Only 1:1 DMs are opened; the page's other scopes are for channels and group DMs.
    scopes: ['im:write'],
    source:
      'docs.slack.dev/reference/methods/conversations.open: channels:manage, groups:write, im:write, mpim:write by conversation type; a 1:1 DM needs im:write',
  },
  'files.list': {
    scopes: ['files:read'],
    source: 'docs.slack.dev/reference/methods/files.list: bot scope files:read',
  },
  'files.info': {
    scopes: ['files:read'],
    source: 'docs.slack.dev/reference/methods/files.info: bot scope files:read (Tier 4)',
  },
  'pins.list': {
    scopes: ['pins:read'],
    source: 'docs.slack.dev/reference/methods/pins.list: bot scope pins:read',
  },
  'pins.remove': {
    scopes: ['pins:write'],
    source: 'docs.slack.dev/reference/methods/pins.remove: bot scope pins:write',
  },
  'users.info': {
    // The e-mail field is only returned with users:read.email, which Slack grants only together
    // with users:read.
    scopes: ['users:read', 'users:read.email'],
    source:
      'docs.slack.dev/reference/methods/users.info: bot scope users:read; api.slack.com/scopes/users:read.email: required for the email field of users.info',
  },
  'views.open': {
    scopes: [],
    source: 'docs.slack.dev/reference/methods/views.open: no scopes',
  },
  'views.publish': {
    scopes: [],
    source: 'docs.slack.dev/reference/methods/views.publish: no scopes (needs the Home tab enabled)',
  },
  'views.update': {
    scopes: [],
    source: 'docs.slack.dev/reference/methods/views.update: no scopes',
  },
};
