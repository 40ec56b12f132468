import { newId } from '../domain/ids.ts';
import { isCurrentMember } from '../domain/membership.ts';
import type { MembershipRequest } from '../domain/membership-request.ts';
import { DEFAULT_REQUEST_EXPIRY_DAYS, firstDeadlineAt } from '../domain/request-deadlines.ts';
import { ErrorCode, fail, ok, type Result } from '../errors.ts';
import type { CoreDeps } from './deps.ts';

/** An employee asks to join a group that requires approval. */
export async function requestMembership(
  { store, clock }: CoreDeps,
  input: { tenantId: string; groupId: string; requesterId: string; note: string | null },
): Promise<Result<MembershipRequest>> {
  const group = await store.groups.get(input.tenantId, input.groupId);
  if (!group) return fail(ErrorCode.NotFound, `group ${input.groupId}`);
  if (group.membershipPolicy === 'open')
    return fail(ErrorCode.GroupIsOpen, `group ${group.id} is open`, { group: group.name });
  const membership = await store.memberships.get(input.tenantId, group.id, input.requesterId);
  if (isCurrentMember(membership))
    return fail(ErrorCode.AlreadyMember, `already in group ${group.id}`, { group: group.name });

  const now = clock.now();
  const tenant = await store.tenants.get(input.tenantId);
  const created = await store.membershipRequests.create({
    id: newId(),
    tenantId: input.tenantId,
    groupId: group.id,
    requesterId: input.requesterId,
    requestedAt: now,
    note: input.note,
    status: 'pending',
    decidedBy: null,
    decidedAt: null,
    reason: null,
    deadlineStep: null,
    deadlineAt: firstDeadlineAt(now, {
      targetHours: group.requestDeadlineHours,
      expiryDays: tenant?.requestExpiryDays ?? DEFAULT_REQUEST_EXPIRY_DAYS,
      owners: group.ownerIds.length,
    }),
  });
  if (!created.ok) return fail(created.code, created.detail, { group: group.name });
  await store.audit.append({
    id: newId(),
    tenantId: input.tenantId,
    at: now,
    actorId: input.requesterId,
    action: 'membership_request.created',
    subjectKind: 'membership_request',
    subjectId: created.value.id,
    details: { groupId: group.id },
  });
  return ok(created.value);
}
