import type { Clock } from '../ports/clock.ts';
import type { Store } from '../ports/store/index.ts';

/** What every use case may use; edges and jobs pass the same object. */
export interface CoreDeps {
  readonly store: Store;
  readonly clock: Clock;
}
