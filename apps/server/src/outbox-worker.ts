import { deliverOutbox, type ChatPlatform, type CoreDeps, type Logger, type Platform } from '@steward/core';

/**
 * Delivers the outbox continuously, one lane per platform so that Slack's slower limits never hold
 * up Teams' cards (a round waits for its slowest call): straight on while a lane has work, every
 * `idleMs` otherwise. Several workers may run (in several processes); the store's claims keep each
 * message to one.
 */
export class OutboxWorker {
  readonly #deps: CoreDeps;
  readonly #platforms: Partial<Record<Platform, ChatPlatform>>;
  readonly #logger: Logger;
  readonly #idleMs: number;
  #stopped = false;
  readonly #wakers = new Set<() => void>();
  #lanes: Promise<void>[] = [];

  constructor(deps: CoreDeps, platforms: Partial<Record<Platform, ChatPlatform>>, logger: Logger, idleMs = 500) {
    this.#deps = deps;
    this.#platforms = platforms;
    this.#logger = logger.child({ component: 'outbox' });
    this.#idleMs = idleMs;
  }

  start(): void {
    if (this.#lanes.length > 0) return;
    this.#lanes = (Object.keys(this.#platforms) as Platform[]).map((lane) => this.#run(lane));
  }

  /** Finishes the rounds under way, then stops. */
  async stop(): Promise<void> {
    this.#stopped = true;
    for (const wake of this.#wakers) wake();
    await Promise.all(this.#lanes);
  }

  async #run(lane: Platform): Promise<void> {
    while (!this.#stopped) {
      let handled = 0;
      try {
        handled = await deliverOutbox(this.#deps, this.#platforms, this.#logger, undefined, lane);
      } catch (error) {
        this.#logger.error({ err: error, lane }, 'outbox round failed');
      }
      if (handled === 0 && !this.#stopped) await this.#idle();
    }
  }

  #idle(): Promise<void> {
    return new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.#wakers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, this.#idleMs);
      this.#wakers.add(wake);
    });
  }
}
