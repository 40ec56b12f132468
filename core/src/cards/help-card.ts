import type { Locale } from '../domain/locale.ts';
import { translate } from '../messages/translate.ts';
import type { Card } from './card.ts';

/** What the bot can do; `command` is how the person calls it on their platform ("/steward"). */
export function helpCard(locale: Locale, command: string): Card {
  const t = (key: Parameters<typeof translate>[1]) => translate(locale, key, { command });
  return {
    locale,
    title: t('help.title'),
    summary: t('help.text'),
    blocks: [
      { kind: 'text', text: t('help.text') },
      {
        kind: 'list',
        title: t('help.title'),
        items: [
          t('help.groups'),
          t('help.join'),
          t('help.settings'),
          t('help.register'),
          t('help.owners'),
          t('help.help'),
        ].map((text) => ({ text })),
      },
    ],
  };
}
