import { randomUUID } from 'node:crypto';
import { slackFixture } from './slack-requests.ts';

/** A message someone posts in a channel, or a reply in one of its threads. */
export interface SlackChannelMessage {
  readonly user: string;
  /** Its Slack timestamp, `seconds.micro`; also its `event_ts`, and the event's time. */
  readonly ts: string;
  readonly text: string;
  /** The Events API's id of the delivery: a new one for each message. */
  readonly eventId: string;
  /** The channel; the recording's (#design, C0DESIGN) when not given. */
  readonly channel?: string;
  /** The thread it replies in: the first message's ts, and who wrote it. */
  readonly thread?: { readonly ts: string; readonly parentUser: string };
}

/**
 * The `message` event Slack sends for it (https://docs.slack.dev/reference/events/message), as the
 * JSON body to post: test/fixtures/slack/message.json as recorded, its fields set as an object.
 */
export function slackMessageEvent(message: SlackChannelMessage): string {
  const body = JSON.parse(slackFixture('message.json')) as {
    event: Record<string, unknown>;
    event_id: string;
    event_time: number;
  };
  body.event = {
    ...body.event,
    user: message.user,
    ts: message.ts,
    event_ts: message.ts,
    client_msg_id: randomUUID(),
    text: message.text,
    ...(message.channel ? { channel: message.channel } : {}),
    ...(message.thread ? { thread_ts: message.thread.ts, parent_user_id: message.thread.parentUser } : {}),
  };
  body.event_id = message.eventId;
  body.event_time = Math.floor(Number(message.ts));
  return JSON.stringify(body);
}

/**
 * The same Events API body from another workspace: every field that names the workspace (the
 * envelope's `team_id` and `context_team_id`, the event's `team`, each authorization's `team_id`)
 * names `workspace` instead, set as an object; fields the body lacks stay absent.
 */
export function fromWorkspace(body: string, workspace: string): string {
  const parsed = JSON.parse(body) as {
    team_id?: string;
    context_team_id?: string;
    event?: Record<string, unknown>;
    authorizations?: Record<string, unknown>[];
  };
  const moved = {
    ...parsed,
    team_id: workspace,
    ...('context_team_id' in parsed ? { context_team_id: workspace } : {}),
    ...(parsed.event && 'team' in parsed.event ? { event: { ...parsed.event, team: workspace } } : {}),
    ...(parsed.authorizations
      ? { authorizations: parsed.authorizations.map((grant) => ({ ...grant, team_id: workspace })) }
      : {}),
  };
  return JSON.stringify(moved);
}
