import { DEFAULT_ESCALATION, ErrorCode, fail, MAX_ESCALATION_WEEKS, ok, setEscalationPolicy } from '@steward/core';
import { z } from 'zod';
import { apiSchemas } from './openapi.ts';
import { jsonRoute } from './route.ts';

const weeks = z.number().int().min(1).max(MAX_ESCALATION_WEEKS);
const Policy = z
  .object({ coOwnersAfterWeeks: weeks, managersAfterWeeks: weeks })
  .strict()
  .describe('Missed weekly hours in a row after which the co-owners, then the community managers, are told (weeks on time off do not count).')
  .register(apiSchemas, { id: 'EscalationPolicy' });

const PolicyAnswer = z.object({ escalation: Policy, defaults: Policy }).register(apiSchemas, { id: 'EscalationPolicyAnswer' });

/** The organisation's escalation weeks beside the defaults (domain/tenant.ts). */
export const escalationRoute = jsonRoute({
  method: 'get',
  path: '/escalation',
  summary: "The organisation's escalation weeks for missed weekly hours, and their defaults.",
  access: 'viewer',
  response: PolicyAnswer,
  handle: async ({ deps, viewer }) => {
    const tenant = await deps.store.tenants.get(viewer.tenantId);
    if (!tenant) return fail(ErrorCode.NotFound, `tenant ${viewer.tenantId}`);
    return ok({ escalation: tenant.escalation, defaults: DEFAULT_ESCALATION });
  },
});

/** An administrator sets the weeks (the core checks the role and audits); the next cards use them. */
export const setEscalationRoute = jsonRoute({
  method: 'post',
  path: '/escalation',
  summary: "Set the organisation's escalation weeks (audited). Administrators only.",
  access: 'community_manager',
  body: Policy,
  response: PolicyAnswer,
  handle: async ({ deps, viewer, body }) => {
    const actor = await deps.store.people.get(viewer.tenantId, viewer.personId);
    if (!actor) return fail(ErrorCode.NotFound, `person ${viewer.personId}`);
    const policy = await setEscalationPolicy(deps, actor, body);
    return policy.ok ? ok({ escalation: policy.value, defaults: DEFAULT_ESCALATION }) : policy;
  },
});
