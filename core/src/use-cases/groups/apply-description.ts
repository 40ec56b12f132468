import {
  DEFAULT_RESPONSE_TARGET_HOURS,
  DEFAULT_REVIEW_INTERVAL_DAYS,
  defaultMembershipPolicy,
  type Group,
  OWNERS_FROM_PLATFORM,
  ownersOnRegistration,
  validateGroup,
} from '../../domain/group.ts';
import { newId } from '../../domain/ids.ts';
import type { Person, PlatformIdentity } from '../../domain/person.ts';
import type { PlatformRef } from '../../domain/platform.ts';
import { DEFAULT_REQUEST_DEADLINE_HOURS } from '../../domain/request-deadlines.ts';
import { ErrorCode, fail, ok, type Result } from '../../errors.ts';
import type { PlatformGroup } from '../../ports/chat-platform.ts';
import type { CoreDeps } from '../deps.ts';
import { peopleFor, personFor } from '../identify.ts';
import type { DirectoryDeps } from './directory.ts';

export interface DescribedGroup {
  readonly group: Group;
  readonly owners: readonly Person[];
}

/**
 * The group as its platform now describes it: its name, whether archived, and its owners by the
 * rule of its platform (`ownersOnRegistration`). Made when `existing` is null; saved and audited
 * only when something changed, so that describing it again changes nothing.
 */
export async function applyDescription(
  deps: DirectoryDeps,
  tenantId: string,
  existing: Group | null,
  input: { readonly ref: PlatformRef; readonly description: PlatformGroup; readonly addedBy: PlatformIdentity | null },
): Promise<Result<DescribedGroup>> {
  const { store, clock } = deps;
  const { description } = input;
  const platformOwners = await peopleFor(deps, tenantId, description.owners);
  const adder = input.addedBy ? await personFor(deps, tenantId, input.addedBy) : null;
  // Who took the group over in Steward stays its owner though the platform does not list them.
  const tookOver =
    existing && OWNERS_FROM_PLATFORM[input.ref.platform]
      ? await store.ownershipOffers.takenOver(tenantId, existing.id)
      : [];
  const ownerIds = ownersOnRegistration(
    input.ref.platform,
    existing,
    platformOwners.map((p) => p.id),
    adder?.id ?? null,
    tookOver,
  );
  if (ownerIds.length === 0)
    return fail(ErrorCode.NoOwner, `no person owns ${input.ref.id}`, { group: description.name });
  const state = description.archived ? 'archived' : 'active';
  const group: Group = existing
    ? { ...existing, name: description.name, ownerIds, state }
    : {
        id: newId(),
        tenantId,
        name: description.name,
        platformRef: input.ref,
        purpose: null,
        ownerIds,
        membershipPolicy: defaultMembershipPolicy(description.isPrivate),
        reviewIntervalDays: DEFAULT_REVIEW_INTERVAL_DAYS,
        responseTargetHours: DEFAULT_RESPONSE_TARGET_HOURS,
        welcomeText: null,
        requestDeadlineHours: DEFAULT_REQUEST_DEADLINE_HOURS,
        state,
        createdAt: clock.now(),
      };
  const valid = validateGroup(group);
  if (!valid.ok) return valid;
  if (JSON.stringify(group) !== JSON.stringify(existing)) {
    await store.groups.save(group);
    await store.audit.append({
      id: newId(),
      tenantId,
      at: clock.now(),
      actorId: adder?.id ?? null,
      action: existing ? 'group.updated' : 'group.registered',
      subjectKind: 'group',
      subjectId: group.id,
      details: { name: group.name, state: group.state, ownerIds: group.ownerIds.join(',') },
    });
  }
  return ok({ group, owners: await ownersOf(deps, group) });
}

/** The group's owners, in the group's order. */
export async function ownersOf({ store }: CoreDeps, group: Group): Promise<Person[]> {
  const people = new Map((await store.people.getMany(group.tenantId, group.ownerIds)).map((p) => [p.id, p]));
  return group.ownerIds.flatMap((id) => people.get(id) ?? []);
}
