import type { Group } from '../../domain/group.ts';
import { newId } from '../../domain/ids.ts';
import type { CoreDeps } from '../deps.ts';

/** Records what was done to a group, and by whom (null: the steward itself). */
export async function auditGroup(
  deps: CoreDeps,
  group: Group,
  actorId: string | null,
  action: string,
  details: Record<string, string>,
): Promise<void> {
  await deps.store.audit.append({
    id: newId(),
    tenantId: group.tenantId,
    at: deps.clock.now(),
    actorId,
    action,
    subjectKind: 'group',
    subjectId: group.id,
    details,
  });
}
