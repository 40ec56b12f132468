import { ErrorCode, fail, ok, type Result } from '../errors.ts';

/**
 * The health score (0–100) of a group is a weighted mean of these components, each 0–100 and
 * shown beside it (METRICS.md). How each is scored:
 * - activity: the active ratio (monthly active ÷ members), 0 at 0%, rising linearly to 100 at 40%
 *   and above: a group where two members in five take part monthly is fully alive;
 * - growth: net growth over the last 28 days as a share of the members at their start: 0 at −10%
 *   or worse, 70 when stable, 100 at +5% or better, linear in between (stable is healthy; shrinking
 *   is what community managers must see);
 * - responsiveness: the share of the questions of the last 28 days answered within the group's
 *   response target, among those answered or past it (time to first response against the target);
 * - freshness: the share of the active content items reviewed or changed within their interval;
 * - ownerEngagement: the share of the last 8 weeks with the weekly hour done or skipped with a reason;
 * - ownership: 0 without an active owner, 50 with one, 100 with two or more (coverage);
 * - purpose: 100 when the group says what it is for, 0 otherwise.
 * A component that cannot be computed (no members, no question, no content item, no weekly card
 * yet) is left out, and the mean is taken over the others' weights (renormalised).
 */
export const HEALTH_COMPONENTS = [
  'activity',
  'growth',
  'responsiveness',
  'freshness',
  'ownerEngagement',
  'ownership',
  'purpose',
] as const;
export type HealthComponent = (typeof HEALTH_COMPONENTS)[number];

export type HealthWeights = Readonly<Record<HealthComponent, number>>;
/** Each component's score, null when it could not be computed. */
export type HealthComponents = Readonly<Record<HealthComponent, number | null>>;

/**
 * The weights a tenant starts with (they add up to 100, so each reads as a percentage): activity
 * first, since a dying group is what matters most; then the owners' part (engagement and
 * coverage) and responsiveness; growth and freshness are signals; purpose a basic.
 */
export const DEFAULT_HEALTH_WEIGHTS: HealthWeights = {
  activity: 30,
  growth: 10,
  responsiveness: 15,
  freshness: 10,
  ownerEngagement: 15,
  ownership: 15,
  purpose: 5,
};

export const MAX_HEALTH_WEIGHT = 100;

/** Weights as a tenant may set them: every component a whole number from 0 to 100, not all 0. */
export function validateHealthWeights(input: Readonly<Record<string, unknown>>): Result<HealthWeights> {
  const unknown = Object.keys(input).filter((key) => !(HEALTH_COMPONENTS as readonly string[]).includes(key));
  if (unknown.length > 0)
    return fail(ErrorCode.InvalidInput, `no health component ${unknown.join(', ')}`, { field: 'weights' });
  const weights = {} as Record<HealthComponent, number>;
  for (const component of HEALTH_COMPONENTS) {
    const weight = input[component];
    if (typeof weight !== 'number' || !Number.isInteger(weight) || weight < 0 || weight > MAX_HEALTH_WEIGHT) {
      return fail(ErrorCode.InvalidInput, `weight of ${component} is ${String(weight)}`, { field: 'weights' });
    }
    weights[component] = weight;
  }
  if (HEALTH_COMPONENTS.every((c) => weights[c] === 0))
    return fail(ErrorCode.InvalidInput, 'every weight is 0', { field: 'weights' });
  return ok(weights);
}

/** A linear interpolation through the points (x ascending), flat beyond the first and last. */
function piecewise(points: readonly (readonly [number, number])[], x: number): number {
  const [first, ...rest] = points;
  if (!first || x <= first[0]) return first?.[1] ?? 0;
  let previous = first;
  for (const point of rest) {
    if (x <= point[0]) return previous[1] + ((point[1] - previous[1]) * (x - previous[0])) / (point[0] - previous[0]);
    previous = point;
  }
  return previous[1];
}

export const ACTIVITY_POINTS = [
  [0, 0],
  [0.4, 100],
] as const;
export const GROWTH_POINTS = [
  [-0.1, 0],
  [0, 70],
  [0.05, 100],
] as const;

/** What the components are scored from; null where there is nothing to score. */
export interface HealthInputs {
  readonly activeRatio: number | null;
  readonly growthRate: number | null;
  /** Share of the judged questions answered within target. */
  readonly withinTarget: number | null;
  /** Share of the active content items that are fresh. */
  readonly freshContent: number | null;
  /** Share of the weeks with a card that were looked after. */
  readonly lookedAfterWeeks: number | null;
  readonly activeOwners: number;
  readonly hasPurpose: boolean;
}

const share = (value: number | null) => (value === null ? null : Math.round(100 * value));
const scored = (points: readonly (readonly [number, number])[], value: number | null) =>
  value === null ? null : Math.round(piecewise(points, value));

/** Each component's score, a whole number from 0 to 100, or null when left out. */
export function healthComponents(inputs: HealthInputs): HealthComponents {
  return {
    activity: scored(ACTIVITY_POINTS, inputs.activeRatio),
    growth: scored(GROWTH_POINTS, inputs.growthRate),
    responsiveness: share(inputs.withinTarget),
    freshness: share(inputs.freshContent),
    ownerEngagement: share(inputs.lookedAfterWeeks),
    ownership: inputs.activeOwners === 0 ? 0 : inputs.activeOwners === 1 ? 50 : 100,
    purpose: inputs.hasPurpose ? 100 : 0,
  };
}

/**
 * The weighted mean of the components computed, rounded: taken from the rounded components shown,
 * so anyone can check it. Null when no weighted component could be computed.
 */
export function healthScore(components: HealthComponents, weights: HealthWeights): number | null {
  let weighted = 0;
  let total = 0;
  for (const component of HEALTH_COMPONENTS) {
    const score = components[component];
    if (score === null) continue;
    weighted += score * weights[component];
    total += weights[component];
  }
  return total > 0 ? Math.round(weighted / total) : null;
}

/**
 * The bands the dashboards colour and filter scores by: poor below 40, fair from 40 to below 70,
 * good from 70. A group without a score is in no band.
 */
export const HEALTH_BANDS = ['poor', 'fair', 'good'] as const;
export type HealthBand = (typeof HEALTH_BANDS)[number];

/** Each band's scores: from `min` (included) to `max` (excluded). */
export interface ScoreRange {
  readonly min: number;
  readonly max: number;
}

export const HEALTH_BAND_RANGES: Readonly<Record<HealthBand, ScoreRange>> = {
  poor: { min: 0, max: 40 },
  fair: { min: 40, max: 70 },
  good: { min: 70, max: 101 },
};

/** The band of a score, null for no score. */
export function healthBand(score: number | null): HealthBand | null {
  if (score === null) return null;
  return (
    HEALTH_BANDS.find((band) => score >= HEALTH_BAND_RANGES[band].min && score < HEALTH_BAND_RANGES[band].max) ?? null
  );
}
