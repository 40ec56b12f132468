import { isActive } from '../../domain/group.ts';
import { isoWeekOf } from '../../domain/iso-week.ts';
import {
  OWNER_ENGAGEMENT_WEEKS,
  type OwnerEngagement,
  ownerEngagement,
  weeksBefore,
} from '../../domain/metrics/owners.ts';
import { missedWeeksInARow, type WeeklyHourTally, weeklyHourTally } from '../../domain/weekly-hour.ts';
import { ok, type Result } from '../../errors.ts';
import type { CoreDeps } from '../deps.ts';
import type { OverviewScope } from './overview.ts';
import { oneOf, pageOf } from './query.ts';

export const OWNER_SORTS = ['engagement', 'name', 'groups', 'missedWeeks'] as const;
export type OwnerSort = (typeof OWNER_SORTS)[number];

export interface OwnersRequest {
  /** One of OWNER_SORTS; `engagement` by default. */
  readonly sort?: unknown;
  /** `asc` (the default: the least engaged owners first) or `desc`. */
  readonly order?: unknown;
  readonly limit?: unknown;
  readonly offset?: unknown;
}

export interface OwnerOverview {
  readonly personId: string;
  readonly name: string;
  /** Left the company: their groups count them as no owner. */
  readonly deactivated: boolean;
  /** The active groups they own. */
  readonly groupIds: readonly string[];
  readonly engagement: OwnerEngagement;
  /** Their weekly hour over the same 8 weeks: done, skipped, missed. */
  readonly weeklyHours: WeeklyHourTally;
  /** Weeks in a row, up to last week, with the hour neither done nor skipped. */
  readonly missedWeeks: number;
}

export interface OwnersOverview {
  readonly total: number;
  readonly rows: readonly OwnerOverview[];
}

/** An owner's value for a sort; owners without one (no card yet) come last either way. */
const SORT_VALUE: Readonly<Record<OwnerSort, (o: OwnerOverview) => number | string | null>> = {
  engagement: (o) => o.engagement.share,
  name: (o) => o.name,
  groups: (o) => o.groupIds.length,
  missedWeeks: (o) => o.missedWeeks,
};

/**
 * The owners of the tenant's active groups with their engagement over the last 8 weeks (the
 * share looked after, the median time from card to first action) and the weeks they let pass,
 * from three set-based reads; sorted and paged here.
 */
export async function ownersOverview(
  deps: CoreDeps,
  tenantId: string,
  request: OwnersRequest,
  scope?: OverviewScope,
): Promise<Result<OwnersOverview>> {
  const sort = oneOf<OwnerSort>('sort', request.sort, OWNER_SORTS, 'engagement');
  if (!sort.ok) return sort;
  const order = oneOf('order', request.order, ['asc', 'desc'], 'asc');
  if (!order.ok) return order;
  const page = pageOf(request.limit, request.offset);
  if (!page.ok) return page;

  const { store, clock } = deps;
  // With a scope (an owner's view, one group's page), only the owners of those groups, with those groups.
  const groups = (
    scope ? await store.groups.getMany(tenantId, scope.groupIds) : await store.groups.list(tenantId)
  ).filter(isActive);
  const owned = Map.groupBy(
    groups.flatMap((g) => g.ownerIds.map((ownerId) => ({ ownerId, groupId: g.id }))),
    (o) => o.ownerId,
  );
  const week = isoWeekOf(clock.now(), 'UTC');
  const [people, records] = await Promise.all([
    store.people.getMany(tenantId, [...owned.keys()]),
    store.weeklyHours.listRecentByOwners(tenantId, [...owned.keys()], week, OWNER_ENGAGEMENT_WEEKS),
  ]);
  const recordsOf = Map.groupBy(records, (r) => r.ownerId);
  const weeks = weeksBefore(week, OWNER_ENGAGEMENT_WEEKS);
  const rows = people.map((person): OwnerOverview => {
    const history = [...(recordsOf.get(person.id) ?? [])].sort((a, b) => (a.week < b.week ? 1 : -1));
    return {
      personId: person.id,
      name: person.displayName,
      deactivated: person.deactivatedAt !== null,
      groupIds: (owned.get(person.id) ?? []).map((o) => o.groupId),
      engagement: ownerEngagement(history, weeks),
      weeklyHours: weeklyHourTally(history, weeks),
      missedWeeks: missedWeeksInARow(history, week),
    };
  });
  const value = SORT_VALUE[sort.value];
  const direction = order.value === 'desc' ? -1 : 1;
  const byValue = (a: OwnerOverview, b: OwnerOverview) => {
    const [x, y] = [value(a), value(b)];
    if (x === y) return 0;
    if (x === null || y === null) return x === null ? 1 : -1;
    return (x < y ? -1 : 1) * direction;
  };
  rows.sort((a, b) => byValue(a, b) || a.name.localeCompare(b.name) || (a.personId < b.personId ? -1 : 1));
  return ok({ total: rows.length, rows: rows.slice(page.value.offset, page.value.offset + page.value.limit) });
}
