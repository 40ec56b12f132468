import {
  DEFAULT_IDLE_GROUP_POLICY,
  IDLE_POLICY_LIMITS,
  IDLE_QUIET_REASONS,
  idleGroupPolicyOf,
  idleGroupsDryRun,
  ok,
  setIdleGroupPolicy,
} from '@steward/core';
import { z } from 'zod';
import { apiSchemas } from './openapi.ts';
import { jsonRoute } from './route.ts';
import { tenantPolicyRoutes } from './tenant-policy.ts';

const whole = (limits: { readonly min: number; readonly max: number }) =>
  z.number().int().min(limits.min).max(limits.max);

const Policy = z
  .object({
    idleAfterDays: whole(IDLE_POLICY_LIMITS.idleAfterDays).describe(
      'A group idle (METRICS.md) over this many days is warned.',
    ),
    certifyForMonths: whole(IDLE_POLICY_LIMITS.certifyForMonths).describe(
      '"Still active" stops the checks for this many months.',
    ),
    warningsBeforeProposal: whole(IDLE_POLICY_LIMITS.warningsBeforeProposal).describe(
      'Unanswered warnings before the community managers are asked.',
    ),
    warningIntervalDays: whole(IDLE_POLICY_LIMITS.warningIntervalDays).describe('Days between two warnings.'),
    exemptGroupIds: z
      .array(z.guid())
      .max(IDLE_POLICY_LIMITS.exemptGroupIds.max)
      .readonly()
      .describe('Groups never warned.'),
  })
  .strict()
  .register(apiSchemas, { id: 'IdleGroupPolicy' });

const DryRunRow = z
  .object({
    groupId: z.guid(),
    name: z.string(),
    members: z.number().int().min(0),
    engaged: z.number().int().min(0).describe('Members who replied or reacted over idleAfterDays.'),
    step: z.enum(['none', 'warn', 'propose_archive']),
    warning: z.number().int().min(1).nullable().describe('For warn: which warning of the round.'),
    reason: z.enum(IDLE_QUIET_REASONS).nullable().describe('For none: why nothing happens.'),
  })
  .register(apiSchemas, { id: 'IdleGroupDryRunRow' });

const DryRun = z
  .object({ policy: Policy, groups: z.array(DryRunRow).readonly() })
  .register(apiSchemas, { id: 'IdleGroupDryRun' });

/** The organisation's idle-group policy beside the documented defaults (domain/idle-group.ts); an administrator sets it for the job's next run. */
export const [idleGroupPolicyRoute, setIdleGroupPolicyRoute] = tenantPolicyRoutes({
  path: '/idle-groups/policy',
  field: 'policy',
  schema: Policy,
  answerId: 'IdleGroupPolicyAnswer',
  defaults: DEFAULT_IDLE_GROUP_POLICY,
  read: {
    summary: "The organisation's idle-group policy, and its defaults. Community managers and administrators.",
    access: 'community_manager',
    current: async (deps, tenantId) => ok(await idleGroupPolicyOf(deps, tenantId)),
  },
  write: {
    summary: "Set the organisation's idle-group policy (audited). Administrators only.",
    set: setIdleGroupPolicy,
  },
});

/** What the idle check would do today to every group, and why; writes nothing. */
export const idleGroupsDryRunRoute = jsonRoute({
  method: 'get',
  path: '/idle-groups/dry-run',
  summary:
    'What the idle-group check would do today to each group (warn, propose archive, or nothing and why). Writes nothing.',
  access: 'community_manager',
  response: DryRun,
  handle: async ({ deps, viewer }) => ok(await idleGroupsDryRun(deps, viewer.tenantId)),
});
