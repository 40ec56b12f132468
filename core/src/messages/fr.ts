import type { Catalogue } from './en.ts';

export const fr: Catalogue = {
  'error.invalid_input': 'Cela n’a pas fonctionné : {detail}',
  'error.not_found': 'Cet élément n’existe plus.',
  'error.not_an_owner': 'Seul un propriétaire de {group} peut faire cela.',
  'error.already_decided': 'Cette demande a déjà été {status} par {decidedBy}.',
  'error.already_member': 'Vous êtes déjà membre de {group}.',
  'error.request_pending': 'Votre demande pour rejoindre {group} attend déjà un propriétaire.',
  'error.group_is_open': '{group} est ouvert : vous pouvez le rejoindre directement.',
  'error.wrong_week': 'Cette carte concerne une autre semaine.',
  'error.already_acted': 'C’est déjà fait.',
  'request.status.approved': 'approuvée',
  'request.status.denied': 'refusée',
  'request.status.expired': 'expirée',
  'request.status.cancelled': 'annulée',
  'request.status.pending': 'en attente',
  'group.members': { one: '{count} membre', other: '{count} membres' },
  'group.pending_requests': { one: '{count} demande en attente', other: '{count} demandes en attente' },
};
