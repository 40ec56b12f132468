import type { Card } from '../cards/card.ts';
import type { Group } from '../domain/group.ts';
import type { MembershipRequest } from '../domain/membership-request.ts';
import { PLATFORMS } from '../domain/platform.ts';
import type { SentCard } from '../ports/chat-platform.ts';
import type { OutboxMessage } from '../ports/store/outbox.ts';
import { requestCardKey } from './ask-to-join.ts';
import { enqueueAll } from './deliver-outbox.ts';
import type { CoreDeps } from './deps.ts';
import { requestCardFor } from './view-membership-request.ts';

/** Where the platform put a card the outbox sent (`markSent`'s result), or null if it is not sent yet. */
export function sentCardOf(message: OutboxMessage): SentCard | null {
  const result = message.result;
  if (message.status !== 'sent' || !result) return null;
  const { platform, workspaceId, conversationId, messageId } = result;
  if (
    !PLATFORMS.includes(platform as never) ||
    typeof workspaceId !== 'string' ||
    typeof conversationId !== 'string' ||
    typeof messageId !== 'string'
  )
    return null;
  return { platform: platform as SentCard['platform'], workspaceId, conversationId, messageId };
}

/**
 * A request was closed (decided, expired or cancelled): each owner's request card is updated in
 * place to say so, with no button left (Slack `chat.update`, Teams `updateActivity`), through the
 * outbox so that an outage delays it and loses none; once per card whoever closes it. A card the
 * outbox has not sent yet is left: Teams shows it as it stands on opening, and a Slack button on it
 * says who decided. Returns how many updates were enqueued.
 */
export async function showClosedOnOwnersCards(
  deps: CoreDeps,
  group: Group,
  request: MembershipRequest,
): Promise<number> {
  const owners = await deps.store.people.getMany(group.tenantId, group.ownerIds);
  const ownerOfKey = new Map(owners.map((owner) => [requestCardKey(request.id, owner.id), owner]));
  const sent = await deps.store.outbox.listByDedupeKeys(group.tenantId, [...ownerOfKey.keys()]);
  // One card per language and zone, however many owners read it.
  const cards = new Map<string, Promise<Card>>();
  const calls = [];
  for (const message of sent) {
    const owner = message.dedupeKey ? ownerOfKey.get(message.dedupeKey) : undefined;
    const where = sentCardOf(message);
    if (!owner || !where) continue;
    const look = `${owner.locale}|${owner.timeZone}`;
    if (!cards.has(look)) cards.set(look, requestCardFor(deps, group, request, owner.locale, owner.timeZone));
    const card = await cards.get(look)!;
    calls.push({
      platform: where.platform,
      call: { operation: 'update_card', payload: { sent: where, card } } as const,
      dedupeKey: `${message.dedupeKey}:closed`,
    });
  }
  if (calls.length === 0) return 0;
  return (await enqueueAll(deps, group.tenantId, calls)).filter(Boolean).length;
}
