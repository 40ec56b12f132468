import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Typed builders of the activities Teams posts to a bot, from the recorded payloads in
 * test/fixtures/teams. Tests change an activity as an object, never its JSON text.
 *
 * The activity object: https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-api-reference#activity-object
 * Teams' fields (channelData, clientInfo entity): https://learn.microsoft.com/microsoftteams/platform/bots/how-to/conversations/conversation-messages
 */
export type TeamsFixtureName =
  | 'card-action.json'
  | 'channel-message-thread-ids.json'
  | 'channel-message.json'
  | 'channel-reply-thread-ids.json'
  | 'channel-reply.json'
  | 'installation-update-remove.json'
  | 'installation-update-team.json'
  | 'message-reaction.json'
  | 'personal-message.json'
  | 'team-event.json'
  | 'team-member-added.json';

export interface TeamsAccount {
  id: string;
  name?: string;
  aadObjectId?: string;
}

/** The clientInfo entity: where the sender's client is (their time zone and locale). */
export interface ClientInfo {
  type: 'clientInfo';
  locale?: string;
  country?: string;
  platform?: string;
  timezone?: string;
}

export interface TeamsActivity {
  type: string;
  id: string;
  name?: string;
  timestamp?: string;
  localTimestamp?: string;
  serviceUrl: string;
  channelId: string;
  from: TeamsAccount;
  conversation: { id: string; conversationType?: string; tenantId?: string; isGroup?: boolean; name?: string };
  recipient: TeamsAccount;
  text?: string;
  textFormat?: string;
  entities?: (ClientInfo | Record<string, unknown>)[];
  value?: unknown;
  channelData?: Record<string, unknown>;
  replyToId?: string;
  locale?: string;
  localTimezone?: string;
  [field: string]: unknown;
}

/** An `adaptiveCard/action` invoke: a button pressed on one of our cards. */
export interface CardActionActivity extends TeamsActivity {
  type: 'invoke';
  name: 'adaptiveCard/action';
  value: { action: { type: 'Action.Execute'; verb: string; data: Record<string, unknown> }; trigger: string };
}

/** Where the activities come from: the tenant and team, the connector's service URL, our app. */
export interface TeamsPlace {
  readonly tenantId: string;
  readonly teamId: string;
  readonly serviceUrl: string;
  readonly appId: string;
}

/** Who sends it: their Entra object id and display name (the Bot Framework id is derived from it). */
export interface TeamsSender {
  readonly aadObjectId: string;
  readonly name: string;
}

/**
 * A recorded activity, its placeholders (`__TENANT__`, `__TEXT__`…) filled. Each value goes inside
 * a JSON string, escaped, so any text is safe; an invoke gets an id of its own, as in Teams.
 */
export function teamsActivity(name: TeamsFixtureName, fill: Readonly<Record<string, string>>): TeamsActivity {
  let text = readFileSync(join(import.meta.dirname, '../fixtures/teams', name), 'utf8');
  for (const [placeholder, value] of Object.entries({ __INVOKE_ID__: `f:${randomUUID()}`, ...fill })) {
    text = text.replaceAll(placeholder, JSON.stringify(value).slice(1, -1));
  }
  return JSON.parse(text) as TeamsActivity;
}

/** The placeholders of a place and a sender, as every fixture names them. */
export function placeholders(place: TeamsPlace, from?: TeamsSender): Record<string, string> {
  return {
    __TENANT__: place.tenantId,
    __TEAM__: place.teamId,
    __SERVICE_URL__: place.serviceUrl,
    __APP_ID__: place.appId,
    ...(from
      ? { __FROM_AAD__: from.aadObjectId, __FROM_BF_ID__: `29:${from.aadObjectId}`, __FROM_NAME__: from.name }
      : {}),
  };
}

/** A message written to the bot in a 1:1 chat; `conversationId` is the chat the connector made. */
export function personalMessage(
  place: TeamsPlace,
  from: TeamsSender,
  text: string,
  options: { readonly id: string; readonly conversationId?: string },
): TeamsActivity {
  const activity = teamsActivity('personal-message.json', {
    ...placeholders(place, from),
    __TEXT__: text,
    __MESSAGE_ID__: options.id,
  });
  if (options.conversationId) activity.conversation.id = options.conversationId;
  return activity;
}

/**
 * A button of one of our cards pressed: Universal Actions' `adaptiveCard/action` invoke with the
 * action's verb and data (https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/universal-actions-for-adaptive-cards/work-with-universal-actions-for-adaptive-cards).
 */
