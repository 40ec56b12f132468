import { type Group, isActive } from '../../domain/group.ts';
import { PLATFORMS } from '../../domain/platform.ts';
import { PlatformError } from '../../ports/chat-platform.ts';
import { applyDescription } from './apply-description.ts';
import type { DirectoryDeps } from './directory.ts';
import { type MembersPass, SYNC_INTERVAL_MS, syncMembers } from './sync-members.ts';

/** How much one run of the sync job does at most: the groups it takes, the pages of members it reads. */
export interface SyncGroupsBudget {
  readonly groups: number;
  readonly pages: number;
}

/** Run every 10 minutes, this reconciles 14,400 groups a day, each of them daily. */
export const SYNC_GROUPS_BUDGET: SyncGroupsBudget = { groups: 100, pages: 200 };

export interface SyncGroupsOutcome {
  readonly groups: number;
  readonly pages: number;
  readonly joined: number;
  readonly left: number;
  /** Groups the platform failed on: tried again next run, or tomorrow when the failure is lasting. */
  readonly failed: number;
}

/**
 * The daily sync job: each due group is described again (name, archived, Teams' owners) and its
 * members reconciled with the platform, within the run's budget. A pass cut short by the budget,
 * a crash or an outage goes on from its saved cursor at the next run; the platform clients wait
 * on their rate limits.
 */
export async function syncGroups(
  deps: DirectoryDeps,
  budget: SyncGroupsBudget = SYNC_GROUPS_BUDGET,
): Promise<SyncGroupsOutcome> {
  const { store, clock } = deps;
  const platforms = PLATFORMS.filter((platform) => deps.directories[platform] !== undefined);
  const due = await store.groupSyncs.due(clock.now(), platforms, budget.groups);
  const outcome = { groups: 0, pages: 0, joined: 0, left: 0, failed: 0 };
  for (const { tenantId, groupId } of due) {
    if (outcome.pages >= budget.pages) break;
    const group = await store.groups.get(tenantId, groupId);
    if (!group) continue;
    const pass = await syncGroup(deps, group, budget.pages - outcome.pages);
    outcome.groups += 1;
    if (pass === null) {
      outcome.failed += 1;
      continue;
    }
    outcome.pages += pass.pages;
    outcome.joined += pass.joined;
    outcome.left += pass.left;
  }
  return outcome;
}

/** One group's turn; null when the platform failed. */
async function syncGroup(deps: DirectoryDeps, group: Group, pages: number): Promise<MembersPass | null> {
  const directory = deps.directories[group.platformRef.platform];
  if (!directory) return null;
  try {
    const description = await directory.describeGroup(group.platformRef);
    const described = await applyDescription(deps, group.tenantId, group, {
      ref: group.platformRef,
      description,
      addedBy: null,
    });
    if (!described.ok || !isActive(described.value.group)) {
      await postpone(deps, group);
      return { pages: 0, joined: 0, left: 0, complete: false };
    }
    return await syncMembers(deps, described.value.group, {
      pages,
      firstJoinedAt: description.createdAt ?? deps.clock.now(),
    });
  } catch (error) {
    if (!(error instanceof PlatformError)) throw error;
    // Lasting (the app was removed from the channel, the workspace uninstalled): not before tomorrow.
    if (error.permanent) await postpone(deps, group);
    return null;
  }
}

/** The group's next turn is a day away; a pass in progress keeps its cursor. */
async function postpone({ store, clock }: DirectoryDeps, group: Group): Promise<void> {
  const sync = await store.groupSyncs.get(group.tenantId, group.id);
  const dueAt = new Date(clock.now().getTime() + SYNC_INTERVAL_MS);
  await store.groupSyncs.save(
    sync
      ? { ...sync, dueAt }
      : { tenantId: group.tenantId, groupId: group.id, passStartedAt: null, cursor: null, lastPassAt: null, dueAt },
  );
}
