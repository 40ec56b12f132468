import type { DirectoryDeps, Logger, PlatformActivity } from '@steward/core';

/** What every listener gets: the core's dependencies, a logger, and where activity goes. */
export interface ListenerContext {
  readonly deps: DirectoryDeps;
  readonly logger: Logger;
  /** Takes activity after the acknowledgement; it is batched into the store. */
  readonly onActivity: (activity: PlatformActivity) => void;
}
