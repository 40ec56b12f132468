import { ErrorCode, fail, ok, type Result } from '../errors.ts';
import { daysIn, isDay } from './days.ts';
import type { Person } from './person.ts';
import { type LocalDate, localDateOf } from './zoned-time.ts';

/**
 * An owner's time off: from and until are days ("YYYY-MM-DD", both included) on the owner's own
 * wall clock, so a holiday starts at their midnight wherever the server is. Meanwhile no weekly
 * card goes to them, their weeks do not count toward escalation, and the co-owner covering (if
 * any) gets each week's card as a delegated card.
 */
export interface TimeOff {
  readonly from: string;
  readonly until: string;
  /** The co-owner who gets the owner's weekly card meanwhile; null: nobody does. */
  readonly coverId: string | null;
}

/** The longest time off one can set in one go: beyond a year, the groups need another owner. */
export const MAX_TIME_OFF_DAYS = 366;

const dayText = (date: LocalDate) =>
  `${String(date.year).padStart(4, '0')}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;

/** The day the person's wall clock shows at `now`, "YYYY-MM-DD". */
export function localDayOf(person: Pick<Person, 'timeZone'>, now: Date): string {
  return dayText(localDateOf(person.timeZone, now.getTime()));
}

/** Whether the person is on time off at `now`, by their own calendar. */
export function isOnTimeOff(person: Pick<Person, 'timeOff' | 'timeZone'>, now: Date): boolean {
  if (!person.timeOff) return false;
  const today = localDayOf(person, now);
  return person.timeOff.from <= today && today <= person.timeOff.until;
}

/** The form's time-off fields, as typed: empty from and until clear the time off. */
export interface TimeOffInput {
  readonly from: string;
  readonly until: string;
  readonly coverId: string;
}

export type TimeOffField = 'time_off_from' | 'time_off_until' | 'time_off_cover';

const invalid = (field: TimeOffField, detail: string) => fail(ErrorCode.InvalidInput, detail, { field });

/**
 * The time off an owner asked for, checked: real days, from not after until, until not in the
 * past (`today` is the owner's), at most MAX_TIME_OFF_DAYS, and a cover among `coOwnerIds`.
 * Null when both days are empty: the owner takes their time off back.
 */
export function validateTimeOff(
  input: TimeOffInput,
  today: string,
  coOwnerIds: readonly string[],
  ownerId: string,
): Result<TimeOff | null> {
  const from = input.from.trim();
  const until = input.until.trim();
  const coverId = input.coverId.trim();
  if (from === '' && until === '')
    return coverId === '' ? ok(null) : invalid('time_off_until', 'a cover without time off');
  const start = from === '' ? today : from;
  if (!isDay(start)) return invalid('time_off_from', `from "${input.from}"`);
  if (!isDay(until)) return invalid('time_off_until', `until "${input.until}"`);
  if (until < start || until < today)
    return invalid('time_off_until', `until ${until} is before ${start < today ? today : start}`);
  const days = daysIn({ from: start, to: until });
  if (days > MAX_TIME_OFF_DAYS) return invalid('time_off_until', `${days} days of time off`);
  if (coverId !== '' && (coverId === ownerId || !coOwnerIds.includes(coverId)))
    return invalid('time_off_cover', `${coverId} co-owns no group`);
  return ok({ from: start, until, coverId: coverId === '' ? null : coverId });
}

/**
 * Who gets the owner's weekly card while they are away: the cover they named, if that person is
 * still active, not away themselves, and still co-owns one of the owner's groups. Null: nobody.
 */
export function coverOf(
  owner: Pick<Person, 'id' | 'timeOff'>,
  cover: Pick<Person, 'id' | 'timeOff' | 'timeZone' | 'deactivatedAt'> | undefined,
  ownersGroups: readonly { readonly ownerIds: readonly string[] }[],
  now: Date,
): string | null {
  if (!cover || cover.id !== owner.timeOff?.coverId || cover.deactivatedAt !== null || isOnTimeOff(cover, now))
    return null;
  return ownersGroups.some((g) => g.ownerIds.includes(owner.id) && g.ownerIds.includes(cover.id)) ? cover.id : null;
}