export function cardAction(
  place: TeamsPlace,
  from: TeamsSender,
  verb: string,
  data: Record<string, unknown>,
): CardActionActivity {
  const activity = teamsActivity('card-action.json', {
    ...placeholders(place, from),
    __VERB__: verb,
  }) as CardActionActivity;
  activity.value.action.data = data;
  return activity;
}

/** The same activity sent from a client elsewhere: its clientInfo entity, locale and time zone changed together. */
export function fromRegion<T extends TeamsActivity>(
  activity: T,
  region: { readonly timeZone: string; readonly locale: string },
): T {
  const entities = (activity.entities ?? []).map((entity) =>
    entity['type'] === 'clientInfo'
      ? { ...entity, timezone: region.timeZone, locale: region.locale, country: region.locale.split('-')[1] }
      : entity,
  );
  return { ...activity, entities, locale: region.locale, localTimezone: region.timeZone };
}

/** The General channel of the recorded team in test/fixtures/teams; a team's thread id is its General channel's. */
export const RECORDED_GENERAL_CHANNEL = '19:design-general@thread.tacv2';

/**
 * The same activity from a team whose General channel is `channelId`: each field of it that names
 * the recorded team's General channel (the conversation, keeping its `;messageid=` thread, and
 * channelData's channel, team and selected channel) names this one instead. Fields the recording
 * lacks stay absent, as Teams leaves them out.
 */
export function inGeneralChannel<T extends TeamsActivity>(activity: T, channelId: string): T {
  const data = activity.channelData ?? {};
  const renamed = (field: unknown) =>
    field && typeof field === 'object' ? { ...(field as Record<string, unknown>), id: channelId } : field;
  const settings = data['settings'] as { selectedChannel?: unknown } | undefined;
  const channelData: Record<string, unknown> = {
    ...data,
    ...('teamsChannelId' in data ? { teamsChannelId: channelId } : {}),
    ...('teamsTeamId' in data ? { teamsTeamId: channelId } : {}),
    ...('channel' in data ? { channel: renamed(data['channel']) } : {}),
    ...('team' in data ? { team: renamed(data['team']) } : {}),
    ...(settings?.selectedChannel
      ? { settings: { ...settings, selectedChannel: renamed(settings.selectedChannel) } }
      : {}),
  };
  const thread = activity.conversation.id.split(';').slice(1);
  const conversation = { ...activity.conversation, id: [channelId, ...thread].join(';') };
  return { ...activity, conversation, channelData };
}

/** A message posted in a team's channel, or a reply in one of its threads. */
export interface ChannelPost {
  /** Its id: in Teams, the time it was posted in milliseconds. */
  readonly id: string;
  /** When it was posted (ISO), its `timestamp` and `localTimestamp`. */
  readonly at: string;
  readonly text: string;
  /** The thread's first message id: the post is a reply in that thread. */
  readonly replyTo?: string;
  /** The client's locale; the recording's when not given. */
  readonly locale?: string;
  /** The team's General channel, where it is posted; the recording's when not given. */
  readonly channel?: string;
  /**
   * As Teams sends it for some teams, naming the team by its thread id only, without its
   * `aadGroupId` (test/fixtures/teams/channel-*-thread-ids.json).
   */
  readonly teamByThreadIdOnly?: boolean;
}

/**
 * A channel message or reply as the Bot Connector delivers it to a bot in the team
 * (https://learn.microsoft.com/microsoftteams/platform/bots/how-to/conversations/channel-and-group-conversations):
 * the recorded one, from `from`, with the post's id, time, text and thread.
 */
export function channelMessage(place: TeamsPlace, from: TeamsSender, post: ChannelPost): TeamsActivity {
  const recorded: TeamsFixtureName = post.replyTo
    ? post.teamByThreadIdOnly
      ? 'channel-reply-thread-ids.json'
      : 'channel-reply.json'
    : post.teamByThreadIdOnly
      ? 'channel-message-thread-ids.json'
      : 'channel-message.json';
  const activity = teamsActivity(recorded, placeholders(place));
  Object.assign(activity, {
    id: post.id,
    timestamp: post.at,
    localTimestamp: post.at,
    text: post.text,
    from: { id: `29:${from.aadObjectId}`, name: from.name, aadObjectId: from.aadObjectId },
    ...(post.locale ? { locale: post.locale } : {}),
    ...(post.replyTo ? { replyToId: post.replyTo } : {}),
  });
  activity.conversation.id = `${RECORDED_GENERAL_CHANNEL};messageid=${post.replyTo ?? post.id}`;
  return post.channel ? inGeneralChannel(activity, post.channel) : activity;
}
