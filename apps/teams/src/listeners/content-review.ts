import {
  type Command,
  type ContentItemWhere,
  failureText,
  flagContentItem,
  identify,
  localeFrom,
  type Person,
  type PlatformIdentity,
  type ProfileFallback,
  setContentReviewIntervalAt,
  setContentVerifier,
  translate,
} from '@steward/core';
import type { ListenerContext } from './context.ts';

/** The message action "Flag as outdated" (manifests/teams/manifest.json, composeExtensions). */
export const FLAG_OUTDATED_COMMAND = 'flagOutdated';
/** Its one parameter: an optional note for whoever checks the item. */
export const FLAG_NOTE_PARAMETER = 'note';

// A link in a Teams message's HTML body: <a href="https://…">…</a>.
const HREF = /<a\b[^>]*\bhref="(https?:\/\/[^"]+)"/gi;

/**
 * What a `composeExtension/submitAction` invoke carries for an action on a message
 * (learn.microsoft.com/microsoftteams/platform/messaging-extensions/how-to/action-commands/respond-to-task-module-submit:
 * `commandId`, `commandContext: "message"`, `messagePayload` with `linkToMessage` and `body.content`, `data`).
 */
export interface MessageActionValue {
  readonly commandId?: string;
  readonly commandContext?: string;
  readonly messagePayload?: { readonly linkToMessage?: string; readonly body?: { readonly content?: string } };
  readonly data?: Readonly<Record<string, unknown>>;
}

/** The answer shown in the dialog Teams opened for the action (a task module message). */
export type MessageActionAnswer = { readonly task: { readonly type: 'message'; readonly value: string } };
const answer = (value: string): MessageActionAnswer => ({ task: { type: 'message', value } });

/** The item a message is (its link) or links to. */
export function whereInTeamsMessage(value: MessageActionValue): ContentItemWhere {
  const payload = value.messagePayload;
  const linked = [...(payload?.body?.content ?? '').matchAll(HREF)].map((m) => m[1]!.replaceAll('&amp;', '&'));
  return { refs: [], links: [...(payload?.linkToMessage ? [payload.linkToMessage] : []), ...linked] };
}

/** "Flag as outdated" on a Teams message: the person who used it flags what it links to. */
export async function answerMessageAction(
  context: ListenerContext,
  identity: PlatformIdentity,
  value: MessageActionValue,
  fallback?: ProfileFallback,
): Promise<MessageActionAnswer> {
  const known = await identify(context.deps, identity, fallback);
  if (!known.ok) return answer(failureText(localeFrom(fallback?.locale), known));
  const { person } = known.value;
  if (value.commandId !== FLAG_OUTDATED_COMMAND) return answer(translate(person.locale, 'error.not_found'));
  const note = value.data?.[FLAG_NOTE_PARAMETER];
  const flagged = await flagContentItem(
    context.deps,
    person,
    whereInTeamsMessage(value),
    typeof note === 'string' ? note : null,
  );
  return answer(flagged.ok ? flagged.value : failureText(person.locale, flagged));
}

/** A link as typed in the chat: Teams may send it as HTML. */
function plainLink(link: string | null): string | null {
  if (!link) return null;
  return /href="([^"]+)"/.exec(link)?.[1] ?? link;
}

/** `outdated|review|verifier <link> …` written to the bot; a verifier is named by e-mail here. */
export async function answerContentReviewCommand(
  context: ListenerContext,
  person: Person,
  command: Extract<Command, { name: 'outdated' | 'review' | 'verifier' }>,
  usage: string,
): Promise<string> {
  const link = plainLink(command.link);
  if (!link) return translate(person.locale, 'content_review.usage', { command: usage });
  const where = { refs: [], links: [link] };
  const done =
    command.name === 'outdated'
      ? await flagContentItem(context.deps, person, where, command.note)
      : command.name === 'review'
        ? await setContentReviewIntervalAt(context.deps, person, where, command.days)
        : command.email
          ? await setContentVerifier(context.deps, person, where, { email: command.email })
          : null;
  if (!done) return translate(person.locale, 'content_review.usage', { command: usage });
  return done.ok ? done.value : failureText(person.locale, done);
}
