import { type LocalDate, weekdayOf, zonedInstant } from '../domain/zoned-time.ts';
import type { Random } from './random.ts';

export function isWeekend(date: LocalDate): boolean {
  return weekdayOf(date) >= 6;
}

/** Relative chance of activity per local hour: office hours, a lunch dip, a little evening. */
const HOUR_WEIGHTS: readonly (readonly [number, number])[] = [
  0.02, 0.01, 0.01, 0.01, 0.01, 0.05, 0.2, 0.5, 1.5, 3, 3.5, 3.5, 2, 2.5, 3.5, 3.5, 3, 2.2, 1, 0.6, 0.4, 0.3, 0.1, 0.05,
].map((weight, hour) => [hour, weight] as const);

/** A plausible moment of someone's working day, on that date in their zone. */
export function workingMoment(random: Random, zone: string, date: LocalDate): number {
  const hour = random.weighted(HOUR_WEIGHTS);
  return zonedInstant(zone, date, hour, random.int(0, 59)) + random.int(0, 59_999);
}
