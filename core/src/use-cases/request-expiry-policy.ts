import { newId } from '../domain/ids.ts';
import type { Person } from '../domain/person.ts';
import { validateRequestExpiryDays } from '../domain/request-deadlines.ts';
import { ErrorCode, fail, ok, type Result } from '../errors.ts';
import type { CoreDeps } from './deps.ts';

/** The tenant's request expiry as the API speaks of it. */
export interface RequestExpiryPolicy {
  readonly days: number;
}

/**
 * An administrator sets after how many days an undecided membership request expires; audited, and
 * not again when nothing changes. Pending requests follow at once: one due to be looked at after
 * its new expiry is looked at then (a longer limit needs nothing, the job reschedules as it goes).
 */
export async function setRequestExpiry(
  deps: CoreDeps,
  actor: Person,
  input: { readonly days: unknown },
): Promise<Result<RequestExpiryPolicy>> {
  if (!actor.roles.includes('administrator') || actor.deactivatedAt !== null)
    return fail(ErrorCode.NotAnAdministrator, `${actor.id} is not an administrator`);
  const days = validateRequestExpiryDays(input.days);
  if (!days.ok) return days;
  const tenant = await deps.store.tenants.get(actor.tenantId);
  if (!tenant) return fail(ErrorCode.NotFound, `tenant ${actor.tenantId}`);
  if (tenant.requestExpiryDays === days.value) return ok({ days: days.value });
  await deps.store.tenants.save({ ...tenant, requestExpiryDays: days.value });
  const moved = await deps.store.membershipRequests.bringDeadlinesWithin(tenant.id, days.value);
  await deps.store.audit.append({
    id: newId(),
    tenantId: tenant.id,
    at: deps.clock.now(),
    actorId: actor.id,
    action: 'tenant.request_expiry_changed',
    subjectKind: 'tenant',
    subjectId: tenant.id,
    details: { days: days.value, wasDays: tenant.requestExpiryDays, pendingRescheduled: moved },
  });
  return ok({ days: days.value });
}
