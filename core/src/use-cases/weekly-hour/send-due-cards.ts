import { isoWeekOf } from '../../domain/iso-week.ts';
import { weeklyHourOf, type Person } from '../../domain/person.ts';
import type { Tenant } from '../../domain/tenant.ts';
import { cardDueAt, nextIsoWeek } from '../../domain/weekly-hour-schedule.ts';
import { newWeeklyHourRecord, type WeeklyHourRecord } from '../../domain/weekly-hour.ts';
import type { ScheduledCard } from '../../ports/store/weekly-hours.ts';
import type { CoreDeps } from '../deps.ts';
import { enqueue } from '../deliver-outbox.ts';
import { composeWeeklyHourCards } from './compose-cards.ts';
import { escalateMissedWeeks } from './escalate.ts';
import { cardRecipient } from './recipient.ts';

export interface DueCardsOutcome {
  /** Owners put on the schedule for the first time. */
  readonly scheduled: number;
  /** Weekly cards handed to the outbox (new weeks and snoozed cards come back). */
  readonly sent: number;
  /** Owners looked at. */
  readonly handled: number;
}

export interface DueCardsOptions {
  /** Owners handled per round; the job runs rounds until none is due. */
  readonly batch: number;
}

/**
 * The due-cards job: every owner whose card (or snoozed card) is due gets it, once. A run may die
 * anywhere and run again, or run twice at once: the week's record is claimed under a unique key,
 * the outbox keeps one message per dedupe key, and the owner's next due time is written last, so
 * a repeat finds the record, enqueues nothing new, and moves on.
 */
export async function sendDueWeeklyHours(deps: CoreDeps, options: DueCardsOptions = { batch: 200 }): Promise<DueCardsOutcome> {
  const scheduled = await scheduleNewOwners(deps, options.batch * 5);
  let sent = 0;
  let handled = 0;
  for (;;) {
    const due = await deps.store.weeklyHours.dueCards(deps.clock.now(), options.batch);
    if (due.length === 0) break;
    const byTenant = Map.groupBy(due, (d) => d.tenantId);
    for (const [tenantId, owners] of byTenant) sent += await sendForTenant(deps, tenantId, owners);
    handled += due.length;
    if (due.length < options.batch) break;
  }
  return { scheduled, sent, handled };
}

/**
 * New owners join the schedule with this week's card due at its time, even if that time has
 * passed: someone who becomes an owner on a Wednesday gets the week's card now, not in six days.
 */
async function scheduleNewOwners(deps: CoreDeps, limit: number): Promise<number> {
  const { store } = deps;
  const owners = await store.weeklyHours.unscheduledOwners(limit);
  for (const [tenantId, ids] of Map.groupBy(owners, (o) => o.tenantId)) {
    const tenant = await store.tenants.get(tenantId);
    if (!tenant) continue;
    const people = await store.people.getMany(tenantId, ids.map((o) => o.ownerId));
    for (const person of people) {
      const week = isoWeekOf(deps.clock.now(), person.timeZone);
      await store.weeklyHours.scheduleCard(tenantId, person.id, cardDueAt(weeklyHourOf(person, tenant), person.timeZone, week));
    }
  }
  return owners.length;
}

async function sendForTenant(deps: CoreDeps, tenantId: string, due: readonly ScheduledCard[]): Promise<number> {
  const { store, clock } = deps;
  const tenant = await store.tenants.get(tenantId);
  const people = new Map((await store.people.getMany(tenantId, due.map((d) => d.ownerId))).map((p) => [p.id, p]));
  const owning = new Set((tenant ? await store.groups.listOwnedByAny(tenantId, [...people.keys()]) : []).flatMap((g) => g.ownerIds));
  const toSend: { record: WeeklyHourRecord; owner: Person; dedupeKey: string }[] = [];
  const nextDue = new Map<string, Date | null>();

  for (const { ownerId } of due) {
    const owner = people.get(ownerId);
    if (!tenant || !owner || owner.deactivatedAt !== null || !owning.has(ownerId)) {
      nextDue.set(ownerId, null); // back on the schedule when they own a group again
      continue;
    }
    const now = clock.now();
    const slot = weeklyHourOf(owner, tenant);
    const week = isoWeekOf(now, owner.timeZone);
    const dueAt = cardDueAt(slot, owner.timeZone, week);
    let record = await store.weeklyHours.get(tenantId, ownerId, week);
    if (record?.status === 'snoozed' && record.snoozedUntil && record.snoozedUntil <= now) {
      // The snoozed card comes back: pending again, sent again under its own key.
      const woken = await store.weeklyHours.update(tenantId, ownerId, week, { status: 'pending', snoozedUntil: null }, ['snoozed']);
      if (woken) toSend.push({ record: woken, owner, dedupeKey: `weekly_hour:${ownerId}:${week}:snoozed:${record.snoozedUntil.toISOString()}` });
      record = woken ?? record;
    } else if (now >= dueAt && (!record || (record.status === 'pending' && record.cardSentAt === null))) {
      record = (await store.weeklyHours.claim(newWeeklyHourRecord(tenantId, ownerId, week, now))).record;
      if (record.status === 'pending' && record.cardSentAt === null) toSend.push({ record, owner, dedupeKey: `weekly_hour:${ownerId}:${week}` });
    }
    const weekly = now >= dueAt ? cardDueAt(slot, owner.timeZone, nextIsoWeek(week)) : dueAt;
    const snoozed = record?.status === 'snoozed' ? record.snoozedUntil : null;
    nextDue.set(ownerId, snoozed && snoozed < weekly ? snoozed : weekly);
  }

  if (tenant && toSend.length > 0) {
    const cards = await composeWeeklyHourCards(deps, tenant, toSend.map(({ record }) => ({ record, viewerId: record.ownerId })));
    for (const [index, { record, owner, dedupeKey }] of toSend.entries()) {
      const to = await cardRecipient(deps, owner);
      const card = cards[index];
      if (to && card) await enqueue(deps, tenantId, to.platform, { operation: 'send_card', payload: { to, card } }, dedupeKey);
      if (record.cardSentAt === null) {
        // Escalations are deduplicated too, so they go before the mark that ends the retries.
        await escalateMissedWeeks(deps, tenant, owner, record.week);
        await store.weeklyHours.update(tenantId, owner.id, record.week, { cardSentAt: clock.now() }, ['pending']);
      }
    }
  }
  for (const [ownerId, at] of nextDue) await store.weeklyHours.scheduleCard(tenantId, ownerId, at);
  return toSend.length;
}
