import { isoWeekOf } from '../domain/iso-week.ts';
import type { Locale } from '../domain/locale.ts';
import { type Person, weeklyHourOf } from '../domain/person.ts';
import type { Tenant } from '../domain/tenant.ts';
import { newWeeklyHourRecord, type WeeklyHourRecord } from '../domain/weekly-hour.ts';
import { cardDueAt } from '../domain/weekly-hour-schedule.ts';
import { DAY_MS, HOUR_MS } from '../domain/zoned-time.ts';
import type { DemoContext } from './context.ts';
import type { DemoGroup, GroupProfile } from './groups.ts';
import type { Random } from './random.ts';

/** Past weeks of weekly-hour history per owner: what "owner engagement" looks back on (METRICS.md). */
export const HISTORY_WEEKS = 8;

/** How often an owner of such a group marks the hour done. */
const DILIGENCE: Readonly<Record<GroupProfile, number>> = {
  lively: 0.85,
  quiet: 0.8,
  new: 0.8,
  steady: 0.6,
  ownerless: 0.3,
  dying: 0.2,
};

const SKIP_REASONS: Readonly<Record<Locale, readonly string[]>> = {
  en: ['On holiday this week', 'At a conference all week', 'Off sick', 'Quarter-end close'],
  fr: ['En congés cette semaine', 'En salon toute la semaine', 'En arrêt maladie', 'Clôture trimestrielle'],
  ru: ['В отпуске на этой неделе', 'Всю неделю на конференции', 'На больничном', 'Закрытие квартала'],
};

/**
 * One record per owner for each of the last weeks (never the current one, which the scheduler
 * will create): done, skipped with a reason, delegated to a co-owner, or left pending.
 */
export function generateWeeklyHours(
  random: Random,
  context: DemoContext,
  tenant: Tenant,
  people: readonly Person[],
  groups: readonly DemoGroup[],
): WeeklyHourRecord[] {
  const now = context.now.getTime();
  const byId = new Map(people.map((p) => [p.id, p]));
  const records: WeeklyHourRecord[] = [];
  const ownerIds = [...new Set(groups.flatMap((g) => g.group.ownerIds))];

  for (const ownerId of ownerIds) {
    const owner = byId.get(ownerId) as Person;
    const owned = groups.filter((g) => g.group.ownerIds.includes(ownerId));
    const diligence = Math.max(...owned.map((g) => DILIGENCE[g.profile]));
    const since = Math.max(tenant.createdAt.getTime(), Math.min(...owned.map((g) => g.group.createdAt.getTime())));
    const coOwners = [...new Set(owned.flatMap((g) => g.group.ownerIds))]
      .map((id) => byId.get(id) as Person)
      .filter((p) => p.id !== ownerId && p.deactivatedAt === null);
    const slot = weeklyHourOf(owner, tenant);
    const zone = owner.timeZone;

    for (let weeksAgo = HISTORY_WEEKS; weeksAgo >= 1; weeksAgo--) {
      const week = isoWeekOf(new Date(now - weeksAgo * 7 * DAY_MS), zone);
      const cardSentAt = cardDueAt(slot, zone, week).getTime() + random.int(0, 90_000);
      if (cardSentAt < since || cardSentAt >= now) continue;
      if (owner.deactivatedAt && cardSentAt >= owner.deactivatedAt.getTime()) continue;

      const createdAt = new Date(cardSentAt - random.int(1, 60) * 1000);
      const base = {
        ...newWeeklyHourRecord(context.tenantId, ownerId, week, createdAt),
        cardSentAt: new Date(cardSentAt),
      };
      const actedAt = new Date(cardSentAt + Math.min(4 * DAY_MS, Math.max(120_000, random.exponential(6) * HOUR_MS)));
      if (random.chance(diligence)) {
        const doneAt = new Date(actedAt.getTime() + random.between(30, 90) * 60_000);
        records.push({ ...base, status: 'done', firstActionAt: actedAt, doneAt });
        continue;
      }
      const roll = random.next();
      if (roll < 0.4) {
        const skipReason = random.pick(SKIP_REASONS[owner.locale]);
        records.push({ ...base, status: 'skipped', firstActionAt: actedAt, skipReason });
      } else if (roll < 0.55 && coOwners.length > 0) {
        records.push({ ...base, status: 'delegated', firstActionAt: actedAt, delegateId: random.pick(coOwners).id });
      } else {
        records.push(base);
      }
    }
  }
  return records;
}
