/**
 * What the next call to an operation meets instead of its answer: an HTTP status with the
 * service's error body (429 and 503 come with `Retry-After`, 1 s unless given), optionally a given
 * error (Bot Connector and Graph: `{ error: { code, message, … } }`; the token endpoint: the OAuth
 * fields) or a non-JSON page as a gateway would send; or a dropped connection.
 */
export type Fault =
  | {
      readonly status: number;
      readonly retryAfter?: number;
      readonly error?: Readonly<Record<string, unknown>>;
      readonly html?: string;
    }
  | { readonly networkDrop: true };

/** Faults wait per operation, first in first out, and each strikes once. */
export class FaultQueue {
  readonly #queued = new Map<string, Fault[]>();

  add(operation: string, fault: Fault): void {
    this.#queued.set(operation, [...(this.#queued.get(operation) ?? []), fault]);
  }

  take(operation: string): Fault | undefined {
    return this.#queued.get(operation)?.shift();
  }

  clear(): void {
    this.#queued.clear();
  }
}
