// Bot scopes each Events API event needs before Slack delivers it, and the scope slash commands
// need. manifest:check fails on an event missing here, so add a row (with its source) before
// subscribing to a new event.
//
// Sources: each event's reference page, https://docs.slack.dev/reference/events/<event>, found
// through the docs search corpus. Where the stored copy of a page did not show its scope list, the
// scope was read from team-at-cpan/Net-Async-Slack lib/Net/Async/Slack/Event/*.pm, which is
// generated from those pages (checked late 2026).

import type { ScopeRule } from './method-scopes.ts';

export const EVENT_SCOPES: Readonly<Record<string, ScopeRule>> = {
  app_home_opened: {
    scopes: [],
    source: 'api.slack.com/events/app_home_opened: an app event, needs only an installed bot user; no scope listed',
  },
  // Slack sends app_uninstalled and tokens_revoked only to apps subscribed to them, so they are
  // listed in bot_events like the others.
  app_uninstalled: {
    scopes: [],
    source:
      'api.slack.com/events/app_uninstalled: "sent via subscription whenever a Slack app is completely uninstalled"; no scope listed',
  },
  channel_archive: {
    scopes: ['channels:read'],
    source:
      'docs.slack.dev/reference/events/channel_archive: a public channel was archived; Net-Async-Slack Event/ChannelArchive.pm lists no scope, PLATFORMS.md Wave 2 §2 (per the event pages): channels:read',
  },
  channel_deleted: {
    scopes: ['channels:read'],
    source: 'docs.slack.dev/reference/events/channel_deleted; Net-Async-Slack Event/ChannelDeleted.pm: channels:read',
  },
  channel_rename: {
    scopes: ['channels:read'],
    source: 'docs.slack.dev/reference/events/channel_rename; Net-Async-Slack Event/ChannelRename.pm: channels:read',
  },
  channel_unarchive: {
    scopes: ['channels:read'],
    source:
      'docs.slack.dev/reference/events/channel_unarchive; Net-Async-Slack Event/ChannelUnarchive.pm: channels:read',
  },
  file_shared: {
    scopes: ['files:read'],
    source: 'docs.slack.dev/reference/events/file_shared; Net-Async-Slack Event/FileShared.pm: files:read',
  },
  group_archive: {
    scopes: ['groups:read'],
    source:
      'docs.slack.dev/reference/events/group_archive (the new page says no scope); Net-Async-Slack Event/GroupArchive.pm: groups:read, which private channels need anyway',
  },
  group_deleted: {
    scopes: ['groups:read'],
    source: 'docs.slack.dev/reference/events/group_deleted; Net-Async-Slack Event/GroupDeleted.pm: groups:read',
  },
  group_rename: {
    scopes: ['groups:read'],
    source: 'docs.slack.dev/reference/events/group_rename; Net-Async-Slack Event/GroupRename.pm: groups:read',
  },
  group_unarchive: {
    scopes: ['groups:read'],
    source: 'docs.slack.dev/reference/events/group_unarchive; Net-Async-Slack Event/GroupUnarchive.pm: groups:read',
  },
  member_joined_channel: {
    // Public channels need channels:read, private ones groups:read; Steward tracks both.
    scopes: ['channels:read', 'groups:read'],
    source:
      'docs.slack.dev/reference/events/member_joined_channel: "if your bot or app has the channels:read scope, it will receive events for public channels. If it has groups:read, it will receive events for private channels"',
  },
  member_left_channel: {
    scopes: ['channels:read', 'groups:read'],
    source:
      'docs.slack.dev/reference/events/member_left_channel: delivered to tokens with channels:read or groups:read, by channel type',
  },
  'message.channels': {
    scopes: ['channels:history'],
    source:
      'docs.slack.dev/reference/events/message.channels; the channels:history scope page lists it; Net-Async-Slack Event/MessageChannels.pm: channels:history',
  },
  'message.groups': {
    scopes: ['groups:history'],
    source: 'api.slack.com/events/message.groups; Net-Async-Slack Event/MessageGroups.pm: groups:history',
  },
  pin_added: {
    scopes: ['pins:read'],
    source: 'docs.slack.dev/reference/events/pin_added; Net-Async-Slack Event/PinAdded.pm: pins:read',
  },
  pin_removed: {
    scopes: ['pins:read'],
    source: 'docs.slack.dev/reference/events/pin_removed; Net-Async-Slack Event/PinRemoved.pm: pins:read',
  },
  reaction_added: {
    scopes: ['reactions:read'],
    source: 'docs.slack.dev/reference/events/reaction_added; Net-Async-Slack Event/ReactionAdded.pm: reactions:read',
  },
  reaction_removed: {
    scopes: ['reactions:read'],
    source:
      'docs.slack.dev/reference/events/reaction_removed; Net-Async-Slack Event/ReactionRemoved.pm: reactions:read',
  },
  tokens_revoked: {
    scopes: [],
    source:
      'docs.slack.dev/reference/events/tokens_revoked: "No scopes required!"; "sent via the Events API to your app if it is subscribed"',
  },
  user_change: {
    scopes: ['users:read'],
    source: 'docs.slack.dev/reference/events/user_change; Net-Async-Slack Event/UserChange.pm: users:read',
  },
};

export const COMMAND_SCOPES: ScopeRule = {
  scopes: ['commands'],
  source: 'docs.slack.dev/reference/scopes/commands: "This scope enables shortcuts and slash commands for a workspace"',
};
