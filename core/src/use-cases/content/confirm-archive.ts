import type { Logger } from '../../ports/logger.ts';
import type { OutboxMessage } from '../../ports/store/outbox.ts';
import type { CoreDeps } from '../deps.ts';

/** The inventory's item an outbox message archives on its platform; null for any other message. */
function archivedItemOf(message: OutboxMessage): string | null {
  if (message.operation !== 'archive_content') return null;
  const itemId = message.payload['itemId'];
  return typeof itemId === 'string' ? itemId : null;
}

/**
 * The platform confirmed the unpin or removal: only now is the item archived in the inventory.
 * Should this write fail, the item stays active until the next content sync finds it gone, so
 * the failure is logged and not thrown (the message was delivered and must not be sent again).
 */
export async function confirmArchive(
  { store, clock }: CoreDeps,
  logger: Logger,
  message: OutboxMessage,
): Promise<void> {
  const itemId = archivedItemOf(message);
  if (itemId === null) return;
  try {
    await store.contentItems.archive(message.tenantId, itemId, clock.now());
  } catch (error) {
    logger.warn(
      { outboxId: message.id, itemId, err: error },
      'content item removed on its platform but not yet marked archived',
    );
  }
}

/** An archive the platform refused for good: the item stays active, and why is logged. */
export function logArchiveRefused(logger: Logger, message: OutboxMessage, code: string): void {
  const itemId = archivedItemOf(message);
  if (itemId !== null)
    logger.warn(
      { outboxId: message.id, itemId, code },
      'content item not archived: its platform refused, it stays active',
    );
}
