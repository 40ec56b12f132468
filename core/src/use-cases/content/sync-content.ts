import { LISTED_CONTENT_KINDS } from '../../domain/content-archive.ts';
import type { ContentItem } from '../../domain/content-item.ts';
import type { Group } from '../../domain/group.ts';
import { newId } from '../../domain/ids.ts';
import { PLATFORMS, type Platform } from '../../domain/platform.ts';
import { type ChatPlatform, type PlatformContentItem, PlatformError } from '../../ports/chat-platform.ts';
import type { CoreDeps } from '../deps.ts';
import { SYNC_INTERVAL_MS } from '../groups/sync-members.ts';

/** What lists a group's content on its platform: the edge's ChatPlatform. */
export type ContentSource = Pick<ChatPlatform, 'listContent'>;

export interface ContentSyncDeps extends CoreDeps {
  readonly contentSources: Partial<Record<Platform, ContentSource>>;
}

/**
 * Groups one run of the content sync takes at most. Every 10 minutes, that is 14,400 groups a day,
 * each of them daily. A Slack group costs a pins.list (Tier 2, 20 a minute per workspace): the
 * client waits on its limiter, so a run in one workspace of 10,000 groups takes 5 minutes.
 */
export const CONTENT_SYNC_BUDGET = 100;
/** A platform's passing failure (an outage, throttling) is tried again after this. */
const RETRY_AFTER_FAILURE_MS = 60 * 60 * 1000;

export interface ContentSyncOutcome {
  readonly groups: number;
  /** Items new or changed on the platform, written. */
  readonly saved: number;
  /** Items the platform no longer shows, archived. */
  readonly gone: number;
  readonly failed: number;
}

/**
 * The daily content sync: each due group's content is listed on its platform and the inventory
 * brought in step. New and changed items are written (keyed by platform reference, so a pin that
 * came by event is the same item), unchanged ones are not touched, and the active items the listing
 * no longer shows are archived. Platforms go side by side, so a slow one holds up no other.
 */
export async function syncContent(deps: ContentSyncDeps, budget = CONTENT_SYNC_BUDGET): Promise<ContentSyncOutcome> {
  const { store, clock } = deps;
  const platforms = PLATFORMS.filter((platform) => deps.contentSources[platform] !== undefined);
  const due = await store.contentSyncs.due(clock.now(), platforms, budget);
  const outcome = { groups: 0, saved: 0, gone: 0, failed: 0 };
  // One read of the groups per tenant, not one per group.
  const groups = (
    await Promise.all(
      [...new Set(due.map((d) => d.tenantId))].map((tenantId) =>
        store.groups.getMany(
          tenantId,
          due.filter((d) => d.tenantId === tenantId).map((d) => d.groupId),
        ),
      ),
    )
  ).flat();
  const lanes = platforms.map(async (platform) => {
    for (const group of groups.filter((g) => g.platformRef.platform === platform)) {
      const pass = await syncGroupContent(deps, group);
      outcome.groups += 1;
      if (pass === null) outcome.failed += 1;
      else {
        outcome.saved += pass.saved;
        outcome.gone += pass.gone;
      }
    }
  });
  await Promise.all(lanes);
  return outcome;
}

/** One group's turn; null when its platform failed (the inventory is then left as it was). */
async function syncGroupContent(deps: ContentSyncDeps, group: Group): Promise<{ saved: number; gone: number } | null> {
  const { store, clock } = deps;
  const platform = group.platformRef.platform;
  const source = deps.contentSources[platform];
  if (!source) return null;
  let listed: PlatformContentItem[];
  try {
    listed = await source.listContent(group.platformRef);
  } catch (error) {
    if (!(error instanceof PlatformError)) throw error;
    // Lasting (the app removed from the channel, the install gone): tomorrow; passing: in an hour.
    await schedule(deps, group, error.permanent ? SYNC_INTERVAL_MS : RETRY_AFTER_FAILURE_MS, null);
    return null;
  }
  const now = clock.now();
  const known = new Map(
    (await store.contentItems.listByGroup(group.tenantId, group.id)).map((item) => [refKey(item.platformRef), item]),
  );
  const changed = listed.filter((item) => isChanged(known.get(refKey(item.ref)), item, group.id));
  for (const item of changed) await store.contentItems.save(newItem(group, item));
  const gone = await store.contentItems.archiveMissing(
    group.tenantId,
    group.id,
    LISTED_CONTENT_KINDS[platform],
    listed.map((item) => item.ref.id),
    now,
  );
  await schedule(deps, group, SYNC_INTERVAL_MS, now);
  return { saved: changed.length, gone };
}

function refKey(ref: { platform: string; workspaceId: string; id: string }): string {
  return `${ref.platform}\n${ref.workspaceId}\n${ref.id}`;
}

/** Whether the platform's item differs from the inventory's: new, moved, renamed, changed, or back. */
function isChanged(stored: ContentItem | undefined, listed: PlatformContentItem, groupId: string): boolean {
  return (
    stored?.state !== 'active' ||
    stored.groupId !== groupId ||
    stored.kind !== listed.kind ||
    stored.title !== listed.title ||
    stored.link !== listed.link ||
    stored.lastChangedAt.getTime() !== listed.lastChangedAt.getTime()
  );
}

/** The item to save: the store keeps the id, review and own interval of one it already has. */
function newItem(group: Group, listed: PlatformContentItem): ContentItem {
  return {
    id: newId(),
    tenantId: group.tenantId,
    groupId: group.id,
    kind: listed.kind,
    platformRef: listed.ref,
    title: listed.title,
    link: listed.link,
    lastChangedAt: listed.lastChangedAt,
    lastReviewedAt: null,
    reviewIntervalDays: null,
    state: 'active',
  };
}

async function schedule(
  { store, clock }: CoreDeps,
  group: Group,
  afterMs: number,
  syncedAt: Date | null,
): Promise<void> {
  const previous = syncedAt === null ? await store.contentSyncs.get(group.tenantId, group.id) : null;
  await store.contentSyncs.save({
    tenantId: group.tenantId,
    groupId: group.id,
    lastSyncedAt: syncedAt ?? previous?.lastSyncedAt ?? null,
    dueAt: new Date(clock.now().getTime() + afterMs),
  });
}
