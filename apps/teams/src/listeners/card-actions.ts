import {
  decideMembershipRequest,
  failureText,
  identify,
  isActionId,
  isRefreshId,
  ownerSettings,
  saveSettings,
  translate,
  type ActionId,
  type Person,
  type PlatformIdentity,
  viewMembershipRequest,
} from '@steward/core';
import { renderAdaptiveCard } from '../render/adaptive-card.ts';
import { SETTINGS_VERB, settingsCard, settingsInput } from '../views/settings-card.ts';
import type { ListenerContext } from './context.ts';

/** The answer to an `adaptiveCard/action` invoke: the card that replaces the one clicked. */
export type CardActionAnswer =
  | { readonly statusCode: 200; readonly type: 'application/vnd.microsoft.card.adaptive'; readonly value: Record<string, unknown> }
  | { readonly statusCode: 200; readonly type: 'application/vnd.microsoft.activity.message'; readonly value: string };

export const messageAnswer = (text: string): CardActionAnswer => ({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text });
const card = (value: Record<string, unknown>): CardActionAnswer => ({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value });

/**
 * A button (Action.Execute) on one of our cards. Its verb names the core use case; the core checks
 * again that this person may do it, and the answer is the card as it now stands.
 */
export async function answerCardAction(
  context: ListenerContext,
  identity: PlatformIdentity,
  verb: string,
  data: Readonly<Record<string, unknown>>,
): Promise<CardActionAnswer> {
  const known = await identify(context.deps, identity);
  if (!known.ok) return messageAnswer(failureText('en', known));
  const { person, tenant } = known.value;
  if (verb === SETTINGS_VERB) return saveFromCard(context, person, data);
  if (isRefreshId(verb)) {
    // Teams asks for the card as it now stands, as each owner who got it opens it.
    const viewed = await viewMembershipRequest(context.deps, person, String(data['value'] ?? ''));
    return viewed.ok ? card(renderAdaptiveCard(viewed.value) as unknown as Record<string, unknown>) : messageAnswer(failureText(person.locale, viewed));
  }
  if (!isActionId(verb)) return messageAnswer(translate(person.locale, 'error.not_found'));
  const decision: Record<ActionId, 'approved' | 'denied'> = {
    'membership_request.approve': 'approved',
    'membership_request.deny': 'denied',
  };
  const decided = await decideMembershipRequest(context.deps, {
    tenantId: tenant.id,
    requestId: String(data['value'] ?? ''),
    deciderId: person.id,
    decision: decision[verb],
    reason: typeof data['reason'] === 'string' ? data['reason'] : null,
  });
  return decided.ok ? card(renderAdaptiveCard(decided.value.card) as unknown as Record<string, unknown>) : messageAnswer(failureText(person.locale, decided));
}

async function saveFromCard(context: ListenerContext, person: Person, data: Readonly<Record<string, unknown>>): Promise<CardActionAnswer> {
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
