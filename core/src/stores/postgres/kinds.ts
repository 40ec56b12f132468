import { CONTRIBUTIONS, type ContributionKind } from '../../domain/contribution.ts';
import { KIND_COUNTERS } from '../../domain/rollups.ts';

// The core says which kinds count and what they weigh; these turn that into SQL over the rollups'
// counter columns (KIND_COUNTERS), so that no statement names a rule of its own.

/** `count(*) FILTER (WHERE kind = 'post') AS posts, …` for each of the kinds, over events. */
export function countersOf(kinds: readonly ContributionKind[]): string {
  return kinds.map((kind) => `count(*) FILTER (WHERE kind = '${kind}') AS ${KIND_COUNTERS[kind]}`).join(', ');
}

/**
 * Σ counter × weight over a member day's counters, the weights being the parameters numbered from
 * `first` on in CONTRIBUTIONS order (`weightsOf` makes them): a kind set is weights of 1 and 0.
 */
export function weighed(first: number, alias = ''): string {
  return `(${CONTRIBUTIONS.map((kind, i) => `${alias}${KIND_COUNTERS[kind]} * $${first + i}::float8`).join(' + ')})`;
}

export function weightsOf(weights: Readonly<Partial<Record<ContributionKind, number>>>): number[] {
  return CONTRIBUTIONS.map((kind) => weights[kind] ?? 0);
}

/** A kind set as the weights `weighed` takes: a member day counts when its sum is above zero. */
export function kindWeights(kinds: readonly ContributionKind[]): number[] {
  return CONTRIBUTIONS.map((kind) => (kinds.includes(kind) ? 1 : 0));
}
