import { isActive } from '../../domain/group.ts';
import { GROUP_FLAGS, type GroupFlag, type GroupHealthDay } from '../../domain/group-health.ts';
import { HEALTH_BAND_RANGES, HEALTH_BANDS, type HealthBand, healthBand } from '../../domain/health.ts';
import { isId } from '../../domain/ids.ts';
import { PLATFORMS, type Platform } from '../../domain/platform.ts';
import { utcDay } from '../../domain/rollups.ts';
import type { Tenant } from '../../domain/tenant.ts';
import { ErrorCode, fail, ok, type Result } from '../../errors.ts';
import {
  OVERVIEW_SORTS,
  type OverviewQuery,
  type OverviewRow,
  type OverviewSort,
  type OwnerName,
} from '../../ports/store/health-snapshots.ts';
import type { CoreDeps } from '../deps.ts';
import { measureGroups } from './measure.ts';
import { invalid, oneOf, pageOf } from './query.ts';

/** The trend compares the latest score with the score this many days before. */
export const TREND_DAYS = 7;
export const MAX_SEARCH_LENGTH = 100;

/** The cross-group table as asked (a query string's values, say): every field optional. */
export interface OverviewRequest {
  /** One of OVERVIEW_SORTS; `score` by default. */
  readonly sort?: unknown;
  /** `asc` (the default: the groups in the worst health first) or `desc`. */
  readonly order?: unknown;
  /** Flags every group shown raises (GROUP_FLAGS). */
  readonly flags?: unknown;
  /** Health bands (HEALTH_BANDS) a group shown is in, any of them. */
  readonly bands?: unknown;
  readonly platform?: unknown;
  /** Part of the name, any case. */
  readonly search?: unknown;
  readonly limit?: unknown;
  readonly offset?: unknown;
}

export interface GroupOverview {
  readonly groupId: string;
  readonly name: string;
  readonly platform: Platform;
  /** Its owners as listed on the group, active or not (`health.activeOwners` counts the active). */
  readonly owners: readonly OwnerName[];
  /**
   * The latest snapshot's row: score, components, figures, flags. A group the snapshot has not
   * measured yet (registered since, or before the first snapshot) is measured now; null only for a
   * group that could not be.
   */
  readonly health: GroupHealthDay | null;
  /** The band of the score (null without a score). */
  readonly band: HealthBand | null;
  /** Score now − score TREND_DAYS before; null without both. */
  readonly trend: number | null;
}

export interface GroupsOverview {
  /** The snapshot's day; null before the first. */
  readonly day: string | null;
  /** Groups matching the filters, over all pages. */
  readonly total: number;
  readonly rows: readonly GroupOverview[];
}

/** Restricts the table: an owner sees only the groups they own. */
export interface OverviewScope {
  readonly groupIds: readonly string[];
}

/** Checks a request and fills in its defaults; a scope restricts it to those groups. */
export function overviewQuery(request: OverviewRequest, scope?: OverviewScope): Result<OverviewQuery> {
  const sort = oneOf<OverviewSort>('sort', request.sort, OVERVIEW_SORTS, 'score');
  if (!sort.ok) return sort;
  const order = oneOf('order', request.order, ['asc', 'desc'], 'asc');
  if (!order.ok) return order;
  const flags = request.flags ?? [];
  if (!Array.isArray(flags) || !flags.every((flag) => (GROUP_FLAGS as readonly unknown[]).includes(flag)))
    return invalid('flags', `flags ${String(flags)}`);
  const bands = request.bands ?? [];
  if (!Array.isArray(bands) || !bands.every((band) => (HEALTH_BANDS as readonly unknown[]).includes(band)))
    return invalid('bands', `bands ${String(bands)}`);
  const platform =
    request.platform === undefined ? ok(null) : oneOf<Platform>('platform', request.platform, PLATFORMS, 'slack');
  if (!platform.ok) return platform;
  const search = request.search ?? '';
  if (typeof search !== 'string' || search.length > MAX_SEARCH_LENGTH)
    return invalid('search', 'search too long or not text');
  const page = pageOf(request.limit, request.offset);
  if (!page.ok) return page;
  return ok({
    sort: sort.value,
    descending: order.value === 'desc',
    flags: [...new Set(flags as GroupFlag[])],
    scoreRanges: [...new Set(bands as HealthBand[])].map((band) => HEALTH_BAND_RANGES[band]),
    groupIds: scope ? [...new Set(scope.groupIds)].filter(isId) : null,
    platform: platform.value,
    search: search.trim() === '' ? null : search.trim(),
    trendDays: TREND_DAYS,
    ...page.value,
  });
}

