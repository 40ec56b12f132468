import type { ContentKind, ContentState } from '../domain/content-item.ts';
import { newId } from '../domain/ids.ts';
import type { PlatformIdentity } from '../domain/person.ts';
import type { PlatformRef } from '../domain/platform.ts';
import type { CoreDeps } from './deps.ts';

/** A content item appeared, changed or went away on the platform. */
export interface ContentChange {
  readonly group: PlatformRef;
  readonly kind: ContentKind;
  readonly ref: PlatformRef;
  /** Never message text: a file or bookmark name, or empty for a pinned message. */
  readonly title: string;
  readonly link: string | null;
  readonly changedAt: Date;
  readonly state: ContentState;
  /** Who made it (a pinned message's writer, a file's sharer), when the platform says. */
  readonly author?: PlatformIdentity | null;
}

/**
 * Keeps a group's content inventory in step with the platform. An item keeps its id, review
 * history and own interval whatever the platform says; removal archives it. Returns false when the
 * channel is not a group.
 */
export async function recordContentChange({ store }: CoreDeps, change: ContentChange): Promise<boolean> {
  const installation = await store.installations.find(change.group.platform, change.group.workspaceId);
  const group = installation ? await store.groups.findByPlatformRef(installation.tenantId, change.group) : null;
  if (!group) return false;
  await store.contentItems.save({
    id: newId(),
    tenantId: group.tenantId,
    groupId: group.id,
    kind: change.kind,
    platformRef: change.ref,
    title: change.title,
    link: change.link,
    lastChangedAt: change.changedAt,
    lastReviewedAt: null,
    reviewIntervalDays: null,
    state: change.state,
    authorId: change.author ? ((await store.people.findByIdentity(group.tenantId, change.author))?.id ?? null) : null,
  });
  return true;
}
