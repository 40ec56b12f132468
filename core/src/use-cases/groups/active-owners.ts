import type { Group } from '../../domain/group.ts';
import { activeOwnerIds } from '../../domain/metrics/owners.ts';
import type { CoreDeps } from '../deps.ts';

/**
 * Each group's active owners: owners still with the company (not deactivated) and still members of
 * the group (METRICS.md ownership coverage: 0 is ownerless, 1 at risk). A Slack channel keeps its
 * last owner in `ownerIds` after they leave, so the ended memberships must be read, not only people.
 * Two set-based reads for any number of groups of one tenant.
 */
export async function activeOwnersOfGroups(
  { store }: CoreDeps,
  tenantId: string,
  groups: readonly Group[],
): Promise<Map<string, string[]>> {
  const ownerIds = [...new Set(groups.flatMap((g) => g.ownerIds))];
  const [people, ended] = await Promise.all([
    store.people.getMany(tenantId, ownerIds),
    store.memberships.listEndedAmong(
      tenantId,
      groups.map((g) => g.id),
      ownerIds,
    ),
  ]);
  const byId = new Map(people.map((p) => [p.id, p]));
  const departedBy = Map.groupBy(ended, (m) => m.groupId);
  return new Map(
    groups.map((group) => [
      group.id,
      activeOwnerIds(group, byId, new Set((departedBy.get(group.id) ?? []).map((m) => m.personId))),
    ]),
  );
}

/** One group's active owners (see `activeOwnersOfGroups`). */
export async function activeOwnersOf(deps: CoreDeps, group: Group): Promise<string[]> {
  return (await activeOwnersOfGroups(deps, group.tenantId, [group])).get(group.id) ?? [];
}
