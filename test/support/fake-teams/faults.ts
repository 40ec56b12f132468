/**
 * What the next call to an operation meets instead of its answer: an HTTP status with the
 * service's error body (429 and 503 come with `Retry-After`, 1 s unless given), optionally a given
 * error (Bot Connector and Graph: `{ error: { code, message, … } }`; the token endpoint: the OAuth
 * fields) or a non-JSON page as a gateway would send; or a dropped connection, before the call is
 * carried out (`networkDrop`) or after it (`answerLost`: the call takes effect, its answer never
 * comes back, as when a timeout or a reset strikes on the way back).
 */
export type Fault =
  | {
      readonly status: number;
      readonly retryAfter?: number;
      readonly error?: Readonly<Record<string, unknown>>;
      readonly html?: string;
    }
  | { readonly networkDrop: true }
  | { readonly answerLost: true };

/**
 * Faults wait per operation, first in first out, and each strikes once. During an outage every call,
 * to any operation, that finds none queued meets the outage's faults in turn.
 */
export class FaultQueue {
  readonly #queued = new Map<string, Fault[]>();
  #outage: { until: number; faults: readonly Fault[]; next: number } | null = null;

  add(operation: string, fault: Fault): void {
    this.#queued.set(operation, [...(this.#queued.get(operation) ?? []), fault]);
  }

  /** Until `until` (the fake's milliseconds), calls meet `faults`, one after the other, round and round. */
  down(until: number, faults: readonly Fault[]): void {
    if (faults.length === 0) throw new Error('an outage needs at least one fault');
    this.#outage = { until, faults, next: 0 };
  }

  take(operation: string, now: number): Fault | undefined {
    const queued = this.#queued.get(operation)?.shift();
    if (queued || !this.#outage || now >= this.#outage.until) return queued;
    const { faults } = this.#outage;
    return faults[this.#outage.next++ % faults.length];
  }

  clear(): void {
    this.#queued.clear();
    this.#outage = null;
  }
}
