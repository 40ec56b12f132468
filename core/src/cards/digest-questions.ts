import type { Locale } from '../domain/locale.ts';
import { formatWait } from '../messages/duration.ts';
import { translate } from '../messages/translate.ts';
import type { Listed } from '../ports/store/contributions.ts';
import type { CardBlock } from './card.ts';

/** An unanswered question as the digest shows it: its group, how long it has waited, its thread. */
export interface WaitingQuestion {
  readonly groupName: string;
  readonly ageMs: number;
  readonly link: string;
}

/** The digest's "Questions waiting longest" section; nothing when no question waits that long. */
export function waitingQuestionsSection(locale: Locale, waiting: Listed<WaitingQuestion> | undefined): CardBlock[] {
  if (!waiting || waiting.items.length === 0) return [];
  return [
    {
      kind: 'list',
      title: translate(locale, 'questions.digest.title'),
      items: waiting.items.map((q) => ({
        text: translate(locale, 'questions.digest.item', { group: q.groupName, age: formatWait(locale, q.ageMs) }),
        link: q.link,
      })),
      total: waiting.total,
    },
  ];
}
