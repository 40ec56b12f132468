import type { DirectoryDeps, Logger } from '@steward/core';
import type { TeamsPlatform } from '../web/teams-platform.ts';

/** What every listener gets: the core's dependencies and the way back to Teams. */
export interface ListenerContext {
  readonly deps: DirectoryDeps;
  readonly logger: Logger;
  readonly platform: TeamsPlatform;
}
