import type { Card } from '../cards/card.ts';
import { requestOutcomeCard } from '../cards/membership-request-card.ts';
import { isOwner } from '../domain/group.ts';
import { newId } from '../domain/ids.ts';
import type { MembershipRequest } from '../domain/membership-request.ts';
import { ErrorCode, fail, ok, type Result } from '../errors.ts';
import { translate } from '../messages/translate.ts';
import { enqueue, enqueueCard } from './deliver-outbox.ts';
import type { CoreDeps } from './deps.ts';
import { showClosedOnOwnersCards } from './request-closed.ts';
import { identityIn, requestCardFor } from './view-membership-request.ts';

/**
 * An owner approves or denies a request. The card that offered the buttons is not trusted: the
 * owner is checked again here, and the store lets only the first decision through. The requester
 * is told, and an approved one is added to the channel or team, through the outbox.
 * Returns the decided request and the card as the decider should now see it.
 */
export async function decideMembershipRequest(
  deps: CoreDeps,
  input: {
    tenantId: string;
    requestId: string;
    deciderId: string;
    decision: 'approved' | 'denied';
    reason: string | null;
  },
): Promise<Result<{ request: MembershipRequest; card: Card }>> {
  const { store, clock } = deps;
  const request = await store.membershipRequests.get(input.tenantId, input.requestId);
  if (!request) return fail(ErrorCode.NotFound, `request ${input.requestId}`);
  const group = await store.groups.get(input.tenantId, request.groupId);
  if (!group) return fail(ErrorCode.NotFound, `group ${request.groupId}`);
  if (!isOwner(group, input.deciderId)) {
    return fail(ErrorCode.NotAnOwner, `${input.deciderId} does not own group ${group.id}`, { group: group.name });
  }
  const reason = input.reason?.trim() || null;

  const now = clock.now();
  const decided = await store.membershipRequests.decide(input.tenantId, request.id, {
    status: input.decision,
    decidedBy: input.deciderId,
    decidedAt: now,
    reason,
  });
  if (!decided.ok) {
    if (decided.code !== ErrorCode.AlreadyDecided) return decided;
    return alreadyDecided(deps, input.tenantId, request.id, input.deciderId, decided.detail);
  }
  await store.audit.append({
    id: newId(),
    tenantId: input.tenantId,
    at: now,
    actorId: input.deciderId,
    action: `membership_request.${input.decision}`,
    subjectKind: 'membership_request',
    subjectId: request.id,
    details: { groupId: group.id, reason },
  });
  await showClosedOnOwnersCards(deps, group, decided.value);

  const [decider, requester] = await Promise.all([
    store.people.get(input.tenantId, input.deciderId),
    store.people.get(input.tenantId, request.requesterId),
  ]);
  const deciderName = decider?.displayName ?? '—';
  const to = requester ? identityIn(requester, group) : null;
  if (requester && to) {
    const card = requestOutcomeCard({
      locale: requester.locale,
      request: decided.value,
      groupName: group.name,
      deciderName,
    });
    await enqueueCard(deps, group.tenantId, to, card, `membership_request:${request.id}:outcome`);
    if (decided.value.status === 'approved') {
      await enqueue(
        deps,
        group.tenantId,
        to.platform,
        { operation: 'invite_member', payload: { group: group.platformRef, person: to } },
        `membership_request:${request.id}:invite`,
      );
    }
  }
  const card = await requestCardFor(deps, group, decided.value, decider?.locale ?? 'en', decider?.timeZone);
  return ok({ request: decided.value, card });
}

/** Says who was first, in the words of the owner who came second. */
async function alreadyDecided(deps: CoreDeps, tenantId: string, requestId: string, viewerId: string, detail: string) {
  const [request, viewer] = await Promise.all([
    deps.store.membershipRequests.get(tenantId, requestId),
    deps.store.people.get(tenantId, viewerId),
  ]);
  const winner = request?.decidedBy ? await deps.store.people.get(tenantId, request.decidedBy) : null;
  const locale = viewer?.locale ?? 'en';
  return fail(ErrorCode.AlreadyDecided, detail, {
    status: translate(locale, `request.status.${request?.status ?? 'pending'}`),
    decidedBy: winner?.displayName ?? '—',
  });
}
