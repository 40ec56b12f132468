import { ErrorCode, fail, ok, type Result } from '../errors.ts';
import type { IsoWeek } from './iso-week.ts';
import type { EscalationPolicy } from './tenant.ts';
import { nextIsoWeek } from './weekly-hour-schedule.ts';
import { DAY_MS } from './zoned-time.ts';

export const WEEKLY_HOUR_STATUSES = ['pending', 'done', 'snoozed', 'skipped', 'delegated'] as const;
export type WeeklyHourStatus = (typeof WEEKLY_HOUR_STATUSES)[number];

/** One owner's weekly hour in one ISO week. Exactly one exists per owner and week. */
export interface WeeklyHourRecord {
  readonly tenantId: string;
  readonly ownerId: string;
  readonly week: IsoWeek;
  readonly status: WeeklyHourStatus;
  readonly createdAt: Date;
  /** When the card was handed to the outbox. */
  readonly cardSentAt: Date | null;
  /** When the owner first acted on the card: the owner-responsiveness figure. */
  readonly firstActionAt: Date | null;
  readonly doneAt: Date | null;
  readonly snoozedUntil: Date | null;
  readonly skipReason: string | null;
  readonly delegateId: string | null;
  /**
   * The owner was on time off when the week's card was due: no card went to them (the covering
   * co-owner got it, delegated), and the week does not count toward escalation.
   */
  readonly timeOff: boolean;
}

export function newWeeklyHourRecord(tenantId: string, ownerId: string, week: IsoWeek, now: Date): WeeklyHourRecord {
  return {
    tenantId,
    ownerId,
    week,
    status: 'pending',
    createdAt: now,
    cardSentAt: null,
    firstActionAt: null,
    doneAt: null,
    snoozedUntil: null,
    skipReason: null,
    delegateId: null,
    timeOff: false,
  };
}

/**
 * The record of a week the owner is on time off: handed to the covering co-owner when there is one
 * (a delegated card they can finish), otherwise skipped; either way it counts toward no escalation.
 */
export function timeOffWeeklyHourRecord(
  tenantId: string,
  ownerId: string,
  week: IsoWeek,
  coverId: string | null,
  now: Date,
): WeeklyHourRecord {
  const base = newWeeklyHourRecord(tenantId, ownerId, week, now);
  return coverId === null
    ? { ...base, status: 'skipped', timeOff: true }
    : { ...base, status: 'delegated', delegateId: coverId, timeOff: true };
}

/** What an owner (or the co-owner it was handed to) can do with the week's card. */
export type WeeklyHourAction =
  | { readonly kind: 'done' }
  | { readonly kind: 'snooze' }
  | { readonly kind: 'skip'; readonly reason: string | null }
  | { readonly kind: 'delegate'; readonly delegateId: string };

/** The change an action makes, applied only while the record still has one of `from`. */
export interface WeeklyHourTransition {
  readonly from: readonly WeeklyHourStatus[];
  readonly changes: {
    readonly status: WeeklyHourStatus;
    readonly firstActionAt: Date;
    readonly doneAt?: Date;
    readonly snoozedUntil?: Date | null;
    readonly skipReason?: string | null;
    readonly delegateId?: string | null;
  };
}

export const MAX_SKIP_REASON_LENGTH = 300;
/** A snoozed card comes back at the same time the next day. */
export const SNOOZE_MS = DAY_MS;

/**
 * The rule of the card's buttons: only the owner, or the co-owner the week was handed to, and only
 * in the card's own week; done and skip end the week, so nothing happens after them.
 * `currentWeek` is the week the owner's wall clock shows now.
 */
export function weeklyHourTransition(
  record: WeeklyHourRecord,
  action: WeeklyHourAction,
  actorId: string,
  currentWeek: IsoWeek,
  now: Date,
): Result<WeeklyHourTransition> {
  const isOwner = actorId === record.ownerId;
  const isDelegate = record.status === 'delegated' && actorId === record.delegateId;
  if (!isOwner && !isDelegate) return fail(ErrorCode.NotYourCard, `${actorId} cannot act on ${record.ownerId}'s week`);
  if (record.week !== currentWeek) return fail(ErrorCode.WrongWeek, `${record.week} is not ${currentWeek}`);
  if (record.status === 'done' || record.status === 'skipped')
    return fail(ErrorCode.AlreadyActed, `${record.week} is ${record.status}`);
  const firstActionAt = record.firstActionAt ?? now;
  switch (action.kind) {
    case 'done':
      return ok({
        from: ['pending', 'snoozed', 'delegated'],
        changes: { status: 'done', firstActionAt, doneAt: now, snoozedUntil: null },
      });
    case 'skip': {
      const reason = action.reason?.trim().slice(0, MAX_SKIP_REASON_LENGTH) || null;
      return ok({
        from: ['pending', 'snoozed', 'delegated'],
        changes: { status: 'skipped', firstActionAt, skipReason: reason, snoozedUntil: null },
      });
    }
    case 'snooze':
      if (!isOwner || record.status !== 'pending')
        return fail(ErrorCode.AlreadyActed, `cannot snooze a ${record.status} week`);
      return ok({
        from: ['pending'],
        changes: { status: 'snoozed', firstActionAt, snoozedUntil: new Date(now.getTime() + SNOOZE_MS) },
      });
    case 'delegate':
      if (!isOwner || action.delegateId === record.ownerId)
        return fail(ErrorCode.InvalidInput, 'only the owner hands the week to a co-owner');
      return ok({
        from: ['pending', 'snoozed'],
        changes: { status: 'delegated', firstActionAt, delegateId: action.delegateId, snoozedUntil: null },
      });
  }
}

/**
 * How many weeks in a row, ending with the week before `currentWeek`, the owner's hour was neither
 * done nor skipped. `records` are the owner's, newest first; a week without a record ends the run
 * (the owner had no card that week), and so does a week on time off: a holiday is not neglect, and
 * the weeks missed before it are not held against the owner on their return.
 */
export function missedWeeksInARow(records: readonly WeeklyHourRecord[], currentWeek: IsoWeek): number {
  let missed = 0;
  let expected = nextIsoWeek(currentWeek, -1);
  for (const record of records) {
    if (record.week >= currentWeek) continue;
    if (record.week !== expected || record.timeOff || record.status === 'done' || record.status === 'skipped') break;
    missed++;
    expected = nextIsoWeek(expected, -1);
  }
  return missed;
}

/** An owner's weekly-hour record over some past weeks: weeks with a card, by what became of the hour. */
export interface WeeklyHourTally {
  readonly done: number;
  readonly skipped: number;
  /** Neither done nor skipped (left pending, snoozed or delegated), as `missedWeeksInARow` counts. */
  readonly missed: number;
}

/**
 * The tally of `records` (one owner's) in `weeks`; a week without a card, or on time off (the owner
 * had no card either), counts in none.
 */
export function weeklyHourTally(records: readonly WeeklyHourRecord[], weeks: readonly IsoWeek[]): WeeklyHourTally {
  const tally = { done: 0, skipped: 0, missed: 0 };
  for (const record of records) {
    if (!weeks.includes(record.week) || record.timeOff) continue;
    tally[record.status === 'done' || record.status === 'skipped' ? record.status : 'missed']++;
  }
  return tally;
}

/** Who must be told about an owner's missed weeks. */
export function escalationOf(missedWeeks: number, policy: EscalationPolicy): { coOwners: boolean; managers: boolean } {
  return { coOwners: missedWeeks >= policy.coOwnersAfterWeeks, managers: missedWeeks >= policy.managersAfterWeeks };
}
