import type { Card } from '../cards/card.ts';
import { membershipRequestCard } from '../cards/membership-request-card.ts';
import { type Group, isOwner } from '../domain/group.ts';
import type { MembershipRequest } from '../domain/membership-request.ts';
import type { Person, PlatformIdentity } from '../domain/person.ts';
import { ErrorCode, fail, ok, type Result } from '../errors.ts';
import type { CoreDeps } from './deps.ts';

/** A person's identity on the platform and workspace where a group lives. */
export function identityIn(person: Person, group: Group): PlatformIdentity | null {
  const { platform, workspaceId } = group.platformRef;
  return person.identities.find((i) => i.platform === platform && i.workspaceId === workspaceId) ?? null;
}

/** The request's card as it now stands, in `locale`: the buttons while pending, who decided after. */
export async function requestCardFor(
  deps: CoreDeps,
  group: Group,
  request: MembershipRequest,
  locale: Person['locale'],
  timeZone?: string,
): Promise<Card> {
  const [requester, decider, owners] = await Promise.all([
    deps.store.people.get(group.tenantId, request.requesterId),
    request.decidedBy ? deps.store.people.get(group.tenantId, request.decidedBy) : null,
    // One read for them all: a team may have a hundred owners, each of whom gets this card.
    deps.store.people.getMany(group.tenantId, group.ownerIds),
  ]);
  return membershipRequestCard({
    locale,
    request,
    groupName: group.name,
    requesterName: requester?.displayName ?? '—',
    deciderName: decider?.displayName ?? null,
    ...(timeZone ? { timeZone } : {}),
    owners: owners.flatMap((owner) =>
      owner.deactivatedAt === null ? [identityIn(owner, group)].filter((i) => i !== null) : [],
    ),
  });
}

/** An owner looks at a request card again (Teams refreshes it): only owners may see it. */
export async function viewMembershipRequest(deps: CoreDeps, viewer: Person, requestId: string): Promise<Result<Card>> {
  const request = await deps.store.membershipRequests.get(viewer.tenantId, requestId);
  const group = request ? await deps.store.groups.get(viewer.tenantId, request.groupId) : null;
  if (!request || !group) return fail(ErrorCode.NotFound, `request ${requestId}`);
  if (!isOwner(group, viewer.id))
    return fail(ErrorCode.NotAnOwner, `${viewer.id} does not own ${group.id}`, { group: group.name });
  return ok(await requestCardFor(deps, group, request, viewer.locale, viewer.timeZone));
}
