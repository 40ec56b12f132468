/**
 * Engagement levels by presence (after the Orbit model): how many days a member contributed on
 * in the last 7, 30 and 90 days. A member holds the highest level reached; observers are the rest,
 * among them everyone without a contribution in 90 days.
 */
export const ENGAGEMENT_LEVELS = ['observer', 'participant', 'contributor', 'leader'] as const;
export type EngagementLevel = (typeof ENGAGEMENT_LEVELS)[number];

/** Days with a contribution, in the last `days` days. */
export interface PresenceThreshold {
  readonly days: number;
  readonly atLeast: number;
}

/** Highest level first. */
export const LEVEL_THRESHOLDS: readonly (readonly [Exclude<EngagementLevel, 'observer'>, PresenceThreshold])[] = [
  ['leader', { days: 90, atLeast: 30 }],
  ['contributor', { days: 30, atLeast: 7 }],
  ['participant', { days: 7, atLeast: 2 }],
];

/** The windows a member's active days are counted over, shortest first: what the store is asked for. */
export const PRESENCE_WINDOWS: readonly number[] = LEVEL_THRESHOLDS.map(([, t]) => t.days).sort((a, b) => a - b);

/** `activeDays[i]` is the days with a contribution in the last PRESENCE_WINDOWS[i] days. */
export function engagementLevel(activeDays: readonly number[]): EngagementLevel {
  for (const [level, threshold] of LEVEL_THRESHOLDS) {
    if ((activeDays[PRESENCE_WINDOWS.indexOf(threshold.days)] ?? 0) >= threshold.atLeast) return level;
  }
  return 'observer';
}

/** How many of a group's members hold each level: those not among `contributors` are observers. */
export function engagementLevels(
  members: number,
  contributors: readonly (readonly number[])[],
): Record<EngagementLevel, number> {
  const levels: Record<EngagementLevel, number> = { observer: 0, participant: 0, contributor: 0, leader: 0 };
  for (const activeDays of contributors) levels[engagementLevel(activeDays)] += 1;
  levels.observer = Math.max(0, members - levels.participant - levels.contributor - levels.leader);
  return levels;
}
