import { CONTRIBUTIONS, type ContributionKind } from '../contribution.ts';
import { type DayRange, shiftDay } from '../days.ts';
import { type ContributionCounts, KIND_COUNTERS } from '../rollups.ts';

/** A contributor is inactive once their last contribution is older than this (CHAOSS' default interval). */
export const INACTIVE_AFTER_DAYS = 30;

/** How many contributions the counts hold, every kind weighing one. */
export function contributionCount(counts: ContributionCounts): number {
  return CONTRIBUTIONS.reduce((sum, kind) => sum + counts[KIND_COUNTERS[kind]], 0);
}

/** The counts weighed kind by kind ("top contributors" weighs a post 3, a reaction 1). */
export function weightedScore(counts: ContributionCounts, weights: Readonly<Record<ContributionKind, number>>): number {
  return CONTRIBUTIONS.reduce((sum, kind) => sum + counts[KIND_COUNTERS[kind]] * weights[kind], 0);
}

/**
 * The contributor spans that answer "new" and "inactive" contributors for a period, as of `today`:
 * new ones made their first ever contribution in the period; inactive ones made their last in the
 * period, and it is now older than the interval (so a period within the last 30 days has none).
 */
export function contributorRanges(
  period: DayRange,
  today: string,
): { readonly firstIn: DayRange; readonly lastIn: DayRange } {
  const lastActiveDay = shiftDay(today, -(INACTIVE_AFTER_DAYS + 1));
  return { firstIn: period, lastIn: { from: period.from, to: period.to < lastActiveDay ? period.to : lastActiveDay } };
}

/**
 * CHAOSS contributor absence factor: with members sorted by their contributions in the period,
 * most first, the fewest whose contributions reach half of all of them. 0 without contributions.
 */
export function contributorAbsenceFactor(contributionsPerMember: readonly number[]): number {
  const sorted = [...contributionsPerMember].sort((a, b) => b - a);
  const total = sorted.reduce((sum, n) => sum + n, 0);
  let running = 0;
  for (const [index, n] of sorted.entries()) {
    running += n;
    if (total > 0 && running * 2 >= total) return index + 1;
  }
  return 0;
}

export interface RankedContributor {
  readonly personId: string;
  readonly score: number;
}

/** Members ranked by weighted contributions, best first, then by person id; only scores above zero. */
export function topContributors(
  members: readonly { readonly personId: string; readonly counts: ContributionCounts }[],
  weights: Readonly<Record<ContributionKind, number>>,
  limit: number,
): RankedContributor[] {
  return members
    .map(({ personId, counts }) => ({ personId, score: weightedScore(counts, weights) }))
    .filter((m) => m.score > 0)
    .sort((a, b) => b.score - a.score || (a.personId < b.personId ? -1 : a.personId > b.personId ? 1 : 0))
    .slice(0, limit);
}
