import {
  type Card,
  ErrorCode,
  fail,
  failureText,
  identify,
  isActionId,
  isRefreshId,
  localeFrom,
  ownerSettings,
  type Person,
  PlatformError,
  type PlatformIdentity,
  type ProfileFallback,
  performCardAction,
  type Result,
  saveSettings,
  translate,
  viewCard,
} from '@steward/core';
import { inputFrom, renderAdaptiveCard, valueFrom } from '../render/adaptive-card.ts';
import { SETTINGS_VERB, settingsCard, settingsInput } from '../views/settings-card.ts';
import type { ListenerContext } from './context.ts';

/** The answer to an `adaptiveCard/action` invoke: the card that replaces the one clicked. */
export type CardActionAnswer =
  | {
      readonly statusCode: 200;
      readonly type: 'application/vnd.microsoft.card.adaptive';
      readonly value: Record<string, unknown>;
    }
  | { readonly statusCode: 200; readonly type: 'application/vnd.microsoft.activity.message'; readonly value: string };

export const messageAnswer = (text: string): CardActionAnswer => ({
  statusCode: 200,
  type: 'application/vnd.microsoft.activity.message',
  value: text,
});
const card = (value: Record<string, unknown>): CardActionAnswer => ({
  statusCode: 200,
  type: 'application/vnd.microsoft.card.adaptive',
  value,
});

/**
 * A button (Action.Execute) on one of our cards, or Teams asking for a card as it now stands (its
 * refresh). The verb names the core action or view; the core checks again that this person may,
 * and the answer is the card as it now stands, or a message saying why not. An action that asked
 * for a line of text brings it in its data (see `inputFrom`). `fallback` is what the invoke said
 * of the person (their locale and time zone).
 */
export async function answerCardAction(
  context: ListenerContext,
  identity: PlatformIdentity,
  { verb, data = {} }: { readonly verb: string; readonly data?: Readonly<Record<string, unknown>> },
  fallback?: ProfileFallback,
): Promise<CardActionAnswer> {
  const known = await identify(context.deps, identity, fallback).catch(unknownToThePlatform);
  if (!known.ok) return messageAnswer(failureText(localeFrom(fallback?.locale), known));
  const { person } = known.value;
  if (verb === SETTINGS_VERB) return saveFromCard(context, person, data);
  const value = valueFrom(data);
  if (isRefreshId(verb)) return cardOrMessage(person, await viewCard(context.deps, person, { id: verb, value }));
  if (isActionId(verb))
    return cardOrMessage(
      person,
      await performCardAction(context.deps, person, { id: verb, value, input: inputFrom(data) }),
    );
  return messageAnswer(translate(person.locale, 'error.not_found'));
}

/**
 * The platform says for good that it does not know this person (Graph has no such user): they are
 * answered, not given a 500. A passing failure (Graph down) is thrown: Teams shows it, and the
 * person presses again.
 */
function unknownToThePlatform(error: unknown): Result<never> {
  if (error instanceof PlatformError && error.permanent) return fail(ErrorCode.NotFound, error.message);
  throw error;
}

function cardOrMessage(person: Person, result: Result<Card>): CardActionAnswer {
  return result.ok
    ? card(renderAdaptiveCard(result.value) as unknown as Record<string, unknown>)
    : messageAnswer(failureText(person.locale, result));
}

async function saveFromCard(
  context: ListenerContext,
  person: Person,
  data: Readonly<Record<string, unknown>>,
): Promise<CardActionAnswer> {
  const saved = await saveSettings(context.deps, person, settingsInput(data));
  const field = saved.ok ? null : (saved.params?.['field'] ?? null);
  const notice = saved.ok
    ? translate(person.locale, 'settings.saved')
    : field
      ? translate(person.locale, `settings.invalid.${field}` as Parameters<typeof translate>[1])
      : failureText(person.locale, saved);
  // The form comes back as it now stands, with what happened on top.
  const current = (await context.deps.store.people.get(person.tenantId, person.id)) ?? person;
  const settings = await ownerSettings(context.deps, current);
  return settings.ok ? card(settingsCard(person.locale, settings.value, notice)) : messageAnswer(notice);
}
