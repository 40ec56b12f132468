import { DEFAULT_HEALTH_WEIGHTS, ErrorCode, fail, HEALTH_COMPONENTS, MAX_HEALTH_WEIGHT, ok, setHealthWeights, type HealthComponent } from '@steward/core';
import { z } from 'zod';
import { apiSchemas } from './openapi.ts';
import { jsonRoute } from './route.ts';

const weight = z.number().int().min(0).max(MAX_HEALTH_WEIGHT);
const Weights = z
  .object(Object.fromEntries(HEALTH_COMPONENTS.map((c) => [c, weight])) as Record<HealthComponent, typeof weight>)
  .strict()
  .describe('How much each component weighs in the health score: whole numbers from 0 to 100, not all 0.')
  .register(apiSchemas, { id: 'HealthWeights' });

const WeightsAnswer = z
  .object({ weights: Weights, defaults: Weights })
  .register(apiSchemas, { id: 'HealthWeightsAnswer' });

/** The organisation's health weights beside the documented defaults (domain/health.ts). */
export const healthWeightsRoute = jsonRoute({
  method: 'get',
  path: '/health-weights',
  summary: "The organisation's health-score weights, and their defaults.",
  access: 'viewer',
  response: WeightsAnswer,
  handle: async ({ deps, viewer }) => {
    const tenant = await deps.store.tenants.get(viewer.tenantId);
    if (!tenant) return fail(ErrorCode.NotFound, `tenant ${viewer.tenantId}`);
    return ok({ weights: tenant.healthWeights, defaults: DEFAULT_HEALTH_WEIGHTS });
  },
});

/** A community manager sets the weights; the snapshot takes them from its next run on (within 5 minutes). */
export const setHealthWeightsRoute = jsonRoute({
  method: 'post',
  path: '/health-weights',
  summary: "Set the organisation's health-score weights (audited). Community managers only.",
  access: 'community_manager',
  body: Weights,
  response: WeightsAnswer,
  handle: async ({ deps, viewer, body }) => {
    const actor = await deps.store.people.get(viewer.tenantId, viewer.personId);
    if (!actor) return fail(ErrorCode.NotFound, `person ${viewer.personId}`);
    const weights = await setHealthWeights(deps, actor, body);
    return weights.ok ? ok({ weights: weights.value, defaults: DEFAULT_HEALTH_WEIGHTS }) : weights;
  },
});
