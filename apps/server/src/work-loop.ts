import type { Logger } from '@steward/core';

/**
 * Runs rounds of work until stopped: straight on while rounds come back full, every `idleMs`
 * otherwise (or at once when woken). A round that found less than `fullRound` items waits, so that
 * a steady trickle is handled in batches rather than one round per item. A failed round is logged
 * and followed by an idle wait, so that a database that is away is not hammered.
 */
export class WorkLoop {
  readonly #round: () => Promise<number>;
  readonly #logger: Logger;
  readonly #idleMs: number;
  readonly #fullRound: number;
  #stopped = false;
  #running: Promise<void> | null = null;
  #wake: (() => void) | null = null;

  /** `round` returns how many items it handled. */
  constructor(
    round: () => Promise<number>,
    logger: Logger,
    options: { readonly idleMs: number; readonly fullRound: number },
  ) {
    this.#round = round;
    this.#logger = logger;
    this.#idleMs = options.idleMs;
    this.#fullRound = options.fullRound;
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
      if (handled < this.#fullRound && !this.#stopped) await this.#idle();
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
