import {
  allGroupsOverview,
  type DashboardScope,
  GROUP_FLAGS,
  type GroupOverview,
  groupsOverview,
  HEALTH_BANDS,
  HEALTH_COMPONENTS,
  MAX_PAGE_SIZE,
  MAX_SEARCH_LENGTH,
  OVERVIEW_SORTS,
  type OverviewScope,
  PLATFORMS,
} from '@steward/core';
import { z } from 'zod';
import { batches, repeatable } from './query.ts';
import { type ApiContext, type CsvColumn, csvRoute, jsonRoute } from './route.ts';
import { GroupsPage } from './schemas.ts';

/** The cross-group table's filters and sort, shared by the JSON page and the CSV of all groups. */
const TableFilters = z.object({
  platform: z.enum(PLATFORMS).optional(),
  band: repeatable(z.enum(HEALTH_BANDS))
    .optional()
    .describe('Health bands (any of them): poor < 40 ≤ fair < 70 ≤ good. Repeatable.'),
  flag: repeatable(z.enum(GROUP_FLAGS)).optional().describe('Flags every group shown raises. Repeatable.'),
  q: z.string().max(MAX_SEARCH_LENGTH).optional().describe('Part of the name, any case.'),
  sort: z.enum(OVERVIEW_SORTS).optional().describe('score by default.'),
  order: z.enum(['asc', 'desc']).optional().describe('asc by default: the groups in the worst health first.'),
});

const TablePage = TableFilters.extend({
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).optional().describe('Rows a page: 50 by default.'),
  offset: z.coerce.number().int().min(0).optional(),
});

type Filters = z.output<typeof TableFilters>;

/** The query string as the core's request names it. */
const overviewRequest = ({ platform, band, flag, q, sort, order }: Filters) => ({
  platform,
  bands: band,
  flags: flag,
  search: q,
  sort,
  order,
});

/** An owner's view is restricted to their groups; a community manager's is the tenant. */
export const overviewScope = (scope: DashboardScope): OverviewScope | undefined =>
  scope.kind === 'groups' ? { groupIds: scope.groupIds } : undefined;

export const groupsRoute = jsonRoute({
  method: 'get',
  path: '/groups',
  summary:
    'The cross-group table: each group with its owners, health, components, trend and flags; filtered, sorted and paged.',
  access: 'viewer',
  query: TablePage,
  response: GroupsPage,
  handle: ({ deps, viewer, scope, query }) =>
    groupsOverview(
      deps,
      viewer.tenantId,
      { ...overviewRequest(query), limit: query.limit, offset: query.offset },
      overviewScope(scope),
    ),
});

const joined = (values: readonly string[]) => values.join('; ');

const GROUP_COLUMNS: readonly CsvColumn<GroupOverview>[] = [
  { header: 'groupId', cell: (r) => r.groupId },
  { header: 'name', cell: (r) => r.name },
  { header: 'platform', cell: (r) => r.platform },
  { header: 'owners', cell: (r) => joined(r.owners.map((o) => o.displayName)) },
  { header: 'band', cell: (r) => r.band },
  { header: 'health.score', cell: (r) => r.health?.score ?? null },
  { header: 'trend', cell: (r) => r.trend },
  ...HEALTH_COMPONENTS.map(
    (c): CsvColumn<GroupOverview> => ({
      header: `health.components.${c}`,
      cell: (r) => r.health?.components[c] ?? null,
    }),
  ),
  ...(
    [
      'members',
      'weeklyActive',
      'monthlyActive',
      'activeRatio',
      'joined',
      'left',
      'questionsWaiting',
      'requestsWaiting',
      'contentDue',
      'activeOwners',
    ] as const
  ).map(
    (figure): CsvColumn<GroupOverview> => ({ header: `health.${figure}`, cell: (r) => r.health?.[figure] ?? null }),
  ),
  { header: 'health.flags', cell: (r) => (r.health ? joined(r.health.flags) : null) },
  { header: 'health.day', cell: (r) => r.health?.day ?? null },
];

export const groupsCsvRoute = csvRoute({
  path: '/groups.csv',
  summary: 'Every group matching the filters (not one page), as CSV.',
  access: 'viewer',
  query: TableFilters,
  filename: () => 'groups.csv',
  columns: GROUP_COLUMNS,
  // The core reads the whole table in a few large batches, not a page of the JSON at a time.
  pages: ({ deps, viewer, scope, query }: ApiContext<Filters, unknown, unknown>) =>
    batches(allGroupsOverview(deps, viewer.tenantId, overviewRequest(query), overviewScope(scope))),
});
