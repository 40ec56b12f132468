import type { Clock } from '../../core/src/ports/clock.ts';

/** The core's clock, moved only by the test: due times, snoozes and weeks pass in an instant. */
export class WallClock implements Clock {
  #now: Date;

  constructor(iso: string) {
    this.#now = new Date(iso);
  }

  now(): Date {
    return new Date(this.#now);
  }

  set(iso: string): void {
    this.#now = new Date(iso);
  }

  advance(ms: number): void {
    this.#now = new Date(this.#now.getTime() + ms);
  }
}
