import type { Locale } from '../domain/locale.ts';
import { formatWait } from '../messages/duration.ts';
import { translate } from '../messages/translate.ts';
import type { CardBlock } from './card.ts';

/** A group's time to first response over the card's week (METRICS.md), in whole minutes. */
export interface ResponseTime {
  readonly medianMinutes: number;
  readonly p90Minutes: number;
}

/** The weekly card's line on how fast the group's questions got a first response; nothing without an answered question. */
export function responseTimeLine(locale: Locale, responseTime: ResponseTime | null | undefined): CardBlock[] {
  if (!responseTime) return [];
  const median = formatWait(locale, responseTime.medianMinutes * 60_000);
  const p90 = formatWait(locale, responseTime.p90Minutes * 60_000);
  return [{ kind: 'context', text: translate(locale, 'questions.response_time', { median, p90 }) }];
}
