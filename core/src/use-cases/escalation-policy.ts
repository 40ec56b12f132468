import { newId } from '../domain/ids.ts';
import type { Person } from '../domain/person.ts';
import type { EscalationPolicy } from '../domain/tenant.ts';
import { ErrorCode, fail, ok, type Result } from '../errors.ts';
import type { CoreDeps } from './deps.ts';
import { ESCALATION_HISTORY_WEEKS } from './weekly-hour/escalate.ts';

/** The most weeks either escalation may wait: the job reads no further back than this. */
export const MAX_ESCALATION_WEEKS = ESCALATION_HISTORY_WEEKS;

type PolicyField = 'coOwnersAfterWeeks' | 'managersAfterWeeks';
const invalid = (field: PolicyField, detail: string) => fail(ErrorCode.InvalidInput, detail, { field });

/** Whole weeks from 1 to MAX_ESCALATION_WEEKS, the managers told no sooner than the co-owners. */
export function validateEscalationPolicy(input: {
  readonly coOwnersAfterWeeks: unknown;
  readonly managersAfterWeeks: unknown;
}): Result<EscalationPolicy> {
  const weeks = (value: unknown) =>
    typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_ESCALATION_WEEKS;
  if (!weeks(input.coOwnersAfterWeeks))
    return invalid('coOwnersAfterWeeks', `co-owners after ${String(input.coOwnersAfterWeeks)} weeks`);
  if (!weeks(input.managersAfterWeeks))
    return invalid('managersAfterWeeks', `managers after ${String(input.managersAfterWeeks)} weeks`);
  const policy = {
    coOwnersAfterWeeks: input.coOwnersAfterWeeks as number,
    managersAfterWeeks: input.managersAfterWeeks as number,
  };
  if (policy.managersAfterWeeks < policy.coOwnersAfterWeeks)
    return invalid('managersAfterWeeks', 'managers told before co-owners');
  return ok(policy);
}

/**
 * An administrator sets after how many missed weekly hours the co-owners, then the community
 * managers, are told; audited, and not again when nothing changes. Applies from the next cards on.
 */
export async function setEscalationPolicy(
  deps: CoreDeps,
  actor: Person,
  input: { readonly coOwnersAfterWeeks: unknown; readonly managersAfterWeeks: unknown },
): Promise<Result<EscalationPolicy>> {
  if (!actor.roles.includes('administrator') || actor.deactivatedAt !== null)
    return fail(ErrorCode.NotAnAdministrator, `${actor.id} is not an administrator`);
  const policy = validateEscalationPolicy(input);
  if (!policy.ok) return policy;
  const tenant = await deps.store.tenants.get(actor.tenantId);
  if (!tenant) return fail(ErrorCode.NotFound, `tenant ${actor.tenantId}`);
  const { coOwnersAfterWeeks, managersAfterWeeks } = policy.value;
  if (
    tenant.escalation.coOwnersAfterWeeks === coOwnersAfterWeeks &&
    tenant.escalation.managersAfterWeeks === managersAfterWeeks
  )
    return policy;
  await deps.store.tenants.save({ ...tenant, escalation: policy.value });
  await deps.store.audit.append({
    id: newId(),
    tenantId: tenant.id,
    at: deps.clock.now(),
    actorId: actor.id,
    action: 'tenant.escalation_changed',
    subjectKind: 'tenant',
    subjectId: tenant.id,
    details: {
      coOwnersAfterWeeks,
      managersAfterWeeks,
      wasCoOwnersAfterWeeks: tenant.escalation.coOwnersAfterWeeks,
      wasManagersAfterWeeks: tenant.escalation.managersAfterWeeks,
    },
  });
  return policy;
}
