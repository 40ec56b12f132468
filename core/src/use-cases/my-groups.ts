import type { GroupRole } from '../cards/groups-card.ts';
import { type Group, isActive } from '../domain/group.ts';
import type { Person } from '../domain/person.ts';
import type { CoreDeps } from './deps.ts';

/** The active groups a person owns or belongs to, owned first, each by name. */
export async function myGroups({ store }: CoreDeps, person: Person): Promise<GroupRole[]> {
  const owned = await store.groups.listOwnedBy(person.tenantId, person.id);
  const ownedIds = new Set(owned.map((g) => g.id));
  const memberships = await store.memberships.listByPerson(person.tenantId, person.id);
  const joined = await Promise.all(
    memberships.filter((m) => !ownedIds.has(m.groupId)).map((m) => store.groups.get(person.tenantId, m.groupId)),
  );
  return [
    ...owned.map((g) => ({ groupName: g.name, role: 'owner' as const })),
    ...joined
      .filter((g): g is Group => g !== null && isActive(g))
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((g) => ({ groupName: g.name, role: 'member' as const })),
  ];
}
