import type { Card } from '../cards/card.ts';
import { type Backoff, backoffMs } from '../domain/backoff.ts';
import type { ContentKind } from '../domain/content-item.ts';
import { newId } from '../domain/ids.ts';
import type { PlatformIdentity } from '../domain/person.ts';
import type { Platform, PlatformRef } from '../domain/platform.ts';
import { type ChatPlatform, PlatformError, type SentCard } from '../ports/chat-platform.ts';
import type { Logger } from '../ports/logger.ts';
import type { OutboxMessage } from '../ports/store/outbox.ts';
import { confirmArchive, logArchiveRefused } from './content/confirm-archive.ts';
import type { CoreDeps } from './deps.ts';
import { groupArchivedOnPlatform } from './groups/archive-group.ts';
import { deliveryKeyOf, earlierDelivery } from './outbox/earlier-delivery.ts';
import { alreadyInvited } from './outbox/invite-once.ts';

/** What the outbox can ask of a platform, with what each needs. */
export type OutboxOperation =
  | { readonly operation: 'send_card'; readonly payload: { readonly to: PlatformIdentity; readonly card: Card } }
  | { readonly operation: 'post_in_group'; readonly payload: { readonly group: PlatformRef; readonly card: Card } }
  | { readonly operation: 'update_card'; readonly payload: { readonly sent: SentCard; readonly card: Card } }
  | {
      readonly operation: 'invite_member';
      readonly payload: { readonly group: PlatformRef; readonly person: PlatformIdentity };
    }
  /** Slack's App Home: the cards shown one under the other, replacing what it showed. */
  | {
      readonly operation: 'publish_home';
      readonly payload: { readonly to: PlatformIdentity; readonly cards: readonly Card[] };
    }
  | {
      readonly operation: 'archive_content';
      /** `itemId`: the inventory's item, marked archived once the platform confirmed (absent in older messages). */
      readonly payload: {
        readonly group: PlatformRef;
        readonly item: { kind: ContentKind; ref: PlatformRef };
        readonly itemId?: string;
      };
    }
  /** Archives the channel or team; its group becomes archived when the platform says it is. */
  | { readonly operation: 'archive_group'; readonly payload: { readonly group: PlatformRef } };

/** Puts a platform call in the outbox; the same `dedupeKey` is enqueued once. */
export async function enqueue(
  { store, clock }: CoreDeps,
  tenantId: string,
  platform: Platform,
  call: OutboxOperation,
  dedupeKey: string | null = null,
): Promise<{ created: boolean; message: OutboxMessage }> {
  return store.outbox.enqueue(outboxMessage(tenantId, platform, call, dedupeKey, clock.now()));
}

/** Sends the card to the person, on their platform, through the outbox; the same `dedupeKey` is enqueued once. */
export function enqueueCard(
  deps: CoreDeps,
  tenantId: string,
  to: PlatformIdentity,
  card: Card,
  dedupeKey: string | null = null,
): Promise<{ created: boolean; message: OutboxMessage }> {
  return enqueue(deps, tenantId, to.platform, { operation: 'send_card', payload: { to, card } }, dedupeKey);
}

/** A platform call for many: one write for all (a fan-out); says for each whether it was new. */
export async function enqueueAll(
  { store, clock }: CoreDeps,
  tenantId: string,
  calls: readonly { readonly platform: Platform; readonly call: OutboxOperation; readonly dedupeKey: string | null }[],
): Promise<boolean[]> {
  const now = clock.now();
  return store.outbox.enqueueMany(
    tenantId,
    calls.map(({ platform, call, dedupeKey }) => outboxMessage(tenantId, platform, call, dedupeKey, now)),
  );
}

function outboxMessage(
  tenantId: string,
  platform: Platform,
  call: OutboxOperation,
  dedupeKey: string | null,
  now: Date,
): OutboxMessage {
  return {
    id: newId(),
    tenantId,
    platform,
    operation: call.operation,
    payload: call.payload as unknown as Record<string, unknown>,
    ...addressOf(call),
    dedupeKey,
    status: 'pending',
    attempts: 0,
    createdAt: now,
    notBefore: now,
    lockedUntil: null,
    doneAt: null,
    result: null,
    lastError: null,
  };
}

/** Where a call goes: its workspace, and its group's platform id when it concerns one. */
function addressOf(call: OutboxOperation): { workspaceId: string; groupId: string | null } {
  switch (call.operation) {
    case 'send_card':
    case 'publish_home':
      return { workspaceId: call.payload.to.workspaceId, groupId: null };
    case 'update_card':
      return { workspaceId: call.payload.sent.workspaceId, groupId: null };
    case 'post_in_group':
    case 'invite_member':
    case 'archive_content':
    case 'archive_group':
      return { workspaceId: call.payload.group.workspaceId, groupId: call.payload.group.id };
  }
}

/**
 * How the outbox retries. A platform that fails (429, 5xx, a dropped connection, a timeout: a
 * transient PlatformError) never ends a message however long it stays down: it is tried again with
 * capped backoff, so delivery resumes within `maxDelayMs` of the platform's return, or when the
 * platform asked (Retry-After). Such tries do not count; only our own errors (anything not a
 * PlatformError) and crashed workers add up to `maxAttempts`. A permanent PlatformError ends the
 * message at once, with its code.
 */
