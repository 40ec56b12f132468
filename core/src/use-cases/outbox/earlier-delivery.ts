import {
  type ChatPlatform,
  type DeliveryAddress,
  type DeliveryKey,
  PlatformError,
  type SentCard,
} from '../../ports/chat-platform.ts';
import type { Logger } from '../../ports/logger.ts';
import type { OutboxMessage } from '../../ports/store/outbox.ts';

/**
 * How far before its enqueueing a message's earlier delivery is looked for: the platform stamps
 * messages with its own clock, which may be a little behind ours.
 */
export const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * Whether an earlier claim of the message may have reached the platform without being marked sent.
 * A claim counts an attempt and a platform's refusal gives it back (OutboxMessage.attempts), so a
 * message claimed with more than one attempt had a claim end in a crash or in our own error: the
 * platform may have posted it before the worker died.
 */
export function mayHaveReachedPlatform(message: OutboxMessage): boolean {
  return message.dedupeKey !== null && message.attempts > 1;
}

/**
 * The card an earlier claim of the message already delivered, found by its dedupe key where the
 * platform can read its messages back (ChatPlatform.findDelivered); null when it must be sent.
 */
export async function earlierDelivery(
  platform: ChatPlatform,
  message: OutboxMessage,
  address: DeliveryAddress,
  logger: Logger,
): Promise<SentCard | null> {
  if (!platform.findDelivered || !mayHaveReachedPlatform(message)) return null;
  const delivery: DeliveryKey = { key: message.dedupeKey! };
  let found: SentCard | null;
  try {
    found = await platform.findDelivered(address, delivery, new Date(message.createdAt.getTime() - CLOCK_SKEW_MS));
  } catch (error) {
    // A refusal to read (an install from before im:history was asked for: missing_scope) must not
    // end the message: it is sent, at the risk of a duplicate. An outage is tried again later.
    if (!(error instanceof PlatformError) || !error.permanent) throw error;
    logger.warn({ outboxId: message.id, code: error.code }, 'could not look for an earlier delivery: sending');
    return null;
  }
  if (found)
    logger.info(
      { outboxId: message.id, dedupeKey: message.dedupeKey, attempts: message.attempts },
      'an earlier attempt was delivered: marked sent, not sent again',
    );
  return found;
}

/** The key a message carries to the platform, when it has one. */
export function deliveryKeyOf(message: OutboxMessage): DeliveryKey | undefined {
  return message.dedupeKey === null ? undefined : { key: message.dedupeKey };
}
