/** Long past the few seconds in which Teams delivers an invoke again. */
const REMEMBER_MS = 10 * 60_000;
/** About a kilobyte each: a bound on memory whatever the traffic. */
const MAX_REMEMBERED = 10_000;

/**
 * The answers given to invokes, by activity key, for a few minutes. Teams delivers an invoke again
 * when our answer was late or lost; the person must then get the answer to their press, not that of
 * a second press. A redelivery that comes while the first is still being handled waits for it.
 * This holds within one process; across processes (several `web` roles) the core's own checks still
 * let each press act once, and a redelivery there is answered with what the core says of it.
 */
export class InvokeAnswers<T> {
  readonly #answers = new Map<string, { readonly at: number; readonly answer: Promise<T> }>();
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  once(key: string, answer: () => Promise<T>): Promise<T> {
    this.#forgetOld();
    const known = this.#answers.get(key);
    if (known) return known.answer;
    const pending = answer();
    this.#answers.set(key, { at: this.#now(), answer: pending });
    // A failure is not remembered: the next delivery tries again.
    pending.catch(() => this.#answers.delete(key));
    return pending;
  }

  /** Oldest first (a Map keeps the order of insertion): the expired, and any beyond the bound. */
  #forgetOld(): void {
    const expired = this.#now() - REMEMBER_MS;
    for (const [key, { at }] of this.#answers) {
      if (at > expired && this.#answers.size < MAX_REMEMBERED) return;
      this.#answers.delete(key);
    }
  }
}
