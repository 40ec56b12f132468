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
  'error.owns_no_group': 'Settings are for group owners, and you own no group.',
  'settings.invalid.weekday': 'Pick a day.',
  'settings.invalid.time': 'Write the time as HH:MM, for example 09:30.',
  'settings.invalid.group': 'Pick one of your groups.',
  'settings.invalid.purpose': 'At most 500 characters.',
  'settings.invalid.review_interval': 'A whole number of days, from 1 to 3650.',
  'settings.invalid.membership_policy': 'Pick who can join.',
  'request.status.approved': 'approved',
  'request.status.denied': 'denied',
  'request.status.expired': 'expired',
  'request.status.cancelled': 'cancelled',
  'request.status.pending': 'pending',
  'command.unknown': 'I don’t know “{text}”. {command} help lists what I can do.',
  'help.title': 'Group Steward',
  'help.text': 'I help group owners spend their weekly hour of community work well, and show community managers how every group is doing.',
  'help.groups': '{command} groups — your groups and your role in each',
  'help.join': '{command} join #channel — ask to join a group',
  'help.settings': '{command} settings — your weekly hour and your groups’ settings (owners)',
  'help.help': '{command} help — this help',
  'groups.title': 'Your groups',
  'groups.none': 'You are not a member or an owner of any group yet.',
  'groups.role.owner': 'owner',
  'groups.role.member': 'member',
  'groups.item': '**{group}** — {role}',
  'join.usage': 'Say which group: {command} join #channel',
  'join.unknown_group': 'I don’t look after {channel}: the app must be added to the channel first.',
  'join.requested': 'Your request to join {group} was sent to its owners.',
  'request.card.title': 'Request to join {group}',
  'request.card.text': '**{requester}** asks to join **{group}**.',
  'request.card.note': 'Their note: {note}',
  'request.card.decided': '{status} by {decider}.',
  'request.card.reason': 'Reason: {reason}',
  'request.action.approve': 'Approve',
  'request.action.deny': 'Deny',
  'request.deny.title': 'Deny the request',
  'request.deny.reason': 'Reason (the requester sees it)',
  'request.deny.submit': 'Deny',
  'request.outcome.approved': 'Your request to join {group} was approved by {decider}.',
  'request.outcome.denied': 'Your request to join {group} was denied by {decider}.',
  'settings.title': 'Settings',
  'settings.weekly_hour': 'Your weekly hour',
  'settings.weekday': 'Day',
  'settings.time': 'Time (HH:MM, {zone})',
  'settings.group': 'Group',
  'settings.purpose': 'Purpose',
  'settings.review_interval': 'Review content every … days',
  'settings.policy': 'Who can join',
  'settings.policy.open': 'Anyone',
  'settings.policy.approval': 'On approval by an owner',
  'settings.save': 'Save',
  'settings.cancel': 'Cancel',
  'settings.saved': 'Settings saved.',
  'home.owned': { one: 'You own {count} group.', other: 'You own {count} groups.' },
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
