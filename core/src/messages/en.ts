/**
 * The English catalogue defines the keys. A value is a text with `{name}` placeholders, or plural
 * forms chosen by `Intl.PluralRules` on the `count` parameter.
 */
export const en = {
  'error.invalid_input': 'That did not work: {detail}',
  'error.not_found': 'That no longer exists.',
  'error.not_an_owner': 'Only an owner of {group} can do that.',
  'error.already_decided': 'This request was already {status} by {decidedBy}.',
  'error.already_member': 'You are already a member of {group}.',
  'error.request_pending': 'Your request to join {group} is already waiting for an owner.',
  'error.group_is_open': '{group} is open: you can join it directly.',
  'error.wrong_week': 'This card belongs to another week.',
  'error.already_acted': 'This was already done.',
  'request.status.approved': 'approved',
  'request.status.denied': 'denied',
  'request.status.expired': 'expired',
  'request.status.cancelled': 'cancelled',
  'request.status.pending': 'pending',
  'group.members': { one: '{count} member', other: '{count} members' },
  'group.pending_requests': { one: '{count} pending request', other: '{count} pending requests' },
} as const satisfies Record<string, string | PluralForms>;

export interface PluralForms {
  readonly zero?: string;
  readonly one?: string;
  readonly two?: string;
  readonly few?: string;
  readonly many?: string;
  readonly other: string;
}

export type MessageKey = keyof typeof en;
export type Catalogue = Readonly<Record<MessageKey, string | PluralForms>>;
