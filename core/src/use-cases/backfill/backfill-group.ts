import { BACKFILL_DAYS, backfillWindow } from '../../domain/backfill.ts';
import type { Group } from '../../domain/group.ts';
import { DEFAULT_RAW_EVENT_RETENTION_MONTHS } from '../../domain/privacy.ts';
import { ErrorCode, fail, ok, type Result } from '../../errors.ts';
import { activityProblem, receivedActivity } from '../../ingest/inbox-events.ts';
import { PlatformError } from '../../ports/chat-platform.ts';
import type { HistoryPage, HistoryReader } from '../../ports/history.ts';
import type { GroupBackfill } from '../../ports/store/group-backfills.ts';
import type { IdentifyDeps } from '../identify.ts';
import { type ActivityLookups, activityLookups, recordActivities } from '../record-platform-activity.ts';
import { type PageWaits, readPage } from './read-page.ts';

export interface BackfillDeps extends IdentifyDeps {
  readonly readers: Partial<Record<Group['platformRef']['platform'], HistoryReader>>;
}

export interface BackfillOptions extends PageWaits {
  /** Days before the group was registered to read (default 90); a backfill resumed keeps its own window. */
  readonly days?: number;
  /** Reads the window again even when an earlier backfill finished it (what it counted is counted once). */
  readonly again?: boolean;
  /** Told after each page is recorded and saved. */
  readonly onPage?: (backfill: GroupBackfill) => void;
  readonly lookups?: ActivityLookups;
}

/** How a group's backfill ended this run: read through, interrupted (Ctrl-C), or left for a later run. */
export type BackfillRun =
  | { readonly state: 'finished' | 'interrupted' | 'nothing_to_read'; readonly backfill: GroupBackfill | null }
  | { readonly state: 'gave_up'; readonly backfill: GroupBackfill; readonly reason: string };

/**
 * Reads a group's history page by page into the contribution rollups, saving after each page where
 * the next one starts, so that Ctrl-C or a crash loses at most the page being read, and a run of the
 * same command goes on from there. A page read twice is counted once (events are keyed).
 */
export async function backfillGroup(
  deps: BackfillDeps,
  tenantId: string,
  groupId: string,
  options: BackfillOptions,
): Promise<Result<BackfillRun>> {
  const group = await deps.store.groups.get(tenantId, groupId);
  if (!group) return fail(ErrorCode.NotFound, `no group ${groupId}`);
  const reader = deps.readers[group.platformRef.platform];
  if (!reader) return fail(ErrorCode.InvalidInput, `${group.platformRef.platform} history cannot be read here`);
  let backfill = await startOrResume(deps, group, options);
  if (backfill === null || backfill.finishedAt !== null) return ok({ state: 'nothing_to_read', backfill });
  const lookups = options.lookups ?? activityLookups();
  for (;;) {
    const read = await readPage(reader, group, backfill, options);
    if ('interrupted' in read) return ok({ state: 'interrupted', backfill });
    if ('gaveUp' in read) return ok({ state: 'gave_up', backfill, reason: reasonOf(read.gaveUp) });
    const recorded = await recordPage(deps, backfill, read.page, lookups);
    if (recorded === null) return ok({ state: 'gave_up', backfill, reason: 'an activity could not be recorded' });
    backfill = recorded;
    await deps.store.groupBackfills.save(backfill);
    options.onPage?.(backfill);
    if (backfill.finishedAt !== null) return ok({ state: 'finished', backfill });
  }
}

/** The unfinished backfill of the group, or a new one over its window; null when there is nothing to read. */
async function startOrResume(
  deps: BackfillDeps,
  group: Group,
  options: BackfillOptions,
): Promise<GroupBackfill | null> {
  const saved = await deps.store.groupBackfills.get(group.tenantId, group.id);
  if (saved && (saved.finishedAt === null || !options.again)) return saved;
  const now = deps.clock.now();
  const retentions = await deps.store.privacy.rawEventRetentions();
  const months = retentions.find((r) => r.tenantId === group.tenantId)?.months ?? DEFAULT_RAW_EVENT_RETENTION_MONTHS;
  const window = backfillWindow(group.createdAt, now, options.days ?? BACKFILL_DAYS.default, months);
  if (window === null) return null;
  const started: GroupBackfill = {
    tenantId: group.tenantId,
    groupId: group.id,
    ...window,
    cursor: null,
    readBackTo: window.until,
    pages: 0,
    found: 0,
    recorded: 0,
    startedAt: now,
    finishedAt: null,
  };
  await deps.store.groupBackfills.save(started);
  return started;
}

/**
 * Records a page's activities as the inbox records live ones, and returns the backfill moved past
 * it; null when one could not be recorded for a reason that may pass (the page is then read again).
 * An activity that can never be counted (no such person on the platform) is passed over.
 */
async function recordPage(
  deps: BackfillDeps,
  backfill: GroupBackfill,
  page: HistoryPage,
  lookups: ActivityLookups,
): Promise<GroupBackfill | null> {
  const inWindow = page.activities.filter(
    (a) => activityProblem(a) === null && a.occurredAt >= backfill.since && a.occurredAt < backfill.until,
  );
  // Oldest first, as live events come: a question is known before the replies that answer it.
  const ordered = inWindow.map(receivedActivity).sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
  const outcomes = await recordActivities(deps, ordered, lookups);
  if (outcomes.some((o) => o.result === 'retry' || o.result === 'failed')) return null;
  const readBackTo = page.readBackTo < backfill.readBackTo ? page.readBackTo : backfill.readBackTo;
  return {
    ...backfill,
    cursor: page.next,
    readBackTo: page.next === null ? backfill.since : readBackTo,
    pages: backfill.pages + 1,
    found: backfill.found + page.activities.length,
    recorded: backfill.recorded + outcomes.filter((o) => o.result === 'done').length,
    finishedAt: page.next === null ? deps.clock.now() : null,
  };
}

const reasonOf = (error: Error) => (error instanceof PlatformError ? error.code : error.message);
