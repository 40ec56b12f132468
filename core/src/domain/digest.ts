import type { GroupFlag } from './group-health.ts';
import { HEALTH_BANDS, healthBand } from './health.ts';
import type { WeeklyHourSlot } from './weekly-hour-slot.ts';

/**
 * The community managers' weekly digest: which groups need a look this week, and why.
 *
 * A reason, worst first (the order ranks groups):
 * - ownerless: no active owner — nobody looks after the group at all;
 * - health_dropped: the score fell HEALTH_DROP_POINTS or more over the trend's 7 days, or fell
 *   into a lower band (good → fair, fair → poor);
 * - owner_missed_weeks: an active owner let the weekly hour pass MISSED_WEEKS_THRESHOLD weeks or
 *   more in a row (the owners page's "missed weeks");
 * - idle: fewer than 5% of members reacted or replied in the health window (METRICS.md);
 * - single_owner: one active owner, at risk of becoming ownerless;
 * - requests_waiting, questions_waiting: people waiting for an owner.
 * "No purpose" and "content overdue" are the owners' weekly-hour business, not a manager's alarm.
 */
export const DIGEST_REASONS = [
  'ownerless',
  'health_dropped',
  'owner_missed_weeks',
  'idle',
  'single_owner',
  'requests_waiting',
  'questions_waiting',
] as const;
export type DigestReasonKind = (typeof DIGEST_REASONS)[number];

/** A fall of this many points over the trend's days is a drop worth a look. */
export const HEALTH_DROP_POINTS = 10;
/** Weeks in a row with the hour let pass before a manager hears of it in the digest. */
export const MISSED_WEEKS_THRESHOLD = 2;
/** Groups listed on the digest card; the rest are "and N more", linked to the dashboard. */
export const DIGEST_GROUPS_SHOWN = 10;
/**
 * When the digest is due: Monday 09:00 in each manager's own time zone, the start of their week,
 * before the owners' own weekly hours (the tenant default is also Monday 09:00) get acted on.
 */
export const DIGEST_SLOT: WeeklyHourSlot = { weekday: 1, time: '09:00' };

/** One reason with the figure its text shows (points fallen, weeks missed, people waiting). */
export interface DigestReason {
  readonly kind: DigestReasonKind;
  readonly count: number;
}

/** What the rule reads of a group: a row of the cross-group table, and its owners' missed weeks. */
export interface AttentionInput {
  readonly score: number | null;
  /** Score now − score 7 days before; null without both. */
  readonly trend: number | null;
  readonly flags: readonly GroupFlag[];
  readonly requestsWaiting: number;
  readonly questionsWaiting: number;
  /** The most weeks in a row any of its active owners let pass. */
  readonly ownerMissedWeeks: number;
}

/** Why a community manager should look at the group this week, worst first; none: it is fine. */
export function needsAttention(row: AttentionInput): DigestReason[] {
  const flagged = (flag: GroupFlag) => row.flags.includes(flag);
  const drop = healthDrop(row.score, row.trend);
  const raised: Readonly<Record<DigestReasonKind, number | null>> = {
    ownerless: flagged('ownerless') ? 0 : null,
    health_dropped: drop,
    owner_missed_weeks: row.ownerMissedWeeks >= MISSED_WEEKS_THRESHOLD ? row.ownerMissedWeeks : null,
    idle: flagged('idle') ? 0 : null,
    single_owner: flagged('single_owner') ? 1 : null,
    requests_waiting: flagged('requests_waiting') && row.requestsWaiting > 0 ? row.requestsWaiting : null,
    questions_waiting: flagged('questions_waiting') && row.questionsWaiting > 0 ? row.questionsWaiting : null,
  };
  return DIGEST_REASONS.flatMap((kind) => (raised[kind] === null ? [] : [{ kind, count: raised[kind] }]));
}

/** The points fallen when they count as a drop (HEALTH_DROP_POINTS, or a lower band), else null. */
function healthDrop(score: number | null, trend: number | null): number | null {
  if (score === null || trend === null || trend >= 0) return null;
  const before = healthBand(score - trend);
  const now = healthBand(score);
  const fellBand = before !== null && now !== null && HEALTH_BANDS.indexOf(now) < HEALTH_BANDS.indexOf(before);
  return -trend >= HEALTH_DROP_POINTS || fellBand ? -trend : null;
}

/** A group and why it needs a look. */
export interface AttentionGroup<G> {
  readonly group: G;
  readonly score: number | null;
  readonly reasons: readonly DigestReason[];
}

/**
 * Worst first: by the worst reason (its place in DIGEST_REASONS), then by how many reasons, then
 * by the lower score (unscored last), then by `name` for a stable order.
 */
export function rankForDigest<G>(
  groups: readonly AttentionGroup<G>[],
  name: (group: G) => string,
): AttentionGroup<G>[] {
  const worst = (g: AttentionGroup<G>) => Math.min(...g.reasons.map((r) => DIGEST_REASONS.indexOf(r.kind)));
  return groups
    .filter((g) => g.reasons.length > 0)
    .sort(
      (a, b) =>
        worst(a) - worst(b) ||
        b.reasons.length - a.reasons.length ||
        (a.score ?? Number.POSITIVE_INFINITY) - (b.score ?? Number.POSITIVE_INFINITY) ||
        name(a.group).localeCompare(name(b.group)),
    );
}

/** How many groups raise each reason: the digest's summary line. */
export function reasonCounts(groups: readonly AttentionGroup<unknown>[]): Readonly<Record<DigestReasonKind, number>> {
  const counts = Object.fromEntries(DIGEST_REASONS.map((kind) => [kind, 0])) as Record<DigestReasonKind, number>;
  for (const group of groups) for (const reason of group.reasons) counts[reason.kind] += 1;
  return counts;
}
