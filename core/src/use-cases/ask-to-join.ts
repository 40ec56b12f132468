import { type Group, isActive } from '../domain/group.ts';
import type { MembershipRequest } from '../domain/membership-request.ts';
import type { Person } from '../domain/person.ts';
import type { PlatformRef } from '../domain/platform.ts';
import { ErrorCode, fail, ok, type Result } from '../errors.ts';
import { enqueueCard } from './deliver-outbox.ts';
import type { CoreDeps } from './deps.ts';
import { requestMembership } from './request-membership.ts';
import { sendRequesterCard } from './request-sent.ts';
import { identityIn, requestCardFor } from './view-membership-request.ts';

/**
 * A person asks to join the group of a channel; each owner gets the request as a card to decide
 * on (through the outbox, once per owner however often this runs).
 */
export async function askToJoin(
  deps: CoreDeps,
  requester: Person,
  ref: PlatformRef,
  note: string | null,
): Promise<Result<{ group: Group; request: MembershipRequest }>> {
  const group = await deps.store.groups.findByPlatformRef(requester.tenantId, ref);
  if (!group || !isActive(group)) return fail(ErrorCode.NotFound, `no active group for ${ref.platform} ${ref.id}`);
  const created = await requestMembership(deps, {
    tenantId: requester.tenantId,
    groupId: group.id,
    requesterId: requester.id,
    note,
  });
  if (!created.ok) return created;
  const request = created.value;
  for (const ownerId of group.ownerIds) {
    const owner = await deps.store.people.get(group.tenantId, ownerId);
    const to = owner && owner.deactivatedAt === null ? identityIn(owner, group) : null;
    if (!owner || !to) continue;
    const card = await requestCardFor(deps, group, request, owner.locale);
    await enqueueCard(deps, group.tenantId, to, card, requestCardKey(request.id, owner.id));
  }
  await sendRequesterCard(deps, requester, group, request);
  return ok({ group, request });
}

/** One request card per owner: the key that keeps it single, and finds it again. */
export function requestCardKey(requestId: string, ownerId: string): string {
  return `membership_request:${requestId}:owner:${ownerId}`;
}

/** An active group of the tenant by its name as people write it ("design", "#design"), case aside. */
export async function groupNamed({ store }: CoreDeps, tenantId: string, name: string): Promise<Group | null> {
  const wanted = name.replace(/^#/, '').trim().toLocaleLowerCase();
  const groups = await store.groups.list(tenantId);
  return groups.find((group) => isActive(group) && group.name.replace(/^#/, '').toLocaleLowerCase() === wanted) ?? null;
}
