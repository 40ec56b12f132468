import type { Catalogue } from './en.ts';

export const ru: Catalogue = {
  'error.invalid_input': 'Не получилось: {detail}',
  'error.not_found': 'Этого больше не существует.',
  'error.not_an_owner': 'Это может сделать только владелец группы {group}.',
  'error.already_decided': 'Эта заявка уже {status}, решение принял(а) {decidedBy}.',
  'error.already_member': 'Вы уже участник группы {group}.',
  'error.request_pending': 'Ваша заявка на вступление в {group} уже ждёт решения владельца.',
  'error.group_is_open': 'Группа {group} открыта: вступайте напрямую.',
  'error.wrong_week': 'Эта карточка относится к другой неделе.',
  'error.already_acted': 'Это уже сделано.',
  'request.status.approved': 'одобрена',
  'request.status.denied': 'отклонена',
  'request.status.expired': 'просрочена',
  'request.status.cancelled': 'отменена',
  'request.status.pending': 'ожидает решения',
  'group.members': {
    one: '{count} участник',
    few: '{count} участника',
    many: '{count} участников',
    other: '{count} участника',
  },
  'group.pending_requests': {
    one: '{count} заявка ожидает',
    few: '{count} заявки ожидают',
    many: '{count} заявок ожидают',
    other: '{count} заявки ожидают',
  },
};
