import type { DirectoryDeps, KeyedInboxEvent, Logger } from '@steward/core';

/** What every listener gets: the core's dependencies, a logger, and where events are stored. */
export interface ListenerContext {
  readonly deps: DirectoryDeps;
  readonly logger: Logger;
  /**
   * Stores events in the inbox; Slack gets its answer only once this resolves (Bolt runs with
   * `processBeforeResponse`), so that nothing acknowledged is lost to a crash.
   */
  readonly accept: (events: readonly KeyedInboxEvent[]) => Promise<void>;
}

/**
 * Work that follows an acknowledgement (a card updated, a modal opened). Bolt answers Slack only
 * when its listeners return, so a listener that has acknowledged hands the rest over to this and
 * returns: Slack never waits on another Slack call.
 */
export function afterAck(context: ListenerContext, work: () => Promise<unknown>): void {
  work().catch((error: unknown) => context.logger.error({ err: error }, 'Slack listener failed after acknowledging'));
}
