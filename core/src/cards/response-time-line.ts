import type { Locale } from '../domain/locale.ts';
import { formatWait } from '../messages/duration.ts';
import { translate } from '../messages/translate.ts';

/** A group's time to first response over the card's week (METRICS.md), in whole minutes. */
export interface ResponseTime {
  readonly medianMinutes: number;
  readonly p90Minutes: number;
}

/** The weekly card's fact on how fast the group's questions got a first response; none without an answered question. */
export function responseTimeFacts(locale: Locale, responseTime: ResponseTime | null | undefined): string[] {
  if (!responseTime) return [];
  const median = formatWait(locale, responseTime.medianMinutes * 60_000);
  const p90 = formatWait(locale, responseTime.p90Minutes * 60_000);
  return [translate(locale, 'questions.response_time', { median, p90 })];
}
