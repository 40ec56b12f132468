import type { Locale } from '../domain/locale.ts';
import { formatWait } from '../messages/duration.ts';
import { formatDayAndTime } from '../messages/format.ts';
import { translate } from '../messages/translate.ts';
import type { Card, CardBlock } from './card.ts';
import { link } from './markup.ts';

/** What a card about one open question says of it. */
export interface QuestionCardInput {
  /** The reader's language and zone. */
  readonly locale: Locale;
  readonly timeZone: string;
  readonly groupName: string;
  readonly askerName: string;
  readonly askedAt: Date;
  /** The question's thread on its platform: where to answer. */
  readonly threadLink: string;
}

/** The owners' reminder: who asked, when, past which target, and a link to answer in the thread. */
export function questionReminderCard(input: QuestionCardInput & { readonly targetMs: number }): Card {
  const { locale } = input;
  const text = translate(locale, 'questions.remind.text', {
    name: input.askerName,
    group: input.groupName,
    date: formatDayAndTime(locale, input.timeZone, input.askedAt),
    target: formatWait(locale, input.targetMs),
  });
  return {
    locale,
    title: translate(locale, 'questions.remind.title', { group: input.groupName }),
    summary: text,
    blocks: [{ kind: 'text', text }, answerLink(input)],
  };
}

/** The request to one of the group's most frequent answerers: the question, why them, a link to answer. */
export function questionHelpCard(input: QuestionCardInput): Card {
  const { locale } = input;
  const text = translate(locale, 'questions.help.text', {
    name: input.askerName,
    group: input.groupName,
    date: formatDayAndTime(locale, input.timeZone, input.askedAt),
  });
  return {
    locale,
    title: translate(locale, 'questions.help.title', { group: input.groupName }),
    summary: text,
    blocks: [
      { kind: 'text', text },
      answerLink(input),
      { kind: 'context', text: translate(locale, 'questions.help.hint') },
    ],
  };
}

function answerLink(input: QuestionCardInput): CardBlock {
  return { kind: 'text', text: link(translate(input.locale, 'questions.answer'), input.threadLink) };
}
