import type { CoreDeps, Logger } from '@steward/core';
import express from 'express';
import type { Auth } from '../auth/index.ts';
import { escalationRoute, setEscalationRoute } from './escalation.ts';
import { groupOwnersCsvRoute, groupOwnersRoute, groupRoute, seriesCsvRoute, seriesRoute } from './group.ts';
import { groupsCsvRoute, groupsRoute } from './groups.ts';
import { healthWeightsRoute, setHealthWeightsRoute } from './health-weights.ts';
import { idleGroupPolicyRoute, idleGroupsDryRunRoute, setIdleGroupPolicyRoute } from './idle-groups.ts';
import { meRoute } from './me.ts';
import { messageRoute } from './message.ts';
import { API_BASE } from './openapi.ts';
import { ownersCsvRoute, ownersRoute } from './owners.ts';
import { requestExpiryRoute, setRequestExpiryRoute } from './request-expiry.ts';
import type { ApiRoute } from './route.ts';
import { createApiRouter } from './router.ts';

export { API_BASE };

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
  messageRoute,
  healthWeightsRoute,
  setHealthWeightsRoute,
  idleGroupPolicyRoute,
  setIdleGroupPolicyRoute,
  idleGroupsDryRunRoute,
  escalationRoute,
  setEscalationRoute,
  requestExpiryRoute,
  setRequestExpiryRoute,
  meRoute,
];

/**
 * The /api/v1 routes, mounted at API_BASE. Sign-in's `authenticate` must run before them (createHttpApp
 * mounts it first); its session cookie is named in the document.
 */
export function createApi({
  deps,
  logger,
  auth,
}: {
  deps: CoreDeps;
  logger: Logger;
  auth: Pick<Auth, 'sessionCookie'>;
}): express.Router {
  return express
    .Router()
    .use(API_BASE, createApiRouter({ deps, logger, routes: API_ROUTES, sessionCookie: auth.sessionCookie }));
}
