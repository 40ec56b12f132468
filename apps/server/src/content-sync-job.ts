import { type ContentSyncDeps, type Logger, type Scheduler, syncContent } from '@steward/core';

/**
 * `content.sync`: each group's pins, bookmarks, files, canvases and tabs, read from its platform
 * once a day; a run takes what its budget allows and the next goes on.
 */
export async function scheduleContentSync(scheduler: Scheduler, deps: ContentSyncDeps, logger: Logger): Promise<void> {
  scheduler.define('content.sync', async () => {
    const outcome = await syncContent(deps);
    if (outcome.groups > 0) logger.info({ ...outcome }, 'group content synced with the platforms');
  });
  await scheduler.every('content.sync', '10 minutes');
}
