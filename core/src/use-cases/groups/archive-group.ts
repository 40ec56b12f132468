import { isActive, isOwner } from '../../domain/group.ts';
import { newId } from '../../domain/ids.ts';
import { isCommunityManager, type Person } from '../../domain/person.ts';
import type { PlatformRef } from '../../domain/platform.ts';
import { utcDay } from '../../domain/rollups.ts';
import { ErrorCode, fail, ok, type Result } from '../../errors.ts';
import { translate } from '../../messages/translate.ts';
import type { OutboxMessage } from '../../ports/store/outbox.ts';
import { enqueue } from '../deliver-outbox.ts';
import type { CoreDeps } from '../deps.ts';
import { changeGroup } from './change-group.ts';

/**
 * An owner of the group, or a community manager of its tenant, confirmed Archive: the platform is
 * asked through the outbox (an outage delays it, loses nothing). The group stays active until the
 * platform says it is archived (`groupArchivedOnPlatform`, or Slack's channel_archive event).
 * Audited. Returns the notice to show.
 */
export async function archiveGroup(deps: CoreDeps, person: Person, groupId: string): Promise<Result<string>> {
  const group = await deps.store.groups.get(person.tenantId, groupId);
  if (!group) return fail(ErrorCode.NotFound, `group ${groupId}`);
  if (!isOwner(group, person.id) && !isCommunityManager(person)) {
    return fail(ErrorCode.NotAnOwner, `${person.id} neither owns ${group.id} nor manages the community`, {
      group: group.name,
    });
  }
  if (!isActive(group)) return ok(translate(person.locale, 'idle.not_active', { group: group.name }));
  const now = deps.clock.now();
  // Pressed twice the same day, the platform is asked once; a day later (after a failure), again.
  const call = { operation: 'archive_group', payload: { group: group.platformRef } } as const;
  const { created } = await enqueue(
    deps,
    group.tenantId,
    group.platformRef.platform,
    call,
    `archive_group:${group.id}:${utcDay(now)}`,
  );
  if (created) {
    await deps.store.audit.append({
      id: newId(),
      tenantId: group.tenantId,
      at: now,
      actorId: person.id,
      action: 'group.archive_requested',
      subjectKind: 'group',
      subjectId: group.id,
      details: { name: group.name, by: isOwner(group, person.id) ? 'owner' : 'community_manager' },
    });
  }
  return ok(translate(person.locale, 'idle.archiving', { group: group.name }));
}

/** The platform archived the channel or team the outbox asked it to: its group follows (audited there). */
export async function groupArchivedOnPlatform(deps: CoreDeps, message: OutboxMessage): Promise<void> {
  const group = message.payload['group'] as PlatformRef;
  await changeGroup(deps, { group, change: 'archived', at: deps.clock.now() });
}
