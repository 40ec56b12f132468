import {
  DEFAULT_HEALTH_WEIGHTS,
  HEALTH_COMPONENTS,
  type HealthComponent,
  MAX_HEALTH_WEIGHT,
  setHealthWeights,
} from '@steward/core';
import { z } from 'zod';
import { apiSchemas } from './openapi.ts';
import { fromTenant, tenantPolicyRoutes } from './tenant-policy.ts';

const weight = z.number().int().min(0).max(MAX_HEALTH_WEIGHT);
const Weights = z
  .object(Object.fromEntries(HEALTH_COMPONENTS.map((c) => [c, weight])) as Record<HealthComponent, typeof weight>)
  .strict()
  .describe('How much each component weighs in the health score: whole numbers from 0 to 100, not all 0.')
  .register(apiSchemas, { id: 'HealthWeights' });

/**
 * The organisation's health weights beside the documented defaults (domain/health.ts); a community
 * manager sets them, and the snapshot takes them from its next run on (within 5 minutes).
 */
export const [healthWeightsRoute, setHealthWeightsRoute] = tenantPolicyRoutes({
  path: '/health-weights',
  field: 'weights',
  schema: Weights,
  answerId: 'HealthWeightsAnswer',
  defaults: DEFAULT_HEALTH_WEIGHTS,
  read: {
    summary: "The organisation's health-score weights, and their defaults.",
    access: 'viewer',
    current: fromTenant((tenant) => tenant.healthWeights),
  },
  write: {
    summary: "Set the organisation's health-score weights (audited). Community managers only.",
    set: setHealthWeights,
  },
});
