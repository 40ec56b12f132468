import { isoWeekOf } from '../../domain/iso-week.ts';
import { type Person, weeklyHourOf } from '../../domain/person.ts';
import { cardDueAt } from '../../domain/weekly-hour-schedule.ts';
import type { CoreDeps } from '../deps.ts';

/**
 * After an owner's weekly-hour slot or time zone changed, the week's card is due at the new time
 * (now, if that is already past and the card has not gone out; the due-cards job sees to "once").
 */
export async function rescheduleWeeklyHour(deps: CoreDeps, owner: Person): Promise<void> {
  const { store, clock } = deps;
  const [tenant, owned] = await Promise.all([
    store.tenants.get(owner.tenantId),
    store.groups.listOwnedBy(owner.tenantId, owner.id),
  ]);
  if (!tenant || owned.length === 0) return;
  const week = isoWeekOf(clock.now(), owner.timeZone);
  await store.weeklyHours.scheduleCard(
    owner.tenantId,
    owner.id,
    cardDueAt(weeklyHourOf(owner, tenant), owner.timeZone, week),
  );
}
