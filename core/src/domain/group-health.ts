import { type HealthComponents, type HealthWeights, healthComponents, healthScore } from './health.ts';
import { activeRatio, isIdle } from './metrics/activity.ts';
import type { ContentFreshness } from './metrics/content.ts';
import { growthRate } from './metrics/growth.ts';
import type { OwnerEngagement } from './metrics/owners.ts';
import { type ResponseTally, withinTargetShare } from './metrics/questions.ts';

/** What needs a community manager's eye in a group; the cross-group table filters on them. */
export const GROUP_FLAGS = [
  'idle',
  'ownerless',
  'single_owner',
  'no_purpose',
  'requests_waiting',
  'questions_waiting',
  'content_overdue',
] as const;
export type GroupFlag = (typeof GROUP_FLAGS)[number];

/** The days the health window looks back on, the day measured included: the monthly active members' 28. */
export const HEALTH_WINDOW_DAYS = 28;

/** A group's figures at the end of a UTC day, or at an instant of today, as read from the rollups. */
export interface GroupFigures {
  readonly groupId: string;
  readonly day: string;
  readonly measuredAt: Date;
  /** Members at `measuredAt`. */
  readonly members: number;
  readonly weeklyActive: number;
  readonly monthlyActive: number;
  /** Members who reacted or replied in the health window. */
  readonly engaged: number;
  /** Joins and leaves in the health window. */
  readonly joined: number;
  readonly left: number;
  /** The questions asked in the health window, against the group's response target. */
  readonly responses: ResponseTally;
  readonly requestsWaiting: number;
  readonly content: ContentFreshness;
  readonly activeOwners: number;
  readonly owners: OwnerEngagement;
  readonly hasPurpose: boolean;
}

/** A group's health with the figures it stands on: a row of the daily snapshot, or a live measure. */
export interface GroupHealthDay {
  readonly groupId: string;
  readonly day: string;
  readonly measuredAt: Date;
  readonly score: number | null;
  readonly components: HealthComponents;
  readonly members: number;
  readonly weeklyActive: number;
  readonly monthlyActive: number;
  readonly activeRatio: number | null;
  readonly joined: number;
  readonly left: number;
  /** Questions of the health window still unanswered past the group's target. */
  readonly questionsWaiting: number;
  readonly requestsWaiting: number;
  readonly contentDue: number;
  readonly activeOwners: number;
  readonly flags: readonly GroupFlag[];
}

/** The health, components and flags the figures make, with the tenant's weights. */
export function assessGroup(figures: GroupFigures, weights: HealthWeights): GroupHealthDay {
  const ratio = activeRatio(figures.monthlyActive, figures.members);
  const components = healthComponents({
    activeRatio: ratio,
    growthRate: growthRate(figures.members, figures.joined, figures.left),
    withinTarget: withinTargetShare(figures.responses),
    freshContent: figures.content.share,
    lookedAfterWeeks: figures.owners.share,
    activeOwners: figures.activeOwners,
    hasPurpose: figures.hasPurpose,
  });
  const raised: Readonly<Record<GroupFlag, boolean>> = {
    idle: isIdle(figures.engaged, figures.members),
    ownerless: figures.activeOwners === 0,
    single_owner: figures.activeOwners === 1,
    no_purpose: !figures.hasPurpose,
    requests_waiting: figures.requestsWaiting > 0,
    questions_waiting: figures.responses.waiting > 0,
    content_overdue: figures.content.due > 0,
  };
  return {
    groupId: figures.groupId,
    day: figures.day,
    measuredAt: figures.measuredAt,
    score: healthScore(components, weights),
    components,
    members: figures.members,
    weeklyActive: figures.weeklyActive,
    monthlyActive: figures.monthlyActive,
    activeRatio: ratio,
    joined: figures.joined,
    left: figures.left,
    questionsWaiting: figures.responses.waiting,
    requestsWaiting: figures.requestsWaiting,
    contentDue: figures.content.due,
    activeOwners: figures.activeOwners,
    flags: GROUP_FLAGS.filter((flag) => raised[flag]),
  };
}

/** Whether a group has a purpose: something other than blanks. */
export function hasPurpose(purpose: string | null): boolean {
  return purpose !== null && purpose.trim() !== '';
}
