import { type IsoWeek, isoWeekOf } from '../../domain/iso-week.ts';
import { type Person, weeklyHourOf } from '../../domain/person.ts';
import type { Tenant } from '../../domain/tenant.ts';
import type { WeeklyHourRecord } from '../../domain/weekly-hour.ts';
import { cardDueAt, nextIsoWeek } from '../../domain/weekly-hour-schedule.ts';
import type { ScheduledCard } from '../../ports/store/weekly-hours.ts';
import { enqueueAll } from '../deliver-outbox.ts';
import type { CoreDeps } from '../deps.ts';
import { composeWeeklyHourCards } from './compose-cards.ts';
import { ESCALATION_HISTORY_WEEKS, escalateMissedWeeks } from './escalate.ts';
import { cardRecipient } from './recipient.ts';
import { isCoveredWeek, sendCoveredWeeks, weekRecordsToClaim } from './time-off-weeks.ts';

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
 * a repeat finds the record, enqueues nothing new, and moves on. Each round reads and writes its
 * owners together, a few statements per round rather than per owner.
 */
export async function sendDueWeeklyHours(
  deps: CoreDeps,
  options: DueCardsOptions = { batch: 500 },
): Promise<DueCardsOutcome> {
  const scheduled = await scheduleNewOwners(deps, options.batch * 4);
  let sent = 0;
  let handled = 0;
  for (;;) {
    const due = await deps.store.weeklyHours.dueCards(deps.clock.now(), options.batch);
    if (due.length === 0) break;
    for (const [tenantId, owners] of Map.groupBy(due, (d) => d.tenantId))
      sent += await sendForTenant(deps, tenantId, owners);
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
  const { store, clock } = deps;
  const owners = await store.weeklyHours.unscheduledOwners(limit);
  for (const [tenantId, ids] of Map.groupBy(owners, (o) => o.tenantId)) {
    const tenant = await store.tenants.get(tenantId);
    if (!tenant) continue;
    const people = await store.people.getMany(
      tenantId,
      ids.map((o) => o.ownerId),
    );
    await store.weeklyHours.scheduleCards(
      tenantId,
      people.map((person) => ({ ownerId: person.id, dueAt: thisWeeksDue(tenant, person, clock.now()).dueAt })),
    );
  }
  return owners.length;
}

function thisWeeksDue(tenant: Tenant, owner: Person, now: Date): { week: IsoWeek; dueAt: Date } {
  const week = isoWeekOf(now, owner.timeZone);
  return { week, dueAt: cardDueAt(weeklyHourOf(owner, tenant), owner.timeZone, week) };
}

/** What the round does for one owner. */
interface Plan {
  readonly owner: Person;
  readonly week: IsoWeek;
  /** The week's card is due and has not gone out. */
  claim: boolean;
  /** A snoozed card comes back, under this dedupe key. */
  wake: string | null;
  next: Date | null;
}

async function sendForTenant(deps: CoreDeps, tenantId: string, due: readonly ScheduledCard[]): Promise<number> {
  const { store, clock } = deps;
  const now = clock.now();
  const tenant = await store.tenants.get(tenantId);
  if (!tenant) {
    await store.weeklyHours.scheduleCards(
      tenantId,
      due.map(({ ownerId }) => ({ ownerId, dueAt: null })),
    );
    return 0;
  }
  const people = await store.people.getMany(
    tenantId,
    due.map((d) => d.ownerId),
  );
  const groups = await store.groups.listOwnedByAny(
    tenantId,
    people.map((p) => p.id),
  );
  const owning = new Set(groups.flatMap((g) => g.ownerIds));
  // Someone who left or owns nothing any more leaves the schedule (a plan-less owner below), and
  // comes back on it when they own a group again.
  const owners = people.filter((p) => p.deactivatedAt === null && owning.has(p.id));
  const plans = owners.map(
    (owner): Plan => ({ owner, week: thisWeeksDue(tenant, owner, now).week, claim: false, wake: null, next: null }),
  );
  const stored = new Map(
    (
      await store.weeklyHours.getMany(
        tenantId,
        plans.map((p) => ({ ownerId: p.owner.id, week: p.week })),
      )
    ).map((r) => [r.ownerId, r]),
  );

  for (const plan of plans) {
    const { week, dueAt } = thisWeeksDue(tenant, plan.owner, now);
    const record = stored.get(plan.owner.id);
    if (record?.status === 'snoozed' && record.snoozedUntil && record.snoozedUntil <= now) {
      // The snoozed card comes back: pending again, sent again under its own key.
      const woken = await store.weeklyHours.update(
        tenantId,
        plan.owner.id,
        week,
        { status: 'pending', snoozedUntil: null },
        ['snoozed'],
      );
      if (woken) {
        plan.wake = `weekly_hour:${plan.owner.id}:${week}:snoozed:${record.snoozedUntil.toISOString()}`;
        stored.set(plan.owner.id, woken);
      }
    } else if (
      now >= dueAt &&
      (!record || (record.status === 'pending' && record.cardSentAt === null) || isCoveredWeek(record))
    ) {
      plan.claim = true;
    }
    const weekly =
      now >= dueAt ? cardDueAt(weeklyHourOf(plan.owner, tenant), plan.owner.timeZone, nextIsoWeek(week)) : dueAt;
    const snoozed = stored.get(plan.owner.id)?.status === 'snoozed' ? stored.get(plan.owner.id)?.snoozedUntil : null;
    plan.next = snoozed && snoozed < weekly ? snoozed : weekly;
  }

  const claiming = plans.filter((p) => p.claim);
  const claimed = await store.weeklyHours.claimMany(await weekRecordsToClaim(deps, tenantId, claiming, groups, now));
  for (const record of claimed) stored.set(record.ownerId, record);
  await sendCoveredWeeks(deps, tenantId, claimed);
  const sending = plans.filter((p) => p.wake !== null || (p.claim && isUnsent(stored.get(p.owner.id))));
  if (sending.length > 0) {
    const records = sending.map((p) => stored.get(p.owner.id)!);
    const cards = await composeWeeklyHourCards(
      deps,
      tenant,
      records.map((record) => ({ record, viewerId: record.ownerId })),
      groups,
    );
    const calls: Parameters<typeof enqueueAll>[2][number][] = [];
    for (const [index, plan] of sending.entries()) {
      const to = await cardRecipient(deps, plan.owner);
      const card = cards[index];
      if (!to || !card) continue;
      const dedupeKey = plan.wake ?? `weekly_hour:${plan.owner.id}:${plan.week}`;
      calls.push({ platform: to.platform, call: { operation: 'send_card', payload: { to, card } }, dedupeKey });
    }
    await enqueueAll(deps, tenantId, calls);
    // Escalations are deduplicated too, so they go before the mark that ends the retries.
    const fresh = sending.filter((p) => p.wake === null);
    await escalateRound(deps, tenant, fresh);
    await store.weeklyHours.markCardsSent(
      tenantId,
      fresh.map((p) => ({ ownerId: p.owner.id, week: p.week })),
      clock.now(),
    );
  }
  await store.weeklyHours.scheduleCards(
    tenantId,
    due.map(({ ownerId }) => ({ ownerId, dueAt: plans.find((p) => p.owner.id === ownerId)?.next ?? null })),
  );
  return sending.length;
}

const isUnsent = (record: WeeklyHourRecord | undefined) => record?.status === 'pending' && record.cardSentAt === null;

/** The round's owners' history in one read; only those who missed weeks cost more. */
async function escalateRound(deps: CoreDeps, tenant: Tenant, plans: readonly Plan[]): Promise<void> {
  if (plans.length === 0) return;
  const latestWeek = plans.reduce((latest, p) => (p.week > latest ? p.week : latest), plans[0]!.week);
  const history = Map.groupBy(
    await deps.store.weeklyHours.listRecentByOwners(
      tenant.id,
      plans.map((p) => p.owner.id),
      latestWeek,
      ESCALATION_HISTORY_WEEKS,
    ),
    (record) => record.ownerId,
  );
  for (const plan of plans)
    await escalateMissedWeeks(deps, tenant, plan.owner, plan.week, history.get(plan.owner.id) ?? []);
}
