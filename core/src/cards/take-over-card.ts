import type { Locale } from '../domain/locale.ts';
import { translate } from '../messages/translate.ts';
import type { Card } from './card.ts';

/** The card asking one of an ownerless group's most active members to take it over. */
export function takeOverCard(input: {
  readonly locale: Locale;
  readonly groupName: string;
  readonly offerId: string;
}): Card {
  const { locale, offerId } = input;
  const group = input.groupName;
  const text = translate(locale, 'take_over.card.text', { group });
  return {
    locale,
    title: translate(locale, 'take_over.card.title', { group }),
    summary: text,
    blocks: [
      { kind: 'text', text },
      { kind: 'context', text: translate(locale, 'take_over.card.hint') },
      {
        kind: 'actions',
        actions: [
          {
            id: 'take_over.accept',
            label: translate(locale, 'take_over.action.accept'),
            value: offerId,
            style: 'primary',
          },
          { id: 'take_over.decline', label: translate(locale, 'take_over.action.decline'), value: offerId },
        ],
      },
    ],
  };
}
