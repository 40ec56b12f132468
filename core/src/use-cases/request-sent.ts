import { requestSentCard } from '../cards/request-notices.ts';
import type { Group } from '../domain/group.ts';
import type { MembershipRequest } from '../domain/membership-request.ts';
import type { Person } from '../domain/person.ts';
import { enqueueCard } from './deliver-outbox.ts';
import type { CoreDeps } from './deps.ts';
import { identityIn } from './view-membership-request.ts';

/**
 * The requester's own card: the request went to the owners, with a button to cancel it. A real
 * message in their chat (not a reply only they see for a while), so that the button's answer can
 * replace it; once per request.
 */
export async function sendRequesterCard(
  deps: CoreDeps,
  requester: Person,
  group: Group,
  request: MembershipRequest,
): Promise<void> {
  const to = identityIn(requester, group);
  if (!to) return;
  const card = requestSentCard(requester.locale, request, group.name);
  await enqueueCard(deps, group.tenantId, to, card, `membership_request:${request.id}:requester`);
}
