import type { Clock } from '../ports/clock.ts';
import type { InboxRepository, NewInboxItem } from '../ports/store/inbox.ts';
import { encodeInboxEvent, type KeyedInboxEvent } from './inbox-events.ts';

interface Waiting {
  readonly items: readonly NewInboxItem[];
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/** Enough to amortise a commit over a burst; a write this size still takes milliseconds. */
const MAX_ITEMS_PER_WRITE = 1_000;

/**
 * Stores what edges acknowledge before they acknowledge it, in group commits: a platform delivers
 * each event in a request of its own, and one durable write per request would cap throughput at
 * the disk's commit rate. One write is in flight at a time; whatever arrives meanwhile goes in the
 * next, so batches grow with the load and a lone event waits for nothing. `accept` resolves once
 * its events are committed and rejects if that write failed, so that the platform, unanswered,
 * delivers again.
 */
export class InboxWriter {
  readonly #inbox: InboxRepository;
  readonly #clock: Clock;
  #waiting: Waiting[] = [];
  #writing = false;

  constructor(inbox: InboxRepository, clock: Clock) {
    this.#inbox = inbox;
    this.#clock = clock;
  }

  accept(events: readonly KeyedInboxEvent[]): Promise<void> {
    if (events.length === 0) return Promise.resolve();
    const receivedAt = this.#clock.now();
    const items = events.map(({ key, event }): NewInboxItem => ({ ...key, ...encodeInboxEvent(event), receivedAt }));
    return new Promise<void>((resolve, reject) => {
      this.#waiting.push({ items, resolve, reject });
      if (!this.#writing) void this.#write();
    });
  }

  async #write(): Promise<void> {
    this.#writing = true;
    // Those arriving in the same tick go in the same write.
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (this.#waiting.length > 0) {
      const batch = this.#take();
      try {
        await this.#inbox.accept(batch.flatMap((waiting) => waiting.items));
        for (const waiting of batch) waiting.resolve();
      } catch (error) {
        for (const waiting of batch) waiting.reject(error);
      }
    }
    this.#writing = false;
  }

  /** The oldest waiting requests, up to a write's worth of items (always at least one request). */
  #take(): Waiting[] {
    let count = 0;
    let taken = 0;
    while (taken < this.#waiting.length && (taken === 0 || count + this.#waiting[taken]!.items.length <= MAX_ITEMS_PER_WRITE)) {
      count += this.#waiting[taken]!.items.length;
      taken += 1;
    }
    return this.#waiting.splice(0, taken);
  }
}
