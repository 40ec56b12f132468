/**
 * What the next call to a method meets instead of its answer: an HTTP status (429 comes with
 * `Retry-After`, 1 s unless given), a Slack error (`200 {ok:false, error}`), or a dropped connection.
 */
export type Fault =
  | { readonly status: number; readonly retryAfter?: number }
  | { readonly error: string }
  | { readonly networkDrop: true };

/** Faults wait per method, first in first out, and each strikes once. */
export class FaultQueue {
  readonly #queued = new Map<string, Fault[]>();

  add(method: string, fault: Fault): void {
    this.#queued.set(method, [...(this.#queued.get(method) ?? []), fault]);
  }

  take(method: string): Fault | undefined {
    return this.#queued.get(method)?.shift();
  }

  clear(): void {
    this.#queued.clear();
  }
}
