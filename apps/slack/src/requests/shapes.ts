import { z } from 'zod';

// The shapes of what Slack posts to /slack/events, for the fields that Bolt and our listeners read.
// A field read is absent or of its documented type: an id is a string, never a number, an array or
// {"$gt": ""}. Fields nobody reads pass whatever they hold, and content is not judged here: a
// message whose ts is "abc", or whose author Slack does not know, is well formed, and the core
// parks it with its reason. Payloads as documented under https://docs.slack.dev/reference/.

const id = z.string().min(1);
/** A string a listener reads when present (through `str()` or `??`, which also take null). */
const maybeText = z.string().nullish();

/**
 * What Bolt reads from every event before any listener runs (App.processEvent: getTypeAndConversation,
 * buildSource): a `channel` or `item` that is not an object makes it throw, hence a 500.
 */
const anyEvent = z.object({
  type: id,
  user: z.union([z.string(), z.object({ id: z.string() })]).optional(),
  channel: z.union([z.string(), z.object({ id: z.string().optional(), creator: z.string().optional() })]).optional(),
  channel_id: z.string().optional(),
  item: z.object({ channel: z.string().optional() }).optional(),
  subteam: z.object({ created_by: z.string().optional() }).optional(),
});

// A contribution's fields may be missing (events/to-activity.ts passes them on, the core parks
// them), but not null where Bolt reads them first: it takes a null `user` or `channel` for an object.
const activity = anyEvent.extend({
  user: z.string().optional(),
  channel: z.string().optional(),
  ts: maybeText,
  event_ts: maybeText,
  team: maybeText,
});

// …/events/pin_added and pin_removed: the pinned item, with its message when it is one.
const pin = anyEvent.extend({
  channel_id: id,
  event_ts: id,
  item: z.object({ type: z.string(), message: z.object({ ts: maybeText, permalink: maybeText }).nullish() }),
});

/** Shapes of each event a listener reads beyond what every event has (listeners/events.ts, groups.ts). */
const EVENT_SHAPES: Readonly<Record<string, z.ZodType>> = {
  // …/events/message: channel, user, ts; thread_ts on replies; subtype and bot_id on the others.
  message: activity.extend({ thread_ts: maybeText, subtype: maybeText, bot_id: maybeText, text: maybeText }),
  // …/events/reaction_added: the item has no channel when it is a file.
  reaction_added: activity.extend({ item: z.object({ type: z.string(), channel: maybeText }) }),
  member_left_channel: activity,
  // …/events/member_joined_channel: `inviter` only when someone invited.
  member_joined_channel: activity.extend({ inviter: maybeText }),
  // …/events/file_shared: channel_id, file_id, user_id, event_ts.
  file_shared: anyEvent.extend({ channel_id: id, file_id: id, user_id: maybeText, event_ts: id }),
  // …/events/user_change: a whole user object.
  user_change: anyEvent.extend({
    user: z.object({
      id,
      team_id: maybeText,
      tz: maybeText,
      locale: maybeText,
      deleted: z.boolean().nullish(),
      is_bot: z.boolean().nullish(),
      real_name: maybeText,
      name: maybeText,
      profile: z.object({ email: maybeText, real_name: maybeText, display_name: maybeText }).nullish(),
    }),
  }),
  pin_added: pin,
  pin_removed: pin,
  // …/events/tokens_revoked: the user and bot ids whose tokens were revoked.
  tokens_revoked: anyEvent.extend({
    tokens: z.object({ oauth: z.array(z.string()).nullish(), bot: z.array(z.string()).nullish() }),
  }),
  // …/events/app_home_opened
  app_home_opened: anyEvent.extend({ user: id, tab: maybeText }),
  // …/events/channel_rename and group_rename: the channel's id and new name.
  channel_rename: anyEvent.extend({ channel: z.object({ id, name: z.string() }) }),
  group_rename: anyEvent.extend({ channel: z.object({ id, name: z.string() }) }),
};

// …/apis/events-api ("Callback field overview"): `authorizations[0].team_id` is null for an org-wide install.
const authorization = z.object({
  team_id: maybeText,
  enterprise_id: maybeText,
  user_id: maybeText,
  is_bot: z.boolean().optional(),
  is_enterprise_install: z.boolean().optional(),
});
const eventCallback = z.object({
  team_id: id,
  enterprise_id: maybeText,
  event_id: id,
  event_time: z.number().optional(),
  authorizations: z.array(authorization).optional(),
  event: z.object({ type: id }),
});
const urlVerification = z.object({ challenge: z.string() });
// …/events/app_rate_limited: Slack only tells; there is nothing to do but answer.
const appRateLimited = z.object({ team_id: id, minute_rate_limited: z.number() });

/** The Events API's envelopes (…/apis/events-api); their `type` says which. */
const ENVELOPES = {
  event_callback: eventCallback,
  url_verification: urlVerification,
  app_rate_limited: appRateLimited,
} as const;

