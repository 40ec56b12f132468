import type { Logger } from '../ports/logger.ts';

export interface BufferOptions {
  /** Flush when this many items wait. */
  readonly maxItems: number;
  /** Flush at most this long after the first item arrived. */
  readonly maxWaitMs: number;
  /** Tries per batch before it is logged as lost. */
  readonly attempts: number;
  readonly retryDelayMs: number;
}

/**
 * Gathers items that arrive one by one (a platform delivers each event in its own request) and
 * hands them on in batches, one batch at a time, so that the store writes a batch in one round
 * trip instead of one per event. `close()` hands on what is left.
 */
export class Batcher<T> {
  readonly #flush: (items: T[]) => Promise<void>;
  readonly #options: BufferOptions;
  readonly #logger: Logger;
  #waiting: T[] = [];
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<void> = Promise.resolve();

  constructor(flush: (items: T[]) => Promise<void>, options: BufferOptions, logger: Logger) {
    this.#flush = flush;
    this.#options = options;
    this.#logger = logger;
  }

  add(item: T): void {
    this.#waiting.push(item);
    if (this.#waiting.length >= this.#options.maxItems) this.#handOn();
    else this.#timer ??= setTimeout(() => this.#handOn(), this.#options.maxWaitMs);
  }

  /** Resolves when everything added so far has been handed on. */
  async drain(): Promise<void> {
    this.#handOn();
    await this.#running;
  }

  #handOn(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    if (this.#waiting.length === 0) return;
    const items = this.#waiting;
    this.#waiting = [];
    this.#running = this.#running.then(() => this.#handOnWithRetries(items));
  }

  /** The store may be briefly away (a restart, a failover): the platform was already answered. */
  async #handOnWithRetries(items: T[]): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.#flush(items);
        return;
      } catch (error) {
        if (attempt >= this.#options.attempts) {
          this.#logger.error({ err: error, items: items.length }, 'batch lost after retries');
          return;
        }
        this.#logger.warn({ err: error, attempt }, 'batch failed; trying again');
        await new Promise((resolve) => setTimeout(resolve, this.#options.retryDelayMs * attempt));
      }
    }
  }
}
