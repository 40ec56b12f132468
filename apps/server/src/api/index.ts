import type { CoreDeps, Logger } from '@steward/core';
import type express from 'express';
import { groupOwnersCsvRoute, groupOwnersRoute, groupRoute, seriesCsvRoute, seriesRoute } from './group.ts';
import { groupsCsvRoute, groupsRoute } from './groups.ts';
import { meRoute } from './me.ts';
import { ownersCsvRoute, ownersRoute } from './owners.ts';
import type { ApiRoute } from './route.ts';
import { createApiRouter } from './router.ts';

export { API_BASE } from './openapi.ts';

/** Every route of /api/v1, in the order the document lists them. */
export const API_ROUTES: readonly ApiRoute[] = [
  groupsRoute,
  groupsCsvRoute,
  groupRoute,
  seriesRoute,
  seriesCsvRoute,
  groupOwnersRoute,
  groupOwnersCsvRoute,
  ownersRoute,
  ownersCsvRoute,
  meRoute,
];

/** The /api/v1 router (mounted at API_BASE). */
export function createApi({ deps, logger }: { deps: CoreDeps; logger: Logger }): express.Router {
  return createApiRouter({ deps, logger, routes: API_ROUTES });
}
