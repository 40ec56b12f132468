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
/** Two writes overlap: one is sent while the other commits. More only split the batches. */
const MAX_WRITES_IN_FLIGHT = 2;

/**
 * Stores what edges acknowledge before they acknowledge it, in group commits: a platform delivers
 * each event in a request of its own, and one durable write per request would cap throughput at
 * the disk's commit rate. At most two writes are in flight; whatever arrives meanwhile goes in the
 * next, so batches grow with the load and a lone event waits for nothing. `accept` resolves once
 * its events are committed and rejects if that write failed, so that the platform, unanswered,
 * delivers again.
 */
export class InboxWriter {
  readonly #inbox: InboxRepository;
  readonly #clock: Clock;
  #waiting: Waiting[] = [];
  #inFlight = 0;
  #scheduled = false;

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
      // Those arriving in the same tick go in the same write.
      if (!this.#scheduled && this.#inFlight < MAX_WRITES_IN_FLIGHT) {
        this.#scheduled = true;
        setImmediate(() => {
          this.#scheduled = false;
          this.#write();
        });
      }
    });
  }

  #write(): void {
    while (this.#inFlight < MAX_WRITES_IN_FLIGHT && this.#waiting.length > 0) {
      const batch = this.#take();
      this.#inFlight += 1;
      this.#inbox.accept(batch.flatMap((waiting) => waiting.items)).then(
        () => this.#settle(batch, (waiting) => waiting.resolve()),
        (error: unknown) => this.#settle(batch, (waiting) => waiting.reject(error)),
      );
    }
  }

  #settle(batch: readonly Waiting[], outcome: (waiting: Waiting) => void): void {
    for (const waiting of batch) outcome(waiting);
    this.#inFlight -= 1;
    this.#write();
  }

  /** The oldest waiting requests, up to a write's worth of items (always at least one request). */
  #take(): Waiting[] {
    let count = 0;
    let taken = 0;
    while (
      taken < this.#waiting.length &&
      (taken === 0 || count + this.#waiting[taken]!.items.length <= MAX_ITEMS_PER_WRITE)
    ) {
      count += this.#waiting[taken]!.items.length;
      taken += 1;
    }
    return this.#waiting.splice(0, taken);
  }
}
