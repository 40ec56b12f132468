import type { Group } from '../group.ts';
import type { IsoWeek } from '../iso-week.ts';
import type { Person } from '../person.ts';
import type { WeeklyHourRecord } from '../weekly-hour.ts';
import { nextIsoWeek } from '../weekly-hour-schedule.ts';
import { percentile } from './percentile.ts';

/** Owner engagement looks back on this many weeks. */
export const OWNER_ENGAGEMENT_WEEKS = 8;

/** The `count` ISO weeks before `week`, newest first. */
export function weeksBefore(week: IsoWeek, count: number): IsoWeek[] {
  return Array.from({ length: count }, (_, n) => nextIsoWeek(week, -(n + 1)));
}

/** A week the hour was done, or skipped with a reason: the owner looked after it. */
export function isLookedAfter(record: WeeklyHourRecord): boolean {
  return record.status === 'done' || (record.status === 'skipped' && record.skipReason !== null);
}

export interface OwnerEngagement {
  /** Of the weeks looked back on, those with a card (a record). */
  readonly weeks: number;
  /** Of those, the weeks looked after by at least one of the owners. */
  readonly lookedAfter: number;
  /** lookedAfter ÷ weeks; null without a card in those weeks. */
  readonly share: number | null;
  /** Median time from a card to its first action, over the cards acted on. */
  readonly medianFirstActionMs: number | null;
}

/**
 * Owner engagement (ours, METRICS.md) over `weeks`, from the records of one owner or of a group's
 * owners together: a week counts once, looked after when any of them did the hour.
 */
export function ownerEngagement(records: readonly WeeklyHourRecord[], weeks: readonly IsoWeek[]): OwnerEngagement {
  const within = records.filter((r) => weeks.includes(r.week));
  const withCard = new Set(within.map((r) => r.week));
  const lookedAfter = new Set(within.filter(isLookedAfter).map((r) => r.week));
  const firstActions = within.flatMap((r) =>
    r.cardSentAt && r.firstActionAt ? [r.firstActionAt.getTime() - r.cardSentAt.getTime()] : [],
  );
  return {
    weeks: withCard.size,
    lookedAfter: lookedAfter.size,
    share: withCard.size > 0 ? lookedAfter.size / withCard.size : null,
    medianFirstActionMs: percentile(firstActions, 0.5),
  };
}

/**
 * The group's owners still with the company and still in the group: people gone are deactivated
 * (unknown ids count as gone), and `departed` are owners whose membership of the group ended.
 */
export function activeOwnerIds(
  group: Pick<Group, 'ownerIds'>,
  people: ReadonlyMap<string, Person>,
  departed: ReadonlySet<string> = new Set(),
): string[] {
  return group.ownerIds.filter((id) => {
    const person = people.get(id);
    return person !== undefined && person.deactivatedAt === null && !departed.has(id);
  });
}

/** Ownership coverage (after Microsoft 365's ownerless-group policy): 0 active owners, 1, or 2 and more. */
export type OwnershipCoverage = 'ownerless' | 'at_risk' | 'covered';

export function ownershipCoverage(activeOwners: number): OwnershipCoverage {
  return activeOwners === 0 ? 'ownerless' : activeOwners === 1 ? 'at_risk' : 'covered';
}
