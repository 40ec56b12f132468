/**
 * What the next call to a method meets instead of its answer: an HTTP status (429 comes with
 * `Retry-After`, 1 s unless given), a Slack error (`200 {ok:false, error}`), or a dropped connection.
 */
export type Fault =
  | { readonly status: number; readonly retryAfter?: number }
  | { readonly error: string }
  | { readonly networkDrop: true };

/**
 * Faults wait per method, first in first out, and each strikes once. During an outage every call,
 * to any method, that finds none queued meets the outage's faults in turn.
 */
export class FaultQueue {
  readonly #queued = new Map<string, Fault[]>();
  #outage: { until: number; faults: readonly Fault[]; next: number } | null = null;

  add(method: string, fault: Fault): void {
    this.#queued.set(method, [...(this.#queued.get(method) ?? []), fault]);
  }

  /** Until `until` (the fake's milliseconds), calls meet `faults`, one after the other, round and round. */
  down(until: number, faults: readonly Fault[]): void {
    if (faults.length === 0) throw new Error('an outage needs at least one fault');
    this.#outage = { until, faults, next: 0 };
  }

  take(method: string, now: number): Fault | undefined {
    const queued = this.#queued.get(method)?.shift();
    if (queued || !this.#outage || now >= this.#outage.until) return queued;
    const { faults } = this.#outage;
    return faults[this.#outage.next++ % faults.length];
  }

  clear(): void {
    this.#queued.clear();
    this.#outage = null;
  }
}
