import { deliverOutbox, type ChatPlatform, type CoreDeps, type Logger, type Platform } from '@steward/core';

/**
 * Delivers the outbox continuously: straight on while there is work, every `idleMs` otherwise.
 * Several workers may run (in several processes); the store's claims keep each message to one.
 */
export class OutboxWorker {
  readonly #deps: CoreDeps;
  readonly #platforms: Partial<Record<Platform, ChatPlatform>>;
  readonly #logger: Logger;
  readonly #idleMs: number;
  #stopped = false;
  #wake: (() => void) | null = null;
  #loop: Promise<void> | null = null;

  constructor(deps: CoreDeps, platforms: Partial<Record<Platform, ChatPlatform>>, logger: Logger, idleMs = 500) {
    this.#deps = deps;
    this.#platforms = platforms;
    this.#logger = logger.child({ component: 'outbox' });
    this.#idleMs = idleMs;
  }

  start(): void {
    this.#loop ??= this.#run();
  }

  /** Finishes the round under way, then stops. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#wake?.();
    await this.#loop;
  }

  async #run(): Promise<void> {
    while (!this.#stopped) {
      let handled = 0;
      try {
        handled = await deliverOutbox(this.#deps, this.#platforms, this.#logger);
      } catch (error) {
        this.#logger.error({ err: error }, 'outbox round failed');
      }
      if (handled === 0 && !this.#stopped) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.#idleMs);
          this.#wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    }
  }
}
