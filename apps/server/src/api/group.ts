import {
  canSeeGroup,
  ErrorCode,
  fail,
  type GroupDayPoint,
  type GroupDetail,
  groupDetail,
  HEALTH_COMPONENTS,
  isId,
  KIND_COUNTERS,
  ok,
  periodOrDefault,
  type Result,
  utcDay,
} from '@steward/core';
import { z } from 'zod';
import { ownerColumns, ownersOfScope } from './owners.ts';
import { isoDay } from './query.ts';
import { type ApiContext, csvRoute, jsonRoute } from './route.ts';
import { GroupDetail as GroupDetailAnswer, OwnersPage, SeriesPoint } from './schemas.ts';

// One group's page: its detail, its daily series and its owners. A group the viewer may not see
// is "not found", as one that does not exist: ids do not leak.

const GroupParams = z.object({ id: z.string().max(100).describe('The group id.') });
const Period = z.object({
  from: isoDay.optional().describe('First day (UTC), included: 89 days before `to` by default.'),
  to: isoDay.optional().describe('Last day (UTC), included: today by default. At most 366 days from `from`.'),
});

type GroupContext = ApiContext<z.output<typeof Period>, z.output<typeof GroupParams>, unknown>;

const notFound = (id: string) => fail(ErrorCode.NotFound, `group ${id} is not the viewer's to see`);

/** The group's detail over the asked period, if the viewer may see the group. */
async function detailOf({ deps, viewer, scope, params, query }: GroupContext): Promise<Result<GroupDetail>> {
  if (!canSeeGroup(scope, params.id)) return notFound(params.id);
  return groupDetail(deps, viewer.tenantId, params.id, periodOrDefault(query, utcDay(deps.clock.now())));
}

export const groupRoute = jsonRoute({
  method: 'get',
  path: '/groups/:id',
  summary: "A group's page: health now, every figure over the period, and its daily series.",
  access: 'viewer',
  params: GroupParams,
  query: Period,
  response: GroupDetailAnswer,
  handle: detailOf,
});

const Series = z.object({
  groupId: z.guid(),
  period: z.object({ from: isoDay, to: isoDay }),
  series: z.array(SeriesPoint).readonly(),
});

export const seriesRoute = jsonRoute({
  method: 'get',
  path: '/groups/:id/series',
  summary: "A group's daily series over the period: each day's health (null on a day not measured) and activity.",
  access: 'viewer',
  params: GroupParams,
  query: Period,
  response: Series,
  handle: async (context) => {
    const detail = await detailOf(context);
    return detail.ok
      ? ok({ groupId: detail.value.group.id, period: detail.value.period, series: detail.value.series })
      : detail;
  },
});

/** A day's activity columns: the counter of each kind (the core's names), then the questions and contributors. */
const ACTIVITY: readonly (keyof GroupDayPoint['activity'])[] = [
  ...Object.values(KIND_COUNTERS),
  'questionsAsked',
  'questionsAnswered',
  'distinctContributors',
];

export const seriesCsvRoute = csvRoute({
  path: '/groups/:id/series.csv',
  summary: "A group's daily series over the period, as CSV.",
  access: 'viewer',
  params: GroupParams,
  query: Period,
  filename: ({ params }) => `group-${params.id}-series.csv`,
  columns: [
    { header: 'day', cell: (p: GroupDayPoint) => p.day },
    { header: 'health.score', cell: (p: GroupDayPoint) => p.health?.score ?? null },
    ...HEALTH_COMPONENTS.map((c) => ({
      header: `health.components.${c}`,
      cell: (p: GroupDayPoint) => p.health?.components[c] ?? null,
    })),
    ...(['members', 'weeklyActive', 'monthlyActive', 'activeRatio'] as const).map((f) => ({
      header: `health.${f}`,
      cell: (p: GroupDayPoint) => p.health?.[f] ?? null,
    })),
    ...ACTIVITY.map((f) => ({ header: `activity.${f}`, cell: (p: GroupDayPoint) => p.activity[f] })),
  ],
  pages: async function* (context: GroupContext) {
    const detail = await detailOf(context);
    yield detail.ok ? ok(detail.value.series) : detail;
  },
});

/** The group's owners, if the viewer may see the group (and it exists in their tenant). */
async function groupOwners(context: ApiContext<unknown, z.output<typeof GroupParams>, unknown>) {
  const { deps, viewer, scope, params } = context;
  if (!isId(params.id) || !canSeeGroup(scope, params.id)) return notFound(params.id);
  const group = await deps.store.groups.get(viewer.tenantId, params.id);
  if (!group) return notFound(params.id);
  return ownersOfScope(deps, viewer.tenantId, { groupIds: [group.id] });
}

export const groupOwnersRoute = jsonRoute({
  method: 'get',
  path: '/groups/:id/owners',
  summary: "A group's owners, each with their weekly-hour engagement and missed weeks.",
  access: 'viewer',
  params: GroupParams,
  response: OwnersPage,
  handle: groupOwners,
});

export const groupOwnersCsvRoute = csvRoute({
  path: '/groups/:id/owners.csv',
  summary: "A group's owners, as CSV.",
  access: 'viewer',
  params: GroupParams,
  filename: ({ params }) => `group-${params.id}-owners.csv`,
  columns: ownerColumns,
  pages: async function* (context: ApiContext<unknown, z.output<typeof GroupParams>, unknown>) {
    const owners = await groupOwners(context);
    yield owners.ok ? ok(owners.value.rows) : owners;
  },
});
