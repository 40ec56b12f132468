import { type DayRange, shiftDay } from '../domain/days.ts';

/** A dashboard shows the last 90 days when no period is asked for. */
export const DEFAULT_PERIOD_DAYS = 90;

/**
 * The period a dashboard asks for, its missing ends filled: up to today, DEFAULT_PERIOD_DAYS long.
 * The ends are given as written; `validatePeriod` checks them.
 */
export function periodOrDefault(
  asked: { readonly from?: string | undefined; readonly to?: string | undefined },
  today: string,
): DayRange {
  const to = asked.to ?? today;
  return { from: asked.from ?? shiftDay(to, 1 - DEFAULT_PERIOD_DAYS), to };
}
