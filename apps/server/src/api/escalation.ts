import { DEFAULT_ESCALATION, MAX_ESCALATION_WEEKS, setEscalationPolicy } from '@steward/core';
import { z } from 'zod';
import { apiSchemas } from './openapi.ts';
import { fromTenant, tenantPolicyRoutes } from './tenant-policy.ts';

const weeks = z.number().int().min(1).max(MAX_ESCALATION_WEEKS);
const Policy = z
  .object({ coOwnersAfterWeeks: weeks, managersAfterWeeks: weeks })
  .strict()
  .describe(
    'Missed weekly hours in a row after which the co-owners, then the community managers, are told (weeks on time off do not count).',
  )
  .register(apiSchemas, { id: 'EscalationPolicy' });

/** The organisation's escalation weeks beside the defaults (domain/tenant.ts); an administrator sets them for the next cards. */
export const [escalationRoute, setEscalationRoute] = tenantPolicyRoutes({
  path: '/escalation',
  field: 'escalation',
  schema: Policy,
  answerId: 'EscalationPolicyAnswer',
  defaults: DEFAULT_ESCALATION,
  read: {
    summary: "The organisation's escalation weeks for missed weekly hours, and their defaults.",
    access: 'viewer',
    current: fromTenant((tenant) => tenant.escalation),
  },
  write: {
    summary: "Set the organisation's escalation weeks (audited). Administrators only.",
    set: setEscalationPolicy,
  },
});
