import type { Group } from '../../domain/group.ts';
import type { IsoWeek } from '../../domain/iso-week.ts';
import type { Person } from '../../domain/person.ts';
import { coverOf, isOnTimeOff } from '../../domain/time-off.ts';
import { newWeeklyHourRecord, timeOffWeeklyHourRecord, type WeeklyHourRecord } from '../../domain/weekly-hour.ts';
import type { CoreDeps } from '../deps.ts';
import { sendToDelegate } from './act.ts';

// The due-cards job's part for owners on time off: their week is recorded as such (handed to the
// cover, or skipped), no card goes to them, and the cover gets the week as a delegated card.

/**
 * The records to claim for these owners' weeks: a time-off record for those away at `now` (with
 * their cover when the cover can take it), the usual new record for the others. Covers are read
 * in one go.
 */
export async function weekRecordsToClaim(
  deps: CoreDeps,
  tenantId: string,
  weeks: readonly { readonly owner: Person; readonly week: IsoWeek }[],
  groups: readonly Group[],
  now: Date,
): Promise<WeeklyHourRecord[]> {
  const coverIds = weeks.flatMap(({ owner }) =>
    isOnTimeOff(owner, now) && owner.timeOff?.coverId ? [owner.timeOff.coverId] : [],
  );
  const covers = new Map((await deps.store.people.getMany(tenantId, [...new Set(coverIds)])).map((p) => [p.id, p]));
  return weeks.map(({ owner, week }) => {
    if (!isOnTimeOff(owner, now)) return newWeeklyHourRecord(tenantId, owner.id, week, now);
    const cover = owner.timeOff?.coverId ? covers.get(owner.timeOff.coverId) : undefined;
    return timeOffWeeklyHourRecord(tenantId, owner.id, week, coverOf(owner, cover, groups, now), now);
  });
}

/**
 * Sends each week on time off still with its cover to the cover, as the delegated card a handed-over
 * week gets. The outbox keeps one per week and cover, so a job run again sends nothing twice.
 */
export async function sendCoveredWeeks(
  deps: CoreDeps,
  tenantId: string,
  records: readonly WeeklyHourRecord[],
): Promise<number> {
  const covered = records.filter(isCoveredWeek);
  for (const record of covered)
    await sendToDelegate(deps, tenantId, record.delegateId, { ownerId: record.ownerId, week: record.week });
  return covered.length;
}

/**
 * A week on time off the cover still holds: claimed again whenever the owner comes due (once a week),
 * so that a job that died between the claim and the cover's card sends it on its next run.
 */
export function isCoveredWeek(record: WeeklyHourRecord): boolean {
  return record.timeOff && record.status === 'delegated' && record.delegateId !== null;
}
