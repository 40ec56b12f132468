import type { Locale } from '../domain/locale.ts';
import type { MembershipRequest } from '../domain/membership-request.ts';
import { formatDayAndTime } from '../messages/format.ts';
import { translate } from '../messages/translate.ts';
import { type Card, textCard } from './card.ts';

/**
 * What an owner's request card says once the request is closed, in place of its buttons: who
 * decided (or that it expired, or that the requester cancelled it) and when, in the reader's zone.
 */
export function requestClosedText(
  locale: Locale,
  timeZone: string,
  request: MembershipRequest,
  names: { readonly decider: string | null; readonly requester: string },
): string {
  const when = request.decidedAt ? formatDayAndTime(locale, timeZone, request.decidedAt) : '—';
  switch (request.status) {
    case 'approved':
    case 'denied':
      return translate(locale, `request.card.closed.${request.status}`, { decider: names.decider ?? '—', when });
    case 'expired':
      return translate(locale, 'request.card.closed.expired', { when });
    case 'cancelled':
      return translate(locale, 'request.card.closed.cancelled', { requester: names.requester, when });
    case 'pending':
      return translate(locale, 'request.status.pending');
  }
}

/** What the requester gets on asking: that the owners have it, and a button to take it back. */
export function requestSentCard(locale: Locale, request: MembershipRequest, groupName: string): Card {
  const text = translate(locale, 'request.sent.text', { group: groupName });
  return {
    locale,
    title: translate(locale, 'request.card.title', { group: groupName }),
    summary: text,
    blocks: [
      { kind: 'text', text },
      {
        kind: 'actions',
        actions: [
          {
            id: 'membership_request.cancel',
            label: translate(locale, 'request.action.cancel'),
            value: request.id,
            confirm: {
              title: translate(locale, 'request.cancel.title'),
              text: translate(locale, 'request.cancel.text', { group: groupName }),
              yes: translate(locale, 'request.cancel.yes'),
              no: translate(locale, 'request.cancel.no'),
            },
          },
        ],
      },
    ],
  };
}

/** What the requester reads once the request expired or they cancelled it. */
export function requestEndedCard(
  locale: Locale,
  request: MembershipRequest,
  groupName: string,
  expiryDays: number,
): Card {
  const title = translate(locale, 'request.card.title', { group: groupName });
  const text =
    request.status === 'expired'
      ? translate(locale, 'request.outcome.expired', { group: groupName, count: expiryDays })
      : translate(locale, 'request.outcome.cancelled', { group: groupName });
  return textCard(locale, title, text);
}
