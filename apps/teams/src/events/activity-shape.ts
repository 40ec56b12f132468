import { z } from 'zod';

// The shape of a Bot Framework activity as Teams sends it (the Bot Framework Activity schema,
// https://github.com/microsoft/botframework-sdk/blob/main/specs/botframework-activity/botframework-activity.md,
// and the Teams payloads of msteams-docs bots/how-to/conversations/subscribe-to-conversation-events).
// Only what the SDK or we read is checked; everything else passes through untouched.
//
// Content stays the core's business: an unreadable timestamp or a person Graph does not know is
// accepted here and parked by the core, with its reason. What is refused is what could not have
// come from Teams: ids that are not strings, operator objects ({"$gt": ""}), lists where one thing
// belongs. Those would otherwise become keys of stored rows, or crash the SDK before our handlers.

const MAX_ID_LENGTH = 1024;
const text = z.string().max(MAX_ID_LENGTH);
const id = text.min(1);
/** Entra ids (tenants, users, Microsoft 365 groups) are GUIDs. */
const entraId = z.guid();

const account = z.looseObject({ id, name: z.string().optional(), aadObjectId: entraId.optional() });

const channelData = z.looseObject({
  eventType: text.optional(),
  tenant: z.looseObject({ id: entraId }).optional(),
  team: z.looseObject({ id, aadGroupId: entraId.optional(), name: z.string().optional() }).optional(),
  channel: z.looseObject({ id, name: z.string().optional() }).optional(),
});

/** `adaptiveCard/action`: the Action.Execute pressed, its verb and its data bag. */
const cardAction = z.looseObject({
  action: z.looseObject({
    type: text.optional(),
    verb: text.optional(),
    data: z.record(z.string(), z.unknown()).optional(),
  }),
});

const activity = z.looseObject({
  type: id,
  id,
  name: text.optional(),
  serviceUrl: z.url({ protocol: /^https?$/ }),
  timestamp: z.string().optional(),
  locale: text.optional(),
  localTimezone: text.optional(),
  text: z.string().optional(),
  replyToId: text.optional(),
  action: text.optional(),
  from: account,
  recipient: account.optional(),
  conversation: z.looseObject({
    id,
    conversationType: text.optional(),
    tenantId: entraId.optional(),
    isGroup: z.boolean().optional(),
  }),
  channelData: channelData.optional(),
  membersAdded: z.array(account).optional(),
  membersRemoved: z.array(account).optional(),
  reactionsAdded: z.array(z.looseObject({ type: text })).optional(),
  reactionsRemoved: z.array(z.looseObject({ type: text })).optional(),
  entities: z.array(z.looseObject({ type: text })).optional(),
  // Checked by the invoke's name, below: the SDK's router reads it before any handler of ours.
  value: z.unknown().optional(),
});

/** Any other invoke's value is an object: the SDK's router reads fields of it. */
const invokeValue = z.record(z.string(), z.unknown());

export type ActivityShape = z.infer<typeof activity>;

/** The activity, or the paths of what is wrong with it (for the log: never its values). */
export function checkActivityShape(
  body: unknown,
): { ok: true; activity: ActivityShape } | { ok: false; problems: string[] } {
  const parsed = activity.safeParse(body);
  if (!parsed.success) return { ok: false, problems: pathsOf(parsed.error, []) };
  if (parsed.data.type === 'invoke') {
    const value = (parsed.data.name === 'adaptiveCard/action' ? cardAction : invokeValue).safeParse(parsed.data.value);
    if (!value.success) return { ok: false, problems: pathsOf(value.error, ['value']) };
  }
  return { ok: true, activity: parsed.data };
}

function pathsOf(error: z.ZodError, prefix: readonly PropertyKey[]): string[] {
  return error.issues.slice(0, 5).map((issue) => [...prefix, ...issue.path].map(String).join('.') || '(body)');
}
