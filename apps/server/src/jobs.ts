import {
  type ContentSyncDeps,
  checkIdleGroups,
  closeExpiredTakeOvers,
  type DirectoryDeps,
  escalateQuestions,
  type Logger,
  purgeRawEvents,
  runRequestDeadlines,
  type Scheduler,
  sendDueDigests,
  sendDueWeeklyHours,
  syncGroups,
  takeHealthSnapshots,
} from '@steward/core';
import { scheduleContentSync } from './content-sync-job.ts';

/** The recurring jobs, defined in every worker; the scheduler runs each in one of them at a time. */
export async function scheduleJobs(
  scheduler: Scheduler,
  deps: DirectoryDeps & ContentSyncDeps,
  logger: Logger,
): Promise<void> {
  scheduler.define('weekly_hour.due_cards', async () => {
    const outcome = await sendDueWeeklyHours(deps);
    if (outcome.handled > 0 || outcome.scheduled > 0) logger.info({ ...outcome }, 'weekly-hour cards due');
  });
  await scheduler.every('weekly_hour.due_cards', '1 minute');
  // The community managers' weekly digest, due at each one's local Monday 09:00 (DIGEST_SLOT).
  scheduler.define('digest.due', async () => {
    const outcome = await sendDueDigests(deps);
    if (outcome.due > 0) logger.info({ ...outcome }, 'community managers’ digests due');
  });
  await scheduler.every('digest.due', '1 minute');
  scheduler.define('store.maintain', () => deps.store.maintain());
  await scheduler.every('store.maintain', '1 hour');
  // Sign-ins past their end are refused anyway; this keeps the table from growing.
  scheduler.define('sessions.expire', async () => {
    await deps.store.sessions.deleteExpired(deps.clock.now());
  });
  await scheduler.every('sessions.expire', '1 hour');
  // Each group is due once a day; a run takes what its budget allows and the next goes on.
  scheduler.define('groups.sync', async () => {
    const outcome = await syncGroups(deps);
    if (outcome.groups > 0) logger.info({ ...outcome }, 'groups synced with their platforms');
  });
  await scheduler.every('groups.sync', '10 minutes');
  // Today's health rows are refreshed at every run, so the cross-group table is 5 minutes old at
  // most; days that ended are measured once more, for good, and the first runs measure the last 90.
  scheduler.define('health.snapshot', async () => {
    const outcome = await takeHealthSnapshots(deps);
    logger.info({ ...outcome }, 'group health measured');
  });
  await scheduler.every('health.snapshot', '5 minutes');
  // Offers to take over an ownerless group that nobody accepted in time: the managers are told.
  scheduler.define('groups.take_over_expiry', async () => {
    const closed = await closeExpiredTakeOvers(deps);
    if (closed > 0) logger.info({ closed }, 'take-over offers expired');
  });
  await scheduler.every('groups.take_over_expiry', '10 minutes');
  // Unanswered questions climb their ladder: owners reminded, frequent answerers asked, the digest.
  scheduler.define('questions.escalate', async () => {
    const outcome = await escalateQuestions(deps);
    if (outcome.remind + outcome.helpers + outcome.digest > 0)
      logger.info({ ...outcome }, 'unanswered questions escalated');
  });
  await scheduler.every('questions.escalate', '10 minutes');
  // Membership requests nobody decided: reminded, escalated, then expired (request-deadlines.ts).
  scheduler.define('membership_requests.deadlines', async () => {
    const outcome = await runRequestDeadlines(deps);
    if (outcome.looked > 0) logger.info({ ...outcome }, 'membership request deadlines');
  });
  await scheduler.every('membership_requests.deadlines', '10 minutes');
  await scheduleContentSync(scheduler, deps, logger);
  // Idle groups: warned, then proposed to the community managers. Each step waits days between
  // runs (the policy's interval), so an hourly run is daily-ish for every group, and bounded.
  scheduler.define('groups.idle_check', async () => {
    const outcome = await checkIdleGroups(deps);
    if (outcome.warned > 0 || outcome.proposed > 0) logger.info({ ...outcome }, 'idle groups checked');
  });
  await scheduler.every('groups.idle_check', '1 hour');
  // Raw contribution events past the tenant's retention (default 13 months); rollups are kept.
  scheduler.define('contributions.retention', async () => {
    const outcome = await purgeRawEvents(deps);
    if (outcome.deleted > 0) logger.info({ ...outcome }, 'raw contribution events past their retention deleted');
  });
  await scheduler.every('contributions.retention', '1 hour');
}
