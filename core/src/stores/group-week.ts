import { utcDay } from '../domain/rollups.ts';
import type { GroupWeekWindow } from '../ports/store/contributions.ts';

const FOUR_WEEKS_MS = 28 * 24 * 60 * 60 * 1000;

/**
 * The window's bounds as both stores apply them: unanswered questions count from four weeks before
 * the week (older ones are the dashboards' business), contributions over the UTC days of
 * [since, until): from `firstDay` inclusive to `endDay` exclusive.
 */
export function groupWeekBounds(window: GroupWeekWindow) {
  return {
    questionsSince: new Date(window.since.getTime() - FOUR_WEEKS_MS),
    firstDay: utcDay(window.since),
    endDay: utcDay(window.until),
  };
}
