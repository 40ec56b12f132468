import { dayEnd, windowEnding } from '../../domain/days.ts';
import { type Group, isActive } from '../../domain/group.ts';
import { assessGroup, type GroupHealthDay, HEALTH_WINDOW_DAYS, hasPurpose } from '../../domain/group-health.ts';
import { isId } from '../../domain/ids.ts';
import { isoWeekOf } from '../../domain/iso-week.ts';
import { ENGAGED_KINDS, MONTHLY_ACTIVE, WEEKLY_ACTIVE } from '../../domain/metrics/activity.ts';
import { contentFreshness } from '../../domain/metrics/content.ts';
import { OWNER_ENGAGEMENT_WEEKS, ownerEngagement, weeksBefore } from '../../domain/metrics/owners.ts';
import { utcDay } from '../../domain/rollups.ts';
import type { Tenant } from '../../domain/tenant.ts';
import { DAY_MS, HOUR_MS } from '../../domain/zoned-time.ts';
import { ErrorCode, fail, ok, type Result } from '../../errors.ts';
import type { CoreDeps } from '../deps.ts';
import { activeOwnersOfGroups } from '../groups/active-owners.ts';
import { invalid, MAX_PAGE_SIZE } from './query.ts';

/** When a group's figures are taken: at the end of a past day, or at an instant of today. */
export interface Moment {
  readonly day: string;
  /** At most the end of `day` (excluded). */
  readonly at: Date;
}

/** Figures at the end of a day that is over; for today, now. */
export function momentOf(day: string, now: Date): Moment {
  const end = dayEnd(day);
  return { day, at: end < now ? end : now };
}

/** The members active or engaged in the windows ending with the day measured. */
const WINDOWS = [WEEKLY_ACTIVE, MONTHLY_ACTIVE, { days: HEALTH_WINDOW_DAYS, kinds: ENGAGED_KINDS }];

/**
 * Measures the groups' health at a moment: a few set-based reads of the rollups for all of them
 * together (the snapshot job passes up to a thousand groups, a page of the dashboard a few
 * dozen), then the core's rules. Owners, purpose, requests and content are as they are now: for a
 * past day, the figures that have no history are today's.
 */
export async function measureGroups(
  deps: CoreDeps,
  tenant: Tenant,
  groups: readonly Group[],
  moment: Moment,
): Promise<GroupHealthDay[]> {
  if (groups.length === 0) return [];
  const { store } = deps;
  const { day, at } = moment;
  const ids = groups.map((g) => g.id);
  const window = windowEnding(day, HEALTH_WINDOW_DAYS);
  const [members, active, totals, tallies, requests, content, owners] = await Promise.all([
    store.metrics.memberCounts(tenant.id, ids, at),
    store.metrics.activeMembers(tenant.id, ids, day, WINDOWS),
    store.metrics.groupTotals(tenant.id, ids, window),
    store.metrics.responseTallies(
      tenant.id,
      groups.map((g) => ({ groupId: g.id, targetMs: g.responseTargetHours * HOUR_MS })),
      new Date(at.getTime() - HEALTH_WINDOW_DAYS * DAY_MS),
      at,
    ),
    store.membershipRequests.listPendingIn(tenant.id, ids),
    store.contentItems.listActiveIn(tenant.id, ids),
    activeOwnersOfGroups(deps, tenant.id, groups),
  ]);
  const weeks = weeksBefore(isoWeekOf(at, 'UTC'), OWNER_ENGAGEMENT_WEEKS);
  const records = Map.groupBy(
    await store.weeklyHours.listRecentByOwners(
      tenant.id,
      [...new Set([...owners.values()].flat())],
      isoWeekOf(at, 'UTC'),
      OWNER_ENGAGEMENT_WEEKS,
    ),
    (r) => r.ownerId,
  );
  const waiting = Map.groupBy(
    requests.filter((r) => r.requestedAt < at),
    (r) => r.groupId,
  );
  const items = Map.groupBy(content, (item) => item.groupId);

  return groups.map((group, index) => {
    const groupOwners = owners.get(group.id) ?? [];
    const [weeklyActive = 0, monthlyActive = 0, engaged = 0] = active[index] ?? [];
    return assessGroup(
      {
        groupId: group.id,
        day,
        measuredAt: at,
        members: members[index] ?? 0,
        weeklyActive,
        monthlyActive,
        engaged,
        joined: totals[index]?.joins ?? 0,
        left: totals[index]?.leaves ?? 0,
        responses: tallies[index] ?? { within: 0, late: 0, waiting: 0, pending: 0 },
        requestsWaiting: waiting.get(group.id)?.length ?? 0,
        content: contentFreshness(items.get(group.id) ?? [], group.reviewIntervalDays, at),
        activeOwners: groupOwners.length,
        owners: ownerEngagement(
          groupOwners.flatMap((id) => records.get(id) ?? []),
          weeks,
        ),
        hasPurpose: hasPurpose(group.purpose),
      },
      tenant.healthWeights,
    );
  });
}

/**
 * Today's health of these groups (a page of the dashboard at most), measured now from the rollups
 * rather than read from the snapshot: what the dashboard shows live for the rows on screen.
 * Unknown and inactive groups are passed over; the answer follows the order asked.
 */
export async function groupsHealthNow(
  deps: CoreDeps,
  tenantId: string,
  groupIds: readonly string[],
): Promise<Result<GroupHealthDay[]>> {
  if (groupIds.length > MAX_PAGE_SIZE) return invalid('groups', `${groupIds.length} groups at once`);
  const tenant = await deps.store.tenants.get(tenantId);
  if (!tenant) return fail(ErrorCode.NotFound, `tenant ${tenantId}`);
  const found = new Map((await deps.store.groups.getMany(tenantId, groupIds.filter(isId))).map((g) => [g.id, g]));
  const groups = [...new Set(groupIds)].flatMap((id) => {
    const group = found.get(id);
    return group && isActive(group) ? [group] : [];
  });
  const now = deps.clock.now();
  return ok(await measureGroups(deps, tenant, groups, { day: utcDay(now), at: now }));
}
