/**
 * Remembers lookups that rarely change (which tenant a workspace is, which group a channel is,
 * which person an account is) for a while, so that a stream of events does not ask the store the
 * same thing again and again. Bounded: the oldest entries go first.
 */
export class LookupCache<V> {
  readonly #entries = new Map<string, { value: V; until: number }>();
  readonly #ttlMs: number;
  readonly #maxEntries: number;

  constructor(ttlMs: number, maxEntries: number) {
    this.#ttlMs = ttlMs;
    this.#maxEntries = maxEntries;
  }

  /** The remembered value, or the one `load` finds; a null answer is not remembered. */
  async get(key: string, now: number, load: () => Promise<V | null>): Promise<V | null> {
    const entry = this.#entries.get(key);
    if (entry && entry.until > now) return entry.value;
    const value = await load();
    this.#entries.delete(key);
    if (value !== null) {
      this.#entries.set(key, { value, until: now + this.#ttlMs });
      if (this.#entries.size > this.#maxEntries) this.#entries.delete(this.#entries.keys().next().value as string);
    }
    return value;
  }
}
