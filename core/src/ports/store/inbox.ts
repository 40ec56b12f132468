import type { Platform } from '../../domain/platform.ts';

export const INBOX_STATUSES = ['pending', 'parked'] as const;
export type InboxStatus = (typeof INBOX_STATUSES)[number];

/** Which delivery of which platform an item is: a redelivery of the same event has the same key. */
export interface InboxKey {
  readonly platform: Platform;
  /** The Slack team or enterprise id, or the Teams tenant id. */
  readonly workspaceId: string;
  /** The platform's own id of the delivery (Slack's event id, a Teams activity's id). */
  readonly eventId: string;
}

/**
 * Something a platform told us and we acknowledged: it is stored before the acknowledgement and
 * kept until it is handled, so that a crash the instant after the answer loses nothing. `kind` and
 * `payload` are the core's own (see ingest/inbox-events.ts). Handled items are removed; an item
 * that cannot be handled is parked with its reason, for people to see, and never dropped.
 */
export interface InboxItem extends InboxKey {
  readonly kind: string;
  readonly payload: Readonly<Record<string, unknown>>;
  readonly receivedAt: Date;
  readonly status: InboxStatus;
  /** Times it was claimed for handling. */
  readonly attempts: number;
  /** Not handled before this time (backoff). */
  readonly notBefore: Date;
  /** A worker that claimed it holds it until then; after a crash another takes it. */
  readonly lockedUntil: Date | null;
  /** Why it was last not handled. */
  readonly lastError: string | null;
}

/** What an edge hands over: a pending item, or one parked at once because it cannot be read. */
export interface NewInboxItem extends InboxKey {
  readonly kind: string;
  readonly payload: Readonly<Record<string, unknown>>;
  readonly receivedAt: Date;
  /** Set when the item is parked as it arrives: why it cannot be handled. */
  readonly problem: string | null;
}

export interface InboxRepository {
  /**
   * Stores, in one durable write, the items whose key is not stored yet (a redelivery changes
   * nothing); returns how many were new. Resolves only once they are committed.
   */
  accept(items: readonly NewInboxItem[]): Promise<number>;
  /**
   * Claims up to `limit` pending items due at `now` and not locked (or locked until before `now`),
   * in the order they arrived, locking each until `now + lockMs` and counting the attempt.
   * Concurrent claimers never get the same item.
   */
  claimDue(now: Date, limit: number, lockMs: number): Promise<InboxItem[]>;
  /** Handled: the items are removed. */
  complete(keys: readonly InboxKey[]): Promise<void>;
  /** Not handled this time: pending again, not before `notBefore`, with the reason. */
  retryLater(key: InboxKey, notBefore: Date, error: string): Promise<void>;
  /** Cannot be handled: kept, with the reason, and not tried again on its own. */
  park(key: InboxKey, error: string): Promise<void>;
  /** Parked items, oldest first. */
  listParked(limit: number): Promise<InboxItem[]>;
  /** How many items wait in each status. */
  countByStatus(): Promise<Readonly<Record<InboxStatus, number>>>;
  /** When the oldest item still waiting to be handled was received; null when none waits. */
  oldestPendingAt(): Promise<Date | null>;
}
