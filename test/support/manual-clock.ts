import type { LimiterClock } from '../../core/src/ports/clock.ts';

/** A limiter clock that moves only when told, so that waits are exact and instant. */
export class ManualClock implements LimiterClock {
  #now = 0;
  readonly sleepers: { until: number; wake: () => void }[] = [];

  now(): number {
    return this.#now;
  }

  sleep(ms: number): Promise<void> {
    return new Promise((wake) => this.sleepers.push({ until: this.#now + ms, wake }));
  }

  advance(ms: number): void {
    this.#now += ms;
    for (const sleeper of this.sleepers.filter((candidate) => candidate.until <= this.#now)) {
      this.sleepers.splice(this.sleepers.indexOf(sleeper), 1);
      sleeper.wake();
    }
  }

  /** Moves to the earliest wake-up time, exactly. */
  advanceToNextSleeper(): void {
    this.advance(Math.min(...this.sleepers.map((sleeper) => sleeper.until)) - this.#now);
  }
}
