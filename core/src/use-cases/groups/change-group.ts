import type { Group, GroupState } from '../../domain/group.ts';
import { newId } from '../../domain/ids.ts';
import type { PlatformRef } from '../../domain/platform.ts';
import type { CoreDeps } from '../deps.ts';

export const GROUP_CHANGES = ['renamed', 'archived', 'unarchived', 'deleted', 'restored'] as const;
export type GroupChange = (typeof GROUP_CHANGES)[number];

export interface ChangeGroupInput {
  /** The channel or team, by any of its ids. */
  readonly group: PlatformRef;
  readonly change: GroupChange;
  /** The new name, for `renamed`, as people write it ("#design"). */
  readonly name?: string;
  readonly at: Date;
}

/** What each change makes of a group's state: a deleted group stays retired unless restored. */
function stateAfter(state: GroupState, change: GroupChange): GroupState {
  switch (change) {
    case 'renamed':
      return state;
    case 'archived':
      return state === 'retired' ? state : 'archived';
    case 'unarchived':
      return state === 'retired' ? state : 'active';
    case 'deleted':
      return 'retired';
    case 'restored':
      return 'active';
  }
}

/**
 * The platform renamed, archived, unarchived, deleted or restored a channel or team: its group
 * follows, keeping all its data. Null when the channel or team is no group. Idempotent.
 */
export async function changeGroup({ store }: CoreDeps, input: ChangeGroupInput): Promise<Group | null> {
  const installation = await store.installations.find(input.group.platform, input.group.workspaceId);
  const group = installation ? await store.groups.findByPlatformRef(installation.tenantId, input.group) : null;
  if (!group) return null;
  const name = input.change === 'renamed' && input.name?.trim() ? input.name.trim() : group.name;
  const changed: Group = { ...group, name, state: stateAfter(group.state, input.change) };
  if (changed.name === group.name && changed.state === group.state) return group;
  await store.groups.save(changed);
  await store.audit.append({
    id: newId(),
    tenantId: group.tenantId,
    at: input.at,
    actorId: null,
    action: `group.${input.change}`,
    subjectKind: 'group',
    subjectId: group.id,
    details: { name: changed.name, state: changed.state },
  });
  return changed;
}
