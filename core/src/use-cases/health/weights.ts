import { HEALTH_COMPONENTS, type HealthWeights, validateHealthWeights } from '../../domain/health.ts';
import { newId } from '../../domain/ids.ts';
import type { Person } from '../../domain/person.ts';
import { ErrorCode, fail, ok, type Result } from '../../errors.ts';
import type { CoreDeps } from '../deps.ts';

/**
 * A community manager or an administrator sets how much each component weighs in the groups'
 * health score, for their tenant: every component a whole number from 0 to 100, not all 0. The
 * snapshot's rows take the new weights from its next run on; the change is audited.
 */
export async function setHealthWeights(
  deps: CoreDeps,
  actor: Person,
  input: Readonly<Record<string, unknown>>,
): Promise<Result<HealthWeights>> {
  if (!actor.roles.includes('community_manager') && !actor.roles.includes('administrator')) {
    return fail(ErrorCode.NotAManager, `${actor.id} is neither a community manager nor an administrator`);
  }
  const weights = validateHealthWeights(input);
  if (!weights.ok) return weights;
  const tenant = await deps.store.tenants.get(actor.tenantId);
  if (!tenant) return fail(ErrorCode.NotFound, `tenant ${actor.tenantId}`);
  // The same weights sent again change nothing, and are not audited again.
  if (HEALTH_COMPONENTS.every((c) => tenant.healthWeights[c] === weights.value[c])) return weights;
  await deps.store.tenants.save({ ...tenant, healthWeights: weights.value });
  await deps.store.audit.append({
    id: newId(),
    tenantId: tenant.id,
    at: deps.clock.now(),
    actorId: actor.id,
    action: 'tenant.health_weights_changed',
    subjectKind: 'tenant',
    subjectId: tenant.id,
    details: { ...weights.value },
  });
  return ok(weights.value);
}
