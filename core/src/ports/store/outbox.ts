import type { Platform } from '../../domain/platform.ts';

export const OUTBOX_STATUSES = ['pending', 'sent', 'failed'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/**
 * A call to a chat platform, kept until it is done, so that an outage delays messages and loses
 * none. `operation` and `payload` are the core's own (see use-cases/deliver-outbox.ts).
 */
export interface OutboxMessage {
  readonly id: string;
  readonly tenantId: string;
  readonly platform: Platform;
  readonly operation: string;
  readonly payload: Readonly<Record<string, unknown>>;
  /** Enqueueing the same key twice keeps the first message (e.g. one weekly card per owner and week). */
  readonly dedupeKey: string | null;
  readonly status: OutboxStatus;
  readonly attempts: number;
  readonly createdAt: Date;
  /** Not delivered before this time (backoff, Retry-After). */
  readonly notBefore: Date;
  /** A worker that claimed the message holds it until then; after a crash another takes it. */
  readonly lockedUntil: Date | null;
  readonly doneAt: Date | null;
  /** What the platform answered (e.g. where the card was posted), once sent. */
  readonly result: Readonly<Record<string, unknown>> | null;
  /** The platform's error code of the last failure. */
  readonly lastError: string | null;
}

export interface OutboxRepository {
  /** `created` is false when a message with the same tenant and dedupe key exists; it is returned. */
  enqueue(message: OutboxMessage): Promise<{ created: boolean; message: OutboxMessage }>;
  /**
   * `enqueue` for many messages of one tenant in one go (a fan-out); says for each, in order,
   * whether it was created (false: its dedupe key was already there, and nothing changed).
   */
  enqueueMany(tenantId: string, messages: readonly OutboxMessage[]): Promise<boolean[]>;
  /**
   * Claims up to `limit` pending messages due at `now` (not before `notBefore`, not locked, or
   * locked until before `now`), oldest first, locking each until `now + lockMs`. Concurrent
   * claimers never get the same message. Increments `attempts`. With `platform`, only that
   * platform's messages: each platform's lane moves at its own pace.
   */
  claimDue(now: Date, limit: number, lockMs: number, platform?: Platform): Promise<OutboxMessage[]>;
  markSent(tenantId: string, id: string, at: Date, result: Record<string, unknown>): Promise<void>;
  /** A transient failure: pending again, not before `notBefore`, lock released. */
  retryLater(tenantId: string, id: string, notBefore: Date, error: string): Promise<void>;
  /** A permanent failure: kept with its error for people to see; never tried again. */
  markFailed(tenantId: string, id: string, at: Date, error: string): Promise<void>;
  get(tenantId: string, id: string): Promise<OutboxMessage | null>;
  /** Newest first. */
  listFailed(tenantId: string, limit: number): Promise<OutboxMessage[]>;
}
