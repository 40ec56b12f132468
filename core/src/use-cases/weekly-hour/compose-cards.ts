import type { Card } from '../../cards/card.ts';
import { dashboardGroupLink, groupLink, threadLink } from '../../cards/links.ts';
import { ITEMS_PER_SECTION, type WeeklyHourGroup, weeklyHourCard } from '../../cards/weekly-hour-card.ts';
import { CONTRIBUTION_WEIGHTS } from '../../domain/contribution.ts';
import type { Group } from '../../domain/group.ts';
import { INACTIVE_AFTER_DAYS } from '../../domain/metrics/contributors.ts';
import { type Person, weeklyHourOf } from '../../domain/person.ts';
import { utcDay } from '../../domain/rollups.ts';
import type { Tenant } from '../../domain/tenant.ts';
import type { WeeklyHourRecord } from '../../domain/weekly-hour.ts';
import { cardDueAt } from '../../domain/weekly-hour-schedule.ts';
import { DAY_MS, HOUR_MS } from '../../domain/zoned-time.ts';
import type { GroupWeek, GroupWeekWindow } from '../../ports/store/contributions.ts';
import type { CoreDeps } from '../deps.ts';
import { responseTimesOf } from '../questions/response-times.ts';
import { dueContentOf, onOwnersCard, reviewPeopleIds } from './due-content.ts';

/** A card to compose: whose week, for whom, and what the last action did. */
export interface WeeklyHourCardRequest {
  readonly record: WeeklyHourRecord;
  /** The owner, or the co-owner the week was handed to. */
  readonly viewerId: string;
  readonly notice?: string | null;
}

/**
 * The week's look-back window as of `now`: the last 7 days, and who crossed the inactivity line in
 * them: a member is "gone quiet" the week their last contribution passes 30 days (METRICS.md).
 */
export function weekWindow(now: Date, limit: number): GroupWeekWindow {
  const since = new Date(now.getTime() - 7 * DAY_MS);
  return {
    since,
    until: now,
    inactive: {
      from: utcDay(new Date(now.getTime() - (INACTIVE_AFTER_DAYS + 7) * DAY_MS)),
      to: utcDay(new Date(now.getTime() - (INACTIVE_AFTER_DAYS + 1) * DAY_MS)),
    },
    weights: CONTRIBUTION_WEIGHTS,
    limit,
  };
}

/**
 * Composes many weekly-hour cards of one tenant at once: a few store reads for all their groups
 * together, never a read per group, so that 20,000 owners' cards take seconds, not hours.
 */
