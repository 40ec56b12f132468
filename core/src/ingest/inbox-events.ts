import { CONTRIBUTION_KINDS, type ContributionKind } from '../domain/contribution.ts';
import type { PlatformIdentity } from '../domain/person.ts';
import type { PlatformRef } from '../domain/platform.ts';
import { asksQuestion } from '../domain/question.ts';
import type { PlatformProfile } from '../ports/chat-platform.ts';
import type { InboxKey } from '../ports/store/inbox.ts';
import type { ChangeGroupInput } from '../use-cases/groups/change-group.ts';
import type { RegisterGroupInput } from '../use-cases/groups/register-group.ts';
import type { ProfileFallback } from '../use-cases/identify.ts';
import type { ContentChange } from '../use-cases/record-content-change.ts';

/** Something a person did in a channel or team, as an edge saw it. */
export interface PlatformActivity {
  readonly kind: ContributionKind;
  readonly group: PlatformRef;
  readonly actor: PlatformIdentity;
  readonly occurredAt: Date;
  /** Unique per platform and tenant: a redelivery carries the same id. */
  readonly platformEventId: string;
  readonly threadId: string | null;
  /** The message text, read to tell whether it asks a question, then dropped: never stored. */
  readonly text?: string;
  /** What the actor's message said of them, for a first meeting with a profile that says nothing. */
  readonly actorFallback?: ProfileFallback;
}

/** An activity as the inbox keeps it: the question is decided, the text is gone. */
export interface ReceivedActivity extends Omit<PlatformActivity, 'text'> {
  readonly asksQuestion: boolean;
}

/**
 * What an edge acknowledges and the core handles afterwards (use-cases/process-inbox.ts). Each
 * kind is stored as JSON in the inbox before the platform gets its answer.
 */
export type InboxEvent =
  | { readonly kind: 'activity'; readonly activity: PlatformActivity }
  | { readonly kind: 'content_change'; readonly change: ContentChange }
  | { readonly kind: 'profile_change'; readonly identity: PlatformIdentity; readonly profile: PlatformProfile }
  /** The app was added to a channel or team: it becomes a group. */
  | { readonly kind: 'group_added'; readonly group: RegisterGroupInput }
  /** A channel or team was renamed, archived, unarchived, deleted or restored. */
  | { readonly kind: 'group_changed'; readonly change: ChangeGroupInput }
  /** Something a person wrote to the bot in its 1:1 chat (Teams): answered once, then deleted. */
  | {
      readonly kind: 'chat_command';
      readonly identity: PlatformIdentity;
      readonly text: string;
      readonly fallback?: ProfileFallback;
    }
  /** Someone opened the app's Home tab (Slack): it is published again for them. */
  | { readonly kind: 'home_opened'; readonly identity: PlatformIdentity };

export type InboxEventKind = InboxEvent['kind'];

/** An event and the key its platform delivered it under. */
export interface KeyedInboxEvent {
  readonly key: InboxKey;
  readonly event: InboxEvent;
}

/** An event as stored: its JSON payload, or why it cannot be handled (it is then parked at once). */
export interface EncodedInboxEvent {
  readonly kind: InboxEventKind;
  readonly payload: Record<string, unknown>;
  readonly problem: string | null;
}

/** Commands are short; anything longer is not one, and is not worth keeping even for a moment. */
const MAX_COMMAND_LENGTH = 200;

const validTime = (date: Date) => date instanceof Date && !Number.isNaN(date.getTime());

/** The activity as it is kept: whether it asks a question is decided, and its text dropped. */
export function receivedActivity(activity: PlatformActivity): ReceivedActivity {
  const { text, ...rest } = activity;
  return { ...rest, asksQuestion: rest.kind === 'post' && text !== undefined && asksQuestion(text) };
}

/** Why an activity cannot be counted, or null. */
export function activityProblem(activity: PlatformActivity): string | null {
  if (!CONTRIBUTION_KINDS.includes(activity.kind)) return `unknown contribution kind "${String(activity.kind)}"`;
  if (!validTime(activity.occurredAt)) return 'bad_timestamp';
  if (!activity.group.id || !activity.group.workspaceId) return 'missing_channel';
  if (!activity.actor.userId) return 'missing_user';
  if (!activity.platformEventId) return 'missing_event_id';
  return null;
}

/** Dates travel as epoch milliseconds; an invalid one as null (and the item is parked). */
const epoch = (date: Date) => (validTime(date) ? date.getTime() : null);

export function encodeInboxEvent(event: InboxEvent): EncodedInboxEvent {
  switch (event.kind) {
    case 'activity': {
      const { occurredAt, ...received } = receivedActivity(event.activity);
      return {
        kind: event.kind,
        payload: { ...received, occurredAt: epoch(occurredAt) },
        problem: activityProblem(event.activity),
      };
    }
    case 'content_change': {
      const { changedAt, ...rest } = event.change;
      return {
        kind: event.kind,
        payload: { ...rest, changedAt: epoch(changedAt) },
        problem: validTime(changedAt) ? null : 'bad_timestamp',
      };
    }
    case 'profile_change':
      return { kind: event.kind, payload: { identity: event.identity, profile: event.profile }, problem: null };
    case 'group_added':
    case 'group_changed': {
      const { at, ...rest } = event.kind === 'group_added' ? event.group : event.change;
      return { kind: event.kind, payload: { ...rest, at: epoch(at) }, problem: validTime(at) ? null : 'bad_timestamp' };
    }
    case 'home_opened':
      return {
        kind: event.kind,
        payload: { identity: event.identity },
        problem: event.identity.userId ? null : 'missing_user',
      };
    case 'chat_command': {
      const text = event.text.slice(0, MAX_COMMAND_LENGTH);
      const fallback = event.fallback ? { fallback: event.fallback } : {};
      return { kind: event.kind, payload: { identity: event.identity, text, ...fallback }, problem: null };
    }
  }
}

/** What the inbox hands back for each kind, as the handlers read it. */
export interface DecodedInboxEvents {
  readonly activity: ReceivedActivity;
  readonly content_change: ContentChange;
  readonly profile_change: { readonly identity: PlatformIdentity; readonly profile: PlatformProfile };
  readonly group_added: RegisterGroupInput;
  readonly group_changed: ChangeGroupInput;
  readonly chat_command: {
    readonly identity: PlatformIdentity;
    readonly text: string;
    readonly fallback?: ProfileFallback;
  };
  readonly home_opened: { readonly identity: PlatformIdentity };
}

/** Reads a stored payload back; the payload is our own JSON, so only times need reviving. */
export function decodeInboxEvent<K extends InboxEventKind>(
  kind: K,
  payload: Readonly<Record<string, unknown>>,
): DecodedInboxEvents[K] {
  const time = (field: string) => new Date(Number(payload[field]));
  switch (kind) {
    case 'activity':
      return { ...payload, occurredAt: time('occurredAt') } as unknown as DecodedInboxEvents[K];
    case 'content_change':
      return { ...payload, changedAt: time('changedAt') } as unknown as DecodedInboxEvents[K];
    case 'group_added':
    case 'group_changed':
      return { ...payload, at: time('at') } as unknown as DecodedInboxEvents[K];
    default:
      return payload as unknown as DecodedInboxEvents[K];
  }
}

// A table, so that a new kind cannot be left out.
const KINDS: Readonly<Record<InboxEventKind, true>> = {
  activity: true,
  content_change: true,
  profile_change: true,
  group_added: true,
  group_changed: true,
  chat_command: true,
  home_opened: true,
};

export function isInboxEventKind(kind: string): kind is InboxEventKind {
  return Object.hasOwn(KINDS, kind);
}
