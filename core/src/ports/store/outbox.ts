import type { Platform } from '../../domain/platform.ts';

export const OUTBOX_STATUSES = ['pending', 'sent', 'failed', 'cancelled'] as const;
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
  /** The Slack workspace or Teams tenant the message goes to (from its payload): what an uninstall cancels. */
  readonly workspaceId: string;
  /** The group's id on the platform (`PlatformRef.id`) when the message concerns a group; else null. */
  readonly groupId: string | null;
  /** Enqueueing the same key twice keeps the first message (e.g. one weekly card per owner and week). */
  readonly dedupeKey: string | null;
  readonly status: OutboxStatus;
  /**
   * Tries that counted: each claim adds one, and a try the platform failed (a PlatformError) gives
   * it back, so only our own errors and crashed workers add up (DeliveryPolicy.maxAttempts).
   */
  readonly attempts: number;
  readonly createdAt: Date;
  /** Not delivered before this time (backoff, Retry-After). */
  readonly notBefore: Date;
  /** A worker that claimed the message holds it until then; after a crash another takes it. */
  readonly lockedUntil: Date | null;
  readonly doneAt: Date | null;
  /** What the platform answered (e.g. where the card was posted), once sent. */
  readonly result: Readonly<Record<string, unknown>> | null;
  /** The platform's error code of the last failure, or why the message was cancelled. */
  readonly lastError: string | null;
}

/** A failed try, to be made again later. */
export interface Retry {
  /** Not before then. */
  readonly notBefore: Date;
  readonly error: string;
  /** False gives back the attempt its claim counted (the platform failed, not we). */
  readonly counted: boolean;
}

/** The pending messages to a workspace, or only those about one of its groups. */
export interface OutboxScope {
  readonly platform: Platform;
  readonly workspaceId: string;
  readonly groupId?: string;
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
  /** A transient failure: pending again, not before `retry.notBefore`, lock released. */
  retryLater(tenantId: string, id: string, retry: Retry): Promise<void>;
  /** A permanent failure: kept with its error for people to see; never tried again. */
  markFailed(tenantId: string, id: string, at: Date, error: string): Promise<void>;
  /**
   * Cancels the tenant's pending messages in `scope` (the app was removed there): each is kept as
   * `cancelled` at `at` with `reason` as its error, and never tried again. A message a worker holds
   * at that moment is cancelled too: its call may still land, but is not tried again. Returns how many.
   */
  cancelPending(tenantId: string, scope: OutboxScope, at: Date, reason: string): Promise<number>;
  get(tenantId: string, id: string): Promise<OutboxMessage | null>;
  /** The tenant's messages enqueued under these dedupe keys (e.g. where each owner's card was sent), in no order. */
  listByDedupeKeys(tenantId: string, keys: readonly string[]): Promise<OutboxMessage[]>;
  /** Newest first. */
  listFailed(tenantId: string, limit: number): Promise<OutboxMessage[]>;
  /** Messages not delivered (pending) or given up on (failed), counted by platform, across tenants. */
  countWaiting(): Promise<OutboxWaiting[]>;
  /**
   * For administrators: the messages in `status` across tenants (or of one), newest first (when
   * they were given up or cancelled; pending ones when they were enqueued).
   */
  listByStatus(filter: OutboxListing): Promise<OutboxMessage[]>;
  /**
   * Failed messages given another chance: pending again, due at `at`, their attempts back to 0
   * and their last error kept until the next try. Others named are left as they are. Returns the
   * messages made pending.
   */
  retryFailed(selection: OutboxSelection, at: Date): Promise<OutboxRef[]>;
  /** Pending or failed messages cancelled at `at` with `reason`, never tried again; returns them. */
  cancel(ids: readonly string[], at: Date, reason: string): Promise<OutboxRef[]>;
}

export interface OutboxListing {
  readonly status: Exclude<OutboxStatus, 'sent'>;
  readonly tenantId?: string;
  readonly limit: number;
}

/** Which message of which tenant. */
export interface OutboxRef {
  readonly tenantId: string;
  readonly id: string;
}

/** These messages (of any tenant), or every failed one (of one tenant). */
export type OutboxSelection =
  | { readonly ids: readonly string[] }
  | { readonly allFailed: true; readonly tenantId?: string };

export interface OutboxWaiting {
  readonly platform: Platform;
  readonly status: Extract<OutboxStatus, 'pending' | 'failed'>;
  readonly count: number;
}
