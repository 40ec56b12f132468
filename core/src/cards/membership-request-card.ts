import type { Locale } from '../domain/locale.ts';
import { MAX_REASON_LENGTH, type MembershipRequest } from '../domain/membership-request.ts';
import type { PlatformIdentity } from '../domain/person.ts';
import { translate } from '../messages/translate.ts';
import type { Card, CardActionInput, CardBlock } from './card.ts';
import { requestClosedText } from './request-notices.ts';

/**
 * The card an owner decides a request on. Once decided it shows who decided, and why, instead of
 * the buttons.
 */
export function membershipRequestCard(input: {
  readonly locale: Locale;
  readonly request: MembershipRequest;
  readonly groupName: string;
  readonly requesterName: string;
  readonly deciderName: string | null;
  /** The owners who get the card. */
  readonly owners: readonly PlatformIdentity[];
  /** The reader's zone, for when the request was decided; UTC unless given. */
  readonly timeZone?: string;
}): Card {
  const { locale, request, groupName, requesterName } = input;
  const text = translate(locale, 'request.card.text', { requester: requesterName, group: groupName });
  const blocks: CardBlock[] = [{ kind: 'text', text }];
  if (request.note)
    blocks.push({ kind: 'context', text: translate(locale, 'request.card.note', { note: request.note }) });
  if (request.status === 'pending') {
    blocks.push({
      kind: 'actions',
      actions: [
        {
          id: 'membership_request.approve',
          label: translate(locale, 'request.action.approve'),
          value: request.id,
          style: 'primary',
        },
        {
          id: 'membership_request.deny',
          label: translate(locale, 'request.action.deny'),
          value: request.id,
          style: 'danger',
          input: denyReasonInput(locale),
        },
      ],
    });
  } else {
    blocks.push({
      kind: 'context',
      text: requestClosedText(locale, input.timeZone ?? 'UTC', request, {
        decider: input.deciderName,
        requester: requesterName,
      }),
    });
    if (request.reason)
      blocks.push({ kind: 'context', text: translate(locale, 'request.card.reason', { reason: request.reason }) });
  }
  return {
    locale,
    title: translate(locale, 'request.card.title', { group: groupName }),
    summary: text,
    blocks,
    refresh: { id: 'membership_request.view', value: request.id, audience: input.owners },
  };
}

/** What the requester is told once an owner decided. */
export function requestOutcomeCard(input: {
  readonly locale: Locale;
  readonly request: MembershipRequest;
  readonly groupName: string;
  readonly deciderName: string;
}): Card {
  const { locale, request } = input;
  const key = request.status === 'approved' ? 'request.outcome.approved' : 'request.outcome.denied';
  const text = translate(locale, key, { group: input.groupName, decider: input.deciderName });
  const blocks: CardBlock[] = [{ kind: 'text', text }];
  if (request.reason)
    blocks.push({ kind: 'context', text: translate(locale, 'request.card.reason', { reason: request.reason }) });
  return { locale, title: translate(locale, 'request.card.title', { group: input.groupName }), summary: text, blocks };
}

/** Deny asks for the reason the requester will read; it may stay empty. */
export function denyReasonInput(locale: Locale): CardActionInput {
  return {
    title: translate(locale, 'request.deny.title'),
    label: translate(locale, 'request.deny.reason'),
    submit: translate(locale, 'request.deny.submit'),
    required: false,
    maxLength: MAX_REASON_LENGTH,
  };
}
