import {
  type CoreDeps,
  MAX_PAGE_SIZE,
  type OverviewScope,
  OWNER_SORTS,
  type OwnerOverview,
  ownersOverview,
} from '@steward/core';
import { z } from 'zod';
import { overviewScope } from './groups.ts';
import { allPages } from './query.ts';
import { type CsvColumn, csvRoute, jsonRoute } from './route.ts';
import { OwnersPage } from './schemas.ts';

// The owners page: each owner of the groups the viewer may see, with those groups, their
// weekly-hour record over the last 8 weeks (done, skipped, missed; the engagement share) and the
// weeks in a row they let pass.

const OwnersSort = z.object({
  sort: z.enum(OWNER_SORTS).optional().describe('engagement by default.'),
  order: z.enum(['asc', 'desc']).optional().describe('asc by default: the least engaged owners first.'),
});

const OwnersQuery = OwnersSort.extend({
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).optional().describe('Rows a page: 50 by default.'),
  offset: z.coerce.number().int().min(0).optional(),
});

/** Every owner of the scope's groups, on one page (a group has a few). */
export const ownersOfScope = (deps: CoreDeps, tenantId: string, scope: OverviewScope) =>
  ownersOverview(deps, tenantId, { limit: MAX_PAGE_SIZE }, scope);

export const ownerColumns: readonly CsvColumn<OwnerOverview>[] = [
  { header: 'personId', cell: (o) => o.personId },
  { header: 'name', cell: (o) => o.name },
  { header: 'deactivated', cell: (o) => o.deactivated },
  { header: 'groupIds', cell: (o) => o.groupIds.join('; ') },
  { header: 'engagement.weeks', cell: (o) => o.engagement.weeks },
  { header: 'engagement.lookedAfter', cell: (o) => o.engagement.lookedAfter },
  { header: 'engagement.share', cell: (o) => o.engagement.share },
  { header: 'engagement.medianFirstActionMs', cell: (o) => o.engagement.medianFirstActionMs },
  ...(['done', 'skipped', 'missed'] as const).map(
    (status): CsvColumn<OwnerOverview> => ({ header: `weeklyHours.${status}`, cell: (o) => o.weeklyHours[status] }),
  ),
  { header: 'missedWeeks', cell: (o) => o.missedWeeks },
];

export const ownersRoute = jsonRoute({
  method: 'get',
  path: '/owners',
  summary:
    'The owners of the groups the viewer may see, each with their groups, weekly-hour engagement and missed weeks.',
  access: 'viewer',
  query: OwnersQuery,
  response: OwnersPage,
  handle: ({ deps, viewer, scope, query }) => ownersOverview(deps, viewer.tenantId, query, overviewScope(scope)),
});

export const ownersCsvRoute = csvRoute({
  path: '/owners.csv',
  summary: 'Every owner of the groups the viewer may see, as CSV.',
  access: 'viewer',
  query: OwnersSort,
  filename: () => 'owners.csv',
  columns: ownerColumns,
  pages: ({ deps, viewer, scope, query }) =>
    allPages((offset, limit) =>
      ownersOverview(deps, viewer.tenantId, { ...query, offset, limit }, overviewScope(scope)),
    ),
});
