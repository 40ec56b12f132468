import { type Backoff, backoffMs } from '../domain/backoff.ts';
import {
  type DecodedInboxEvents,
  decodeInboxEvent,
  type InboxEventKind,
  isInboxEventKind,
} from '../ingest/inbox-events.ts';
import { DONE, failed, type ItemOutcome, outcomeOf, parkNow } from '../ingest/outcome.ts';
import type { Logger } from '../ports/logger.ts';
import type { InboxItem } from '../ports/store/inbox.ts';
import type { CoreDeps } from './deps.ts';
import { changeGroup } from './groups/change-group.ts';
import type { DirectoryDeps } from './groups/directory.ts';
import { registerGroup } from './groups/register-group.ts';
import { recordContentChange } from './record-content-change.ts';
import {
  type ActivityLookups,
  activityLookups,
  recordActivities,
  updatePersonProfile,
} from './record-platform-activity.ts';

/** Handles the items of one kind claimed in a round, in the order they arrived; one outcome each, in order. */
export type InboxHandler<K extends InboxEventKind> = (
  events: readonly DecodedInboxEvents[K][],
  items: readonly InboxItem[],
) => Promise<readonly ItemOutcome[]>;

export type InboxHandlers = { readonly [K in InboxEventKind]?: InboxHandler<K> };

export interface InboxPolicy extends Backoff {
  /** Items claimed per round. */
  readonly batch: number;
  /**
   * How long a claimed item stays locked, which is also how long a killed worker's items wait to be
   * taken again. A round that outlasts it (many new people to read at a platform's pace) may see
   * its items taken twice, which handlers are made to bear.
   */
  readonly lockMs: number;
  /** Failures (not waits for a platform) after which an item is parked. */
  readonly maxFailures: number;
}

export const DEFAULT_INBOX_POLICY: InboxPolicy = {
  batch: 500,
  lockMs: 30_000,
  maxFailures: 10,
  baseDelayMs: 2_000,
  maxDelayMs: 10 * 60_000,
  random: Math.random,
};

/** Runs a per-item handler over a round's items, one at a time, each failure its own. */
export function oneByOne<K extends InboxEventKind>(
  handle: (event: DecodedInboxEvents[K], item: InboxItem) => Promise<ItemOutcome>,
): InboxHandler<K> {
  return async (events, items) => {
    const outcomes: ItemOutcome[] = [];
    for (const [index, event] of events.entries()) outcomes.push(await handle(event, items[index]!).catch(outcomeOf));
    return outcomes;
  };
}

/** The core's own kinds; an edge adds those only it can handle (a Teams chat command). */
export function coreInboxHandlers(deps: DirectoryDeps, lookups: ActivityLookups = activityLookups()): InboxHandlers {
  return {
    activity: (activities) => recordActivities(deps, activities, lookups),
    content_change: oneByOne(async (change) =>
      (await recordContentChange(deps, change)) ? DONE : failed('unknown_group'),
    ),
    profile_change: oneByOne(async ({ identity, profile }) => {
      await updatePersonProfile(deps, identity, profile);
      return DONE;
    }),
    // A channel the app cannot see, or with nobody to own it, will not become a group by waiting;
    // a workspace not (yet) installed may be.
    group_added: oneByOne(async (input) => {
      const registered = await registerGroup(deps, input);
      if (registered.ok) return DONE;
      const reason = `${registered.code}: ${registered.detail}`;
      return registered.code === 'not_found' ? failed(reason) : parkNow(reason);
    }),
    // A channel that is not a group (most renames in a workspace) changes nothing.
    group_changed: oneByOne(async (input) => {
      await changeGroup(deps, input);
      return DONE;
    }),
  };
}

/**
 * Handles what is due in the inbox: claims a round of items, hands each kind's items to its
 * handler, then removes what was handled, tries the rest again later with backoff, and parks what
 * cannot be handled, with its reason. Waiting for a platform never parks an item, however long it
 * lasts. A worker that dies mid-round leaves its claims to expire and be taken again; handlers are
 * idempotent (events by their platform id, messages by their outbox dedupe keys). Returns how many
 * items were claimed.
 */
export async function processInbox(
  deps: CoreDeps & { readonly logger: Logger },
  handlers: InboxHandlers,
  policy: InboxPolicy = DEFAULT_INBOX_POLICY,
): Promise<number> {
  const { store, clock } = deps;
  const claimed = await store.inbox.claimDue(clock.now(), policy.batch, policy.lockMs);
  const outcomes = new Map<InboxItem, ItemOutcome>();
  for (const [kind, items] of byKind(claimed)) {
    const handler = isInboxEventKind(kind) ? (handlers[kind] as InboxHandler<typeof kind> | undefined) : undefined;
    if (!handler) {
      for (const item of items)
        outcomes.set(item, isInboxEventKind(kind) ? failed(`no_handler: ${kind}`) : parkNow(`unknown_kind: ${kind}`));
      continue;
    }
    const events = items.map((item) => decodeInboxEvent(kind as InboxEventKind, item.payload));
    const handled = await handler(events as never, items).catch((error: unknown) => items.map(() => outcomeOf(error)));
    for (const [index, item] of items.entries()) outcomes.set(item, handled[index] ?? failed('no_outcome'));
  }
  await settle(deps, outcomes, policy);
  return claimed.length;
}

function byKind(items: readonly InboxItem[]): Map<string, InboxItem[]> {
  const kinds = new Map<string, InboxItem[]>();
  for (const item of items) kinds.set(item.kind, [...(kinds.get(item.kind) ?? []), item]);
  return kinds;
}

async function settle(
  deps: CoreDeps & { readonly logger: Logger },
  outcomes: ReadonlyMap<InboxItem, ItemOutcome>,
  policy: InboxPolicy,
): Promise<void> {
  const { store, clock, logger } = deps;
  const done = [...outcomes].filter(([, outcome]) => outcome.result === 'done').map(([item]) => item);
  await store.inbox.complete(done);
  for (const [item, outcome] of outcomes) {
    if (outcome.result === 'done') continue;
    const log = {
      platform: item.platform,
      workspaceId: item.workspaceId,
      eventId: item.eventId,
      kind: item.kind,
      attempts: item.attempts,
      reason: outcome.reason,
    };
    if (outcome.result === 'park' || (outcome.result === 'failed' && item.attempts >= policy.maxFailures)) {
      logger.warn(log, 'inbox item parked: it cannot be handled');
      await store.inbox.park(item, outcome.reason);
      continue;
    }
    const waited = clock.now().getTime() - item.receivedAt.getTime();
    const delay = backoffMs(waited, outcome.result === 'retry' ? outcome.retryAfterMs : null, policy);
    logger.info({ ...log, delayMs: delay }, 'inbox item will be handled again');
    await store.inbox.retryLater(item, new Date(clock.now().getTime() + delay), outcome.reason);
  }
}