// …/interaction-payloads: `team` is null when the app is installed org-wide; Bolt reads `user.id`,
// `team.id`, `enterprise.id`, the first of `actions`, `view` and `response_urls` before any listener.
const interaction = z.object({
  type: id,
  team: z.object({ id, enterprise_id: maybeText }).nullish(),
  user: z.object({ id, team_id: maybeText }),
  enterprise: z.object({ id }).nullish(),
  is_enterprise_install: z.boolean().nullish(),
  trigger_id: maybeText,
  response_url: maybeText,
  response_urls: z.array(z.object({ response_url: z.string() })).nullish(),
  channel: z.object({ id }).nullish(),
  actions: z.array(z.object({})).min(1).optional(),
  view: z.object({}).optional(),
});
// …/interaction-payloads/view-interactions-payload: what listeners/modal-submissions.ts reads of a view.
const stateValue = z.object({ value: maybeText, selected_option: z.object({ value: z.string() }).nullish() });
const view = z.object({
  callback_id: z.string(),
  private_metadata: maybeText,
  app_installed_team_id: maybeText,
  state: z.object({ values: z.record(z.string(), z.record(z.string(), stateValue)) }).nullish(),
});

/** Interactions Bolt routes (helpers.ts getTypeAndConversation); a type it does not know it never answers. */
const INTERACTIONS: Readonly<Record<string, z.ZodType>> = {
  // …/interaction-payloads/block_actions-payload
  block_actions: interaction.extend({
    actions: z.array(z.object({ action_id: z.string(), value: maybeText })).min(1),
    message: z.object({ ts: maybeText }).nullish(),
  }),
  view_submission: interaction.extend({ view }),
  view_closed: interaction.extend({ view }),
  // …/interaction-payloads/block_suggestion-payload
  block_suggestion: interaction.extend({ action_id: z.string(), value: z.string() }),
  // …/interaction-payloads/shortcuts-interaction-payload
  shortcut: interaction.extend({ callback_id: z.string() }),
  message_action: interaction.extend({ callback_id: z.string() }),
  interactive_message: interaction,
  dialog_submission: interaction,
  dialog_suggestion: interaction,
  dialog_cancellation: interaction,
};

// …/interactivity/implementing-slash-commands: every field a string; a repeated one would be an array.
const slashCommand = z.object({
  command: id,
  text: z.string(),
  team_id: id,
  user_id: id,
  channel_id: id,
  trigger_id: id,
  response_url: z.url({ protocol: /^https?$/ }),
  enterprise_id: z.string().optional(),
  is_enterprise_install: z.string().optional(),
});
const sslCheck = z.object({ ssl_check: z.string() });

/** A request body as Slack's content type says to read it (as Bolt reads it). */
export type SlackBody =
  /** application/json: an Events API envelope. */
  | { readonly kind: 'events'; readonly body: unknown }
  /** A form whose `payload` is an interaction's JSON. */
  | { readonly kind: 'interaction'; readonly body: unknown }
  /** Any other form: a slash command, or Slack's `ssl_check`. */
  | { readonly kind: 'form'; readonly body: unknown };

/** What to do with a signed request: hand it to Bolt, answer an empty 200, or refuse it (400). */
export type Verdict =
  | { readonly kind: 'handle' }
  | { readonly kind: 'nothing_to_do' }
  | { readonly kind: 'malformed'; readonly where: readonly string[] };

const HANDLE: Verdict = { kind: 'handle' };
const NOTHING_TO_DO: Verdict = { kind: 'nothing_to_do' };

/** Judges a signed request's shape, never its content. */
export function judge(request: SlackBody): Verdict {
  const { body } = request;
  if (!isRecord(body)) return malformed(['(body)']);
  switch (request.kind) {
    case 'events':
      return judgeEnvelope(body);
    case 'interaction':
      return judgeInteraction(body);
    case 'form':
      return 'ssl_check' in body ? check(sslCheck, body) : check(slashCommand, body);
  }
}

function judgeEnvelope(body: Record<string, unknown>): Verdict {
  const { type } = body;
  if (typeof type !== 'string') return malformed(['type']);
  // Slack sends again whatever is not answered 200, and turns off an app that fails too often:
  // an envelope of a kind this version does not know is answered, and nothing is stored.
  if (!Object.hasOwn(ENVELOPES, type)) return NOTHING_TO_DO;
  const envelope = check(ENVELOPES[type as keyof typeof ENVELOPES], body);
  if (envelope.kind !== 'handle' || type === 'url_verification') return envelope;
  // Bolt routes app_rate_limited to no listener, and would leave it unanswered.
  if (type === 'app_rate_limited') return NOTHING_TO_DO;
  const event = body['event'] as { type: string };
  const shape = Object.hasOwn(EVENT_SHAPES, event.type) ? EVENT_SHAPES[event.type]! : anyEvent;
  return check(shape, event, ['event']);
}

function judgeInteraction(body: Record<string, unknown>): Verdict {
  const { type } = body;
  if (typeof type !== 'string') return malformed(['type']);
  // Slack shows the person an error unless an interaction is answered within 3 s; Bolt would leave
  // one of a type it does not route unanswered, then answer 404.
  if (!Object.hasOwn(INTERACTIONS, type)) return NOTHING_TO_DO;
  return check(INTERACTIONS[type]!, body);
}

function check(schema: z.ZodType, value: unknown, prefix: readonly string[] = []): Verdict {
  const parsed = schema.safeParse(value);
  if (parsed.success) return HANDLE;
  return malformed(parsed.error.issues.map((issue) => [...prefix, ...issue.path.map(String)].join('.') || '(body)'));
}

const malformed = (where: readonly string[]): Verdict => ({ kind: 'malformed', where });

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
