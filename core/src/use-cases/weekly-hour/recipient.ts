import type { Person, PlatformIdentity } from '../../domain/person.ts';
import type { CoreDeps } from '../deps.ts';

/**
 * Where a person's cards go: the platform they chose, else the one they used last, else the one
 * they have. One card per person, whatever number of platforms they are on.
 */
export async function cardRecipient(deps: CoreDeps, person: Person): Promise<PlatformIdentity | null> {
  const on = (platform: string | null) => person.identities.find((i) => i.platform === platform) ?? null;
  const preferred = on(person.preferredPlatform);
  if (preferred) return preferred;
  if (new Set(person.identities.map((i) => i.platform)).size <= 1) return person.identities[0] ?? null;
  return (
    on(await deps.store.contributions.lastActivePlatform(person.tenantId, person.id)) ?? person.identities[0] ?? null
  );
}
