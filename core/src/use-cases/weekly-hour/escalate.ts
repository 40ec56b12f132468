import { textCard } from '../../cards/card.ts';
import type { IsoWeek } from '../../domain/iso-week.ts';
import type { Person } from '../../domain/person.ts';
import type { Tenant } from '../../domain/tenant.ts';
import { isOnTimeOff } from '../../domain/time-off.ts';
import { escalationOf, missedWeeksInARow, type WeeklyHourRecord } from '../../domain/weekly-hour.ts';
import { translate } from '../../messages/translate.ts';
import { enqueueCard } from '../deliver-outbox.ts';
import type { CoreDeps } from '../deps.ts';
import { cardRecipient } from './recipient.ts';

/** Weeks of history to read to count missed weeks; more than any sensible escalation setting. */
export const ESCALATION_HISTORY_WEEKS = 12;

/**
 * When an owner has let the hour pass for the tenant's number of weeks in a row, their co-owners
 * are told, and later the community managers; each person once per owner and week. `history` is
 * the owner's latest records, newest first (ESCALATION_HISTORY_WEEKS of them).
 */
export async function escalateMissedWeeks(
  deps: CoreDeps,
  tenant: Tenant,
  owner: Person,
  week: IsoWeek,
  history: readonly WeeklyHourRecord[],
): Promise<number> {
  const { store } = deps;
  const missed = missedWeeksInARow(history, week);
  const escalation = escalationOf(missed, tenant.escalation);
  if (!escalation.coOwners && !escalation.managers) return 0;

  const groups = await store.groups.listOwnedBy(tenant.id, owner.id);
  const groupNames = groups.map((g) => g.name).join(', ');
  const coOwnerIds = escalation.coOwners
    ? [...new Set(groups.flatMap((g) => g.ownerIds))].filter((id) => id !== owner.id)
    : [];
  const coOwners = (await store.people.getMany(tenant.id, coOwnerIds)).filter(
    (p) => p.deactivatedAt === null && !isOnTimeOff(p, deps.clock.now()),
  );
  const managers = escalation.managers
    ? (await store.people.listWithRole(tenant.id, 'community_manager')).filter((p) => p.id !== owner.id)
    : [];
  const told = new Map<string, { person: Person; key: 'escalation.co_owners' | 'escalation.managers' }>();
  for (const person of coOwners) told.set(person.id, { person, key: 'escalation.co_owners' });
  for (const person of managers) told.set(person.id, { person, key: 'escalation.managers' });

  for (const { person, key } of told.values()) {
    const to = await cardRecipient(deps, person);
    if (!to) continue;
    const text = translate(person.locale, key, { owner: owner.displayName, groups: groupNames, count: missed });
    const card = textCard(person.locale, translate(person.locale, 'escalation.title'), text);
    await enqueueCard(deps, tenant.id, to, card, `escalation:${owner.id}:${week}:${person.id}`);
  }
  return told.size;
}