export interface DeliveryPolicy extends Backoff {
  /** Messages claimed per round. */
  readonly batch: number;
  /** How long a claimed message stays locked: longer than any platform call may take. */
  readonly lockMs: number;
  /** Tries that counted (see above) after which a message is recorded as failed. */
  readonly maxAttempts: number;
  /** A message still failing transiently this long after it was enqueued is recorded as failed. */
  readonly maxAgeMs: number;
}

export const DEFAULT_DELIVERY: DeliveryPolicy = {
  batch: 50,
  lockMs: 120_000,
  maxAttempts: 12,
  // A week: the next weekly card supersedes this one by then.
  maxAgeMs: 7 * 24 * 3_600_000,
  baseDelayMs: 1_000,
  maxDelayMs: 5 * 60_000,
  random: Math.random,
};

/**
 * The call a message asks for. A card whose earlier claim may have reached the platform is first
 * looked for there by its dedupe key (outbox/earlier-delivery.ts): found, it is not sent again. An
 * invitation an earlier try may have carried out first asks whether the person is in (invite-once.ts).
 */
async function perform(
  platform: ChatPlatform,
  message: OutboxMessage,
  logger: Logger,
): Promise<Record<string, unknown>> {
  const call = { operation: message.operation, payload: message.payload } as OutboxOperation;
  const delivery = deliveryKeyOf(message);
  switch (call.operation) {
    case 'send_card': {
      const { to, card } = call.payload;
      return {
        ...((await earlierDelivery(platform, message, { to }, logger)) ??
          (await platform.sendCard(to, card, delivery))),
      };
    }
    case 'post_in_group': {
      const { group, card } = call.payload;
      return {
        ...((await earlierDelivery(platform, message, { group }, logger)) ??
          (await platform.postInGroup(group, card, delivery))),
      };
    }
    case 'update_card':
      await platform.updateCard(call.payload.sent, call.payload.card);
      return {};
    case 'invite_member':
      if (await alreadyInvited(platform, message, call.payload, logger)) return { alreadyMember: true };
      await platform.inviteMember(call.payload.group, call.payload.person);
      return {};
    case 'archive_content':
      await platform.archiveContent(call.payload.group, call.payload.item);
      return {};
    case 'archive_group':
      await platform.archiveGroup(call.payload.group);
      return {};
    case 'publish_home':
      if (!platform.publishHome)
        throw new PlatformError('not_supported', { permanent: true, message: `${platform.platform} has no App Home` });
      await platform.publishHome(call.payload.to, call.payload.cards);
      return {};
    default:
      throw new PlatformError('unknown_operation', { permanent: true, message: `no operation ${message.operation}` });
  }
}

/**
 * Delivers what is due, once: a message is claimed under a lock, sent, and marked sent; a failure
 * is tried again later or ends the message, as the policy says. A worker that dies mid-round
 * leaves its claims to expire and be taken again. Returns how many messages were handled.
 */
export async function deliverOutbox(
  deps: CoreDeps,
  platforms: Partial<Record<Platform, ChatPlatform>>,
  logger: Logger,
  policy: DeliveryPolicy = DEFAULT_DELIVERY,
  /** Only this platform's messages: a lane, so that a slow platform holds up no other. */
  lane?: Platform,
): Promise<number> {
  const { store, clock } = deps;
  const claimed = await store.outbox.claimDue(clock.now(), policy.batch, policy.lockMs, lane);
  await Promise.all(
    claimed.map(async (message) => {
      const platform = platforms[message.platform];
      try {
        if (!platform) throw new PlatformError('platform_not_configured', { permanent: false, retryAfterMs: 60_000 });
        const result = await perform(platform, message, logger);
        await store.outbox.markSent(message.tenantId, message.id, clock.now(), result);
        await confirmArchive(deps, logger, message);
        if (message.operation === 'archive_group') await groupArchivedOnPlatform(deps, message);
      } catch (error) {
        await recordFailure(deps, logger, policy, message, error);
      }
    }),
  );
  return claimed.length;
}

async function recordFailure(
  { store, clock }: CoreDeps,
  logger: Logger,
  policy: DeliveryPolicy,
  message: OutboxMessage,
  error: unknown,
): Promise<void> {
  const ours = !(error instanceof PlatformError);
  const failure = ours ? new PlatformError('unexpected_error', { permanent: false, message: String(error) }) : error;
  const now = clock.now();
  const ageMs = now.getTime() - message.createdAt.getTime();
  const log = {
    outboxId: message.id,
    operation: message.operation,
    code: failure.code,
    attempts: message.attempts,
    ageMs,
    ...(ours ? { err: error } : {}),
  };
  const ended = failure.permanent || (ours ? message.attempts >= policy.maxAttempts : ageMs >= policy.maxAgeMs);
  if (ended) {
    logger.warn(log, 'platform call failed for good');
    logArchiveRefused(logger, message, failure.code);
    await store.outbox.markFailed(message.tenantId, message.id, now, failure.code);
    return;
  }
  const delay = backoffMs(ageMs, failure.retryAfterMs, policy);
  logger.info({ ...log, delayMs: delay }, 'platform call will be tried again');
  await store.outbox.retryLater(message.tenantId, message.id, {
    notBefore: new Date(now.getTime() + delay),
    error: failure.code,
    counted: ours,
  });
}
