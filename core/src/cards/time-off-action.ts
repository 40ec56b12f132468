import type { Locale } from '../domain/locale.ts';
import { translate } from '../messages/translate.ts';
import { actionValue, type WeeklyHourCardRef } from './action-value.ts';
import type { CardAction } from './card.ts';

// "Time off…" on the weekly card: the owner's last day away and, if they like, the co-owner who
// covers. The card offers it beside "Hand to…"; the core takes it through takeTimeOff, as the
// command and the settings do.

/** The "Time off…" action of an owner's weekly card, with its form: the co-owners are the picks. */
export function timeOffAction(
  locale: Locale,
  coOwners: readonly { readonly id: string; readonly name: string }[],
  on: WeeklyHourCardRef,
): CardAction {
  const t = (key: Parameters<typeof translate>[1]) => translate(locale, key);
  return {
    id: 'weekly_hour.time_off',
    label: t('weekly_hour.action.time_off'),
    // The owner whose time off it is: the core takes it for the person who presses, and only theirs.
    value: actionValue([on.ownerId], on),
    form: {
      title: t('time_off.form.title'),
      day: { label: t('time_off.form.last_day') },
      pick: {
        label: t('time_off.form.cover'),
        placeholder: t('settings.time_off_cover.none'),
        options: coOwners.map((c) => ({ label: c.name, value: c.id })),
      },
      submit: t('time_off.form.submit'),
    },
  };
}
