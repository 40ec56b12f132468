import { isOwner } from '../domain/group.ts';
import { newId } from '../domain/ids.ts';
import type { MembershipRequest } from '../domain/membership-request.ts';
import { fail, ok, ErrorCode, type Result } from '../errors.ts';
import type { CoreDeps } from './deps.ts';

/**
 * An owner approves or denies a request. The card that offered the buttons is not trusted: the
 * owner is checked again here, and the store lets only the first decision through.
 */
export async function decideMembershipRequest(
  { store, clock }: CoreDeps,
  input: {
    tenantId: string;
    requestId: string;
    deciderId: string;
    decision: 'approved' | 'denied';
    reason: string | null;
  },
): Promise<Result<MembershipRequest>> {
  const request = await store.membershipRequests.get(input.tenantId, input.requestId);
  if (!request) return fail(ErrorCode.NotFound, `request ${input.requestId}`);
  const group = await store.groups.get(input.tenantId, request.groupId);
  if (!group) return fail(ErrorCode.NotFound, `group ${request.groupId}`);
  if (!isOwner(group, input.deciderId)) {
    return fail(ErrorCode.NotAnOwner, `${input.deciderId} does not own group ${group.id}`);
  }

  const now = clock.now();
  const decided = await store.membershipRequests.decide(input.tenantId, request.id, {
    status: input.decision,
    decidedBy: input.deciderId,
    decidedAt: now,
    reason: input.reason,
  });
  if (!decided.ok) return decided;
  await store.audit.append({
    id: newId(),
    tenantId: input.tenantId,
    at: now,
    actorId: input.deciderId,
    action: `membership_request.${input.decision}`,
    subjectKind: 'membership_request',
    subjectId: request.id,
    details: { groupId: group.id, reason: input.reason },
  });
  return ok(decided.value);
}
