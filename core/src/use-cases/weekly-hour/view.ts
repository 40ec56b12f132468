import type { WeeklyHourCardRef } from '../../cards/action-value.ts';
import type { Card } from '../../cards/card.ts';
import { isId } from '../../domain/ids.ts';
import { isIsoWeek, isoWeekOf } from '../../domain/iso-week.ts';
import type { Person } from '../../domain/person.ts';
import { ErrorCode, fail, ok, type Result } from '../../errors.ts';
import type { CoreDeps } from '../deps.ts';
import { composeWeeklyHourCards } from './compose-cards.ts';

/** The week's card as it now stands for its owner, or for the co-owner it was handed to. */
export async function viewWeeklyHour(
  deps: CoreDeps,
  viewer: Person,
  ref: WeeklyHourCardRef,
  notice: string | null = null,
): Promise<Result<Card>> {
  const { store } = deps;
  const [record, tenant] = await Promise.all([
    store.weeklyHours.get(viewer.tenantId, ref.ownerId, ref.week),
    store.tenants.get(viewer.tenantId),
  ]);
  if (!record || !tenant) return fail(ErrorCode.NotFound, `weekly hour ${ref.ownerId} ${ref.week}`);
  if (viewer.id !== record.ownerId && viewer.id !== record.delegateId)
    return fail(ErrorCode.NotYourCard, `${viewer.id} viewing ${ref.ownerId}`);
  const [card] = await composeWeeklyHourCards(deps, tenant, [{ record, viewerId: viewer.id, notice }]);
  return card ? ok(card) : fail(ErrorCode.NotFound, `weekly hour ${ref.ownerId} ${ref.week}`);
}

/** Reads "ownerId:week", the value of a weekly-hour card's refresh. */
export function weeklyHourRefOf(value: string): WeeklyHourCardRef | null {
  const [ownerId = '', week = ''] = value.split(':');
  return isId(ownerId) && isIsoWeek(week) ? { ownerId, week } : null;
}

/** The person's weekly-hour cards of their current week: their own, and any handed to them. */
export async function currentWeeklyHourCards(deps: CoreDeps, person: Person): Promise<Card[]> {
  const { store, clock } = deps;
  const week = isoWeekOf(clock.now(), person.timeZone);
  const tenant = await store.tenants.get(person.tenantId);
  if (!tenant) return [];
  const [own, handed] = await Promise.all([
    store.weeklyHours.get(person.tenantId, person.id, week),
    store.weeklyHours.listDelegatedTo(person.tenantId, person.id, week),
  ]);
  const records = [...(own ? [own] : []), ...handed];
  return composeWeeklyHourCards(
    deps,
    tenant,
    records.map((record) => ({ record, viewerId: person.id })),
  );
}
