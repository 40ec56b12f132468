import { type ChatPlatform, type CoreDeps, deliverOutbox, type Logger, type Platform } from '@steward/core';
import { WorkLoop } from './work-loop.ts';

/**
 * Delivers the outbox continuously, one lane per platform so that Slack's slower limits never hold
 * up Teams' cards (a round waits for its slowest call): straight on while a lane has work, every
 * `idleMs` otherwise. Several workers may run (in several processes); the store's claims keep each
 * message to one.
 */
export class OutboxWorker {
  readonly #lanes: WorkLoop[];

  constructor(deps: CoreDeps, platforms: Partial<Record<Platform, ChatPlatform>>, logger: Logger, idleMs = 500) {
    const log = logger.child({ component: 'outbox' });
    this.#lanes = (Object.keys(platforms) as Platform[]).map(
      (lane) =>
        new WorkLoop(() => deliverOutbox(deps, platforms, log, undefined, lane), log.child({ lane }), {
          idleMs,
          fullRound: 1,
        }),
    );
  }

  start(): void {
    for (const lane of this.#lanes) lane.start();
  }

  /** Finishes the rounds under way, then stops. */
  async stop(): Promise<void> {
    await Promise.all(this.#lanes.map((lane) => lane.stop()));
  }
}
