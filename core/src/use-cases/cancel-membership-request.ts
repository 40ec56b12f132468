import type { Card } from '../cards/card.ts';
import { requestEndedCard } from '../cards/request-notices.ts';
import { isActive } from '../domain/group.ts';
import { newId } from '../domain/ids.ts';
import type { Person } from '../domain/person.ts';
import type { PlatformRef } from '../domain/platform.ts';
import { DEFAULT_REQUEST_EXPIRY_DAYS } from '../domain/request-deadlines.ts';
import { ErrorCode, fail, ok, type Result } from '../errors.ts';
import { translate } from '../messages/translate.ts';
import type { CoreDeps } from './deps.ts';
import { showClosedOnOwnersCards } from './request-closed.ts';

/**
 * The requester takes back a pending request: only they may (the card is not trusted), and only
 * while no owner decided. The owners' cards then say it was cancelled. Returns what the requester
 * now sees where the button was.
 */
export async function cancelMembershipRequest(
  deps: CoreDeps,
  requester: Person,
  requestId: string,
): Promise<Result<Card>> {
  const { store, clock } = deps;
  const request = await store.membershipRequests.get(requester.tenantId, requestId);
  const group = request ? await store.groups.get(requester.tenantId, request.groupId) : null;
  if (!request || !group) return fail(ErrorCode.NotFound, `request ${requestId}`);
  if (request.requesterId !== requester.id)
    return fail(ErrorCode.NotYourCard, `${requester.id} did not make request ${request.id}`);
  const now = clock.now();
  const cancelled = await store.membershipRequests.decide(requester.tenantId, request.id, {
    status: 'cancelled',
    decidedBy: requester.id,
    decidedAt: now,
    reason: null,
  });
  if (!cancelled.ok) {
    if (cancelled.code !== ErrorCode.AlreadyDecided) return cancelled;
    const current = await store.membershipRequests.get(requester.tenantId, request.id);
    const decider = current?.decidedBy ? await store.people.get(requester.tenantId, current.decidedBy) : null;
    return fail(ErrorCode.AlreadyDecided, cancelled.detail, {
      status: translate(requester.locale, `request.status.${current?.status ?? 'pending'}`),
      decidedBy: decider?.displayName ?? '—',
    });
  }
  await store.audit.append({
    id: newId(),
    tenantId: requester.tenantId,
    at: now,
    actorId: requester.id,
    action: 'membership_request.cancelled',
    subjectKind: 'membership_request',
    subjectId: request.id,
    details: { groupId: group.id },
  });
  await showClosedOnOwnersCards(deps, group, cancelled.value);
  return ok(requestEndedCard(requester.locale, cancelled.value, group.name, DEFAULT_REQUEST_EXPIRY_DAYS));
}

/** `cancel #channel`: the person's pending request to join that group, cancelled. */
export async function cancelRequestToJoin(deps: CoreDeps, requester: Person, ref: PlatformRef): Promise<Result<Card>> {
  const group = await deps.store.groups.findByPlatformRef(requester.tenantId, ref);
  if (!group || !isActive(group)) return fail(ErrorCode.NotFound, `no active group for ${ref.platform} ${ref.id}`);
  const pending = (await deps.store.membershipRequests.listPending(requester.tenantId, group.id)).find(
    (r) => r.requesterId === requester.id,
  );
  if (!pending) return ok(requestEndedNone(requester, group.name));
  return cancelMembershipRequest(deps, requester, pending.id);
}

function requestEndedNone(requester: Person, groupName: string): Card {
  const text = translate(requester.locale, 'request.cancel.none', { group: groupName });
  return {
    locale: requester.locale,
    title: translate(requester.locale, 'request.card.title', { group: groupName }),
    summary: text,
    blocks: [{ kind: 'text', text }],
  };
}
