import type { Logger } from '@steward/core';

/**
 * Runs rounds of work until stopped: straight on while a round finds something to do, every
 * `idleMs` otherwise, or at once when woken. A failed round is logged and followed by an idle wait,
 * so that a database that is away is not hammered.
 */
export class WorkLoop {
  readonly #round: () => Promise<number>;
  readonly #logger: Logger;
  readonly #idleMs: number;
  #stopped = false;
  #running: Promise<void> | null = null;
  #wake: (() => void) | null = null;

  /** `round` returns how many items it handled: none means there is nothing to do for now. */
  constructor(round: () => Promise<number>, logger: Logger, idleMs: number) {
    this.#round = round;
    this.#logger = logger;
    this.#idleMs = idleMs;
  }

  start(): void {
    this.#running ??= this.#run();
  }

  /** Starts the next round now rather than after the idle wait. */
  wake(): void {
    this.#wake?.();
  }

  /** Finishes the round under way, then stops. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.wake();
    await this.#running;
  }

  async #run(): Promise<void> {
    while (!this.#stopped) {
      let handled = 0;
      try {
        handled = await this.#round();
      } catch (error) {
        this.#logger.error({ err: error }, 'work round failed');
      }
      if (handled === 0 && !this.#stopped) await this.#idle();
    }
  }

  #idle(): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => this.#wake?.(), this.#idleMs);
      this.#wake = () => {
        clearTimeout(timer);
        this.#wake = null;
        resolve();
      };
    });
  }
}