export async function composeWeeklyHourCards(
  deps: CoreDeps,
  tenant: Tenant,
  requests: readonly WeeklyHourCardRequest[],
  /** The groups these owners own, when the caller has read them already. */
  ownedGroups?: readonly Group[],
): Promise<Card[]> {
  const { store, clock, publicUrl } = deps;
  const now = clock.now();
  const ownerIds = [...new Set(requests.map((r) => r.record.ownerId))];
  const groups = ownedGroups ?? (await store.groups.listOwnedByAny(tenant.id, ownerIds));
  const groupIds = groups.map((g) => g.id);
  const [weeks, pending, content, installations] = await Promise.all([
    groupIds.length === 0
      ? []
      : store.contributions.groupWeeks(
          tenant.id,
          groups.map((g) => ({
            groupId: g.id,
            questionsAskedBefore: new Date(now.getTime() - g.responseTargetHours * HOUR_MS),
          })),
          weekWindow(now, ITEMS_PER_SECTION),
        ),
    groupIds.length === 0 ? [] : store.membershipRequests.listPendingIn(tenant.id, groupIds),
    groupIds.length === 0 ? [] : store.contentItems.listActiveIn(tenant.id, groupIds),
    store.installations.listByTenant(tenant.id),
  ]);
  const weekOf = new Map(weeks.map((w) => [w.groupId, w]));
  const responseTimes = await responseTimesOf(deps, tenant.id, groupIds, weekWindow(now, 0).since, now);
  const people = await peopleNamed(deps, tenant.id, [
    ...ownerIds,
    ...requests.map((r) => r.viewerId),
    ...requests.flatMap((r) => (r.record.delegateId ? [r.record.delegateId] : [])),
    ...groups.flatMap((g) => g.ownerIds),
    ...weeks.flatMap(personIdsOf),
    ...pending.map((r) => r.requesterId),
    ...reviewPeopleIds(content),
  ]);
  const name = (id: string) => people.get(id)?.displayName ?? '—';

  const digests = new Map<string, WeeklyHourGroup>();
  for (const group of groups) {
    const week = weekOf.get(group.id) ?? emptyWeek(group.id);
    const requestsOf = pending.filter((r) => r.groupId === group.id);
    digests.set(group.id, {
      group,
      link: groupLink(group.platformRef),
      // "and N more" opens the group's dashboard page at the list's section, where the deployment has one.
      ...(publicUrl ? { fullListLink: (section) => dashboardGroupLink(publicUrl, group.id, section) } : {}),
      newMembers: {
        total: week.newMembers.total,
        items: week.newMembers.items.map((m) => ({ name: name(m.personId), joinedAt: m.joinedAt })),
      },
      overdueQuestions: {
        total: week.overdueQuestions.total,
        items: week.overdueQuestions.items.map((q) => ({
          askerName: name(q.askerId),
          askedAt: q.askedAt,
          link: threadLink(group.platformRef, q.threadId),
        })),
      },
      requests: {
        total: requestsOf.length,
        items: requestsOf
          .slice(0, ITEMS_PER_SECTION)
          .map((r) => ({ id: r.id, requesterName: name(r.requesterId), requestedAt: r.requestedAt })),
      },
      dueContent: dueContentOf(content, group, now, name, installations),
      topContributors: week.topContributors.map((c) => ({ name: name(c.personId), score: c.score })),
      inactiveMembers: {
        total: week.inactiveMembers.total,
        items: week.inactiveMembers.items.map((m) => ({
          personId: m.personId,
          name: name(m.personId),
          lastDay: m.lastDay,
        })),
      },
      responseTime: responseTimes.get(group.id) ?? null,
    });
  }

  return requests.map(({ record, viewerId, notice }) => {
    const owner = people.get(record.ownerId);
    const viewer = people.get(viewerId) ?? owner;
    const owned = groups.filter((g) => g.ownerIds.includes(record.ownerId));
    const coOwnerIds = [...new Set(owned.flatMap((g) => g.ownerIds))].filter((id) => id !== record.ownerId);
    const coOwners = coOwnerIds.flatMap((id) => {
      const person = people.get(id);
      return person && person.deactivatedAt === null ? [{ id, name: person.displayName }] : [];
    });
    // Every identity: the card may have gone to either platform (the person's choice, or the last used).
    const audience = [owner, record.delegateId ? people.get(record.delegateId) : undefined].flatMap(
      (p) => p?.identities ?? [],
    );
    return weeklyHourCard({
      locale: viewer?.locale ?? tenant.defaultLocale,
      timeZone: viewer?.timeZone ?? tenant.defaultTimeZone,
      viewerId,
      record,
      dueAt: owner ? cardDueAt(weeklyHourOf(owner, tenant), owner.timeZone, record.week) : record.createdAt,
      ownerName: owner?.displayName ?? '—',
      delegateName: record.delegateId ? name(record.delegateId) : null,
      groups: owned
        .map((g) => digests.get(g.id))
        .filter((d) => d !== undefined)
        .map((d) => onOwnersCard(d, record.ownerId)),
      coOwners,
      notice: notice ?? null,
      audience,
    });
  });
}

async function peopleNamed(deps: CoreDeps, tenantId: string, ids: readonly string[]): Promise<Map<string, Person>> {
  const people = await deps.store.people.getMany(tenantId, [...new Set(ids)]);
  return new Map(people.map((p) => [p.id, p]));
}

function personIdsOf(week: GroupWeek): string[] {
  return [
    ...week.newMembers.items.map((m) => m.personId),
    ...week.overdueQuestions.items.map((q) => q.askerId),
    ...week.topContributors.map((c) => c.personId),
    ...week.inactiveMembers.items.map((m) => m.personId),
  ];
}

function emptyWeek(groupId: string): GroupWeek {
  const none = { items: [], total: 0 };
  return { groupId, newMembers: none, overdueQuestions: none, topContributors: [], inactiveMembers: none };
}
