import {
  type Group,
  type IsoWeek,
  isoWeekOf,
  newWeeklyHourRecord,
  type Person,
  type Platform,
  type Store,
} from '../../core/src/index.ts';
import { aGroup, aPerson } from './factories.ts';

/** A second group of an owner's, on the owner's platform, with a co-owner: who can cover the owner's time off. */
export interface SharedGroup {
  readonly platform: Platform;
  readonly workspaceId: string;
  /** The co-owner, new to the store: their name and their id on the platform. */
  readonly coOwner: { readonly displayName: string; readonly userId: string };
  /** The group: its name and its id on the platform (a channel or a team). */
  readonly group: { readonly name: string; readonly id: string };
}

/** Saves the co-owner and the group the owner shares with them; returns both as stored. */
export async function aGroupSharedWith(
  store: Store,
  owner: Person,
  shared: SharedGroup,
): Promise<{ readonly coOwner: Person; readonly group: Group }> {
  const { platform, workspaceId } = shared;
  const coOwner = aPerson(owner.tenantId, {
    displayName: shared.coOwner.displayName,
    identities: [{ platform, workspaceId, userId: shared.coOwner.userId }],
  });
  await store.people.save(coOwner);
  const group = aGroup(owner.tenantId, [owner.id, coOwner.id], {
    name: shared.group.name,
    platformRef: { platform, workspaceId, id: shared.group.id },
  });
  await store.groups.save(group);
  return { coOwner, group };
}

/** The owner's weekly hour of this week, claimed as sending their card does: the card's buttons act on it. Its week. */
export async function thisWeeksCard(store: Store, owner: Person): Promise<IsoWeek> {
  const week = isoWeekOf(new Date(), owner.timeZone);
  await store.weeklyHours.claim(newWeeklyHourRecord(owner.tenantId, owner.id, week, new Date()));
  return week;
}
