import { ErrorCode, fail, ok, type Result } from '../errors.ts';

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** The weekday and wall-clock time (in the owner's own time zone) at which the weekly hour starts. */
export interface WeeklyHourSlot {
  readonly weekday: IsoWeekday;
  /** "HH:MM", 24-hour clock. */
  readonly time: string;
}

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function weeklyHourSlot(weekday: number, time: string): Result<WeeklyHourSlot> {
  if (!Number.isInteger(weekday) || weekday < 1 || weekday > 7) {
    return fail(ErrorCode.InvalidInput, `weekday must be 1 (Monday) to 7 (Sunday), got ${weekday}`);
  }
  if (!TIME.test(time)) return fail(ErrorCode.InvalidInput, `time must be HH:MM, got "${time}"`);
  return ok({ weekday: weekday as IsoWeekday, time });
}