/**
 * The community managers' cross-group table: every active group of the tenant with its health,
 * components, figures and flags from the latest snapshot (refreshed by the snapshot job every few
 * minutes), and its trend, filtered, sorted and paged in one query of the store: sorting 10,000
 * groups by health needs every group's score at hand, which only the snapshot has. Rows of the
 * page the snapshot has not measured yet are measured now (they sort and filter as unmeasured).
 * With a scope, only those groups (an owner's view). For figures of this very moment,
 * `groupsHealthNow` measures the page on screen.
 */
export async function groupsOverview(
  deps: CoreDeps,
  tenantId: string,
  request: OverviewRequest,
  scope?: OverviewScope,
): Promise<Result<GroupsOverview>> {
  const query = overviewQuery(request, scope);
  if (!query.ok) return query;
  const tenant = await deps.store.tenants.get(tenantId);
  if (!tenant) return fail(ErrorCode.NotFound, `tenant ${tenantId}`);
  const page = await deps.store.healthSnapshots.overview(tenantId, query.value);
  return ok({ day: page.day, total: page.total, rows: await overviewRows(deps, tenant, page.rows) });
}

/** Rows per read when the whole table is read (a CSV of every group). */
export const ALL_GROUPS_BATCH = 5_000;

/**
 * The whole cross-group table as asked (filters and sort; `limit` and `offset` ignored), in
 * batches of rows for a CSV to stream: a few reads of ALL_GROUPS_BATCH groups rather than a page
 * at a time. A request that is wrong fails before any read.
 */
export function allGroupsOverview(
  deps: CoreDeps,
  tenantId: string,
  request: OverviewRequest,
  scope?: OverviewScope,
): Result<AsyncIterable<readonly GroupOverview[]>> {
  const checked = overviewQuery({ ...request, limit: undefined, offset: undefined }, scope);
  if (!checked.ok) return checked;
  return ok(batchesOf(deps, tenantId, checked.value));
}

async function* batchesOf(
  deps: CoreDeps,
  tenantId: string,
  query: OverviewQuery,
): AsyncGenerator<readonly GroupOverview[]> {
  const tenant = await deps.store.tenants.get(tenantId);
  if (!tenant) return;
  for (let offset = 0; ; offset += ALL_GROUPS_BATCH) {
    const page = await deps.store.healthSnapshots.overview(tenantId, { ...query, limit: ALL_GROUPS_BATCH, offset });
    if (page.rows.length > 0) yield await overviewRows(deps, tenant, page.rows);
    if (offset + ALL_GROUPS_BATCH >= page.total) return;
  }
}

/** The store's rows as the table shows them, the unmeasured ones measured now. */
async function overviewRows(deps: CoreDeps, tenant: Tenant, rows: readonly OverviewRow[]): Promise<GroupOverview[]> {
  const measured = await measureUnmeasured(deps, tenant, rows);
  return rows.map((row) => {
    const health = row.health ?? measured.get(row.groupId) ?? null;
    const trend = row.health?.score != null && row.scoreBefore !== null ? row.health.score - row.scoreBefore : null;
    return {
      groupId: row.groupId,
      name: row.name,
      platform: row.platform,
      owners: row.owners,
      health,
      band: healthBand(health?.score ?? null),
      trend,
    };
  });
}

/** Today's health, measured now, of the rows without a snapshot row: a page at most. */
async function measureUnmeasured(
  deps: CoreDeps,
  tenant: Tenant,
  rows: readonly OverviewRow[],
): Promise<Map<string, GroupHealthDay>> {
  const ids = rows.filter((row) => row.health === null).map((row) => row.groupId);
  if (ids.length === 0) return new Map();
  const groups = await deps.store.groups.getMany(tenant.id, ids);
  const now = deps.clock.now();
  const health = await measureGroups(deps, tenant, groups.filter(isActive), { day: utcDay(now), at: now });
  return new Map(health.map((h) => [h.groupId, h]));
}
