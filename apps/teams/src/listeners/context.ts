import type { DirectoryDeps, Logger, PlatformActivity } from '@steward/core';
import type { TeamsPlatform } from '../web/teams-platform.ts';

/** What every listener gets: the core's dependencies, the way back to Teams, where activity goes. */
export interface ListenerContext {
  readonly deps: DirectoryDeps;
  readonly logger: Logger;
  readonly platform: TeamsPlatform;
  /** Takes activity after the answer to Teams; it is batched into the store. */
  readonly onActivity: (activity: PlatformActivity) => void;
}
