import type { Person, Store, Tenant } from '@steward/core';

/** Someone the preview page offers to look at: an owner and what they own. */
export interface PreviewOwner {
  readonly person: Person;
  readonly tenant: Tenant;
  readonly groups: number;
}

/**
 * The active owners of at least one group, of every tenant in the store (the embedded demo holds
 * one), by tenant then name. The preview is a demo tool: it reads whole tenants.
 */
export async function previewOwners(store: Store): Promise<PreviewOwner[]> {
  const owners: PreviewOwner[] = [];
  for (const tenant of await store.tenants.list()) {
    const groupsOf = new Map<string, number>();
    for (const group of await store.groups.list(tenant.id)) {
      for (const ownerId of group.ownerIds) groupsOf.set(ownerId, (groupsOf.get(ownerId) ?? 0) + 1);
    }
    const people = await store.people.getMany(tenant.id, [...groupsOf.keys()]);
    owners.push(
      ...people
        .filter((person) => person.deactivatedAt === null)
        .sort((a, b) => a.displayName.localeCompare(b.displayName) || a.id.localeCompare(b.id))
        .map((person) => ({ person, tenant, groups: groupsOf.get(person.id) ?? 0 })),
    );
  }
  return owners;
}

// Every id of ours is a UUID; anything else names nobody (and would not reach a uuid column).
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The person of this id, in whichever tenant of the store holds them. */
export async function findPreviewPerson(store: Store, personId: string): Promise<Person | null> {
  if (!UUID.test(personId)) return null;
  for (const tenant of await store.tenants.list()) {
    const person = await store.people.get(tenant.id, personId);
    if (person) return person;
  }
  return null;
}
