import { CONTRIBUTIONS, type ContributionKind } from '../../domain/contribution.ts';
import { KIND_COUNTERS } from '../../domain/rollups.ts';

// The core says which kinds count and what they weigh; these turn that into aggregation
// expressions over the rollups' counter fields (KIND_COUNTERS), so that no pipeline names a rule.

/** Σ counter × weight over a member day's counters; a kind without a weight weighs 0. */
export function weighed(weights: Readonly<Partial<Record<ContributionKind, number>>>) {
  return { $add: CONTRIBUTIONS.map((kind) => ({ $multiply: [`$${KIND_COUNTERS[kind]}`, weights[kind] ?? 0] })) };
}

/** Whether a member day counts one of the kinds. */
export function countsAny(kinds: readonly ContributionKind[]) {
  return { $gt: [weighed(Object.fromEntries(kinds.map((kind) => [kind, 1]))), 0] };
}
