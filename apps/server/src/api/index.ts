import type { CoreDeps, Logger } from '@steward/core';
import type express from 'express';
import { meRoute } from './me.ts';
import type { ApiRoute } from './route.ts';
import { createApiRouter } from './router.ts';

export { API_BASE } from './openapi.ts';

/** Every route of /api/v1, in the order the document lists them. */
export const API_ROUTES: readonly ApiRoute[] = [meRoute];

/** The /api/v1 router (mounted at API_BASE). */
export function createApi({ deps, logger }: { deps: CoreDeps; logger: Logger }): express.Router {
  return createApiRouter({ deps, logger, routes: API_ROUTES });
}
