import { addOwners, type Group, isActive, removeOwners } from '../../domain/group.ts';
import { newId } from '../../domain/ids.ts';
import type { Person, PlatformIdentity } from '../../domain/person.ts';
import type { PlatformRef } from '../../domain/platform.ts';
import { ErrorCode, fail, ok, type Result } from '../../errors.ts';
import { type IdentifyDeps, personFor } from '../identify.ts';
import { ownersOf } from './apply-description.ts';

export interface OwnersInput {
  /** The group's channel, where the command was run. */
  readonly group: PlatformRef;
  readonly people: readonly PlatformIdentity[];
}

export interface OwnersOutcome {
  readonly group: Group;
  readonly owners: readonly Person[];
}

/** An owner makes the people named co-owners; a sole owner may share. */
export async function shareOwnership(
  deps: IdentifyDeps,
  actor: Person,
  input: OwnersInput,
): Promise<Result<OwnersOutcome>> {
  const group = await activeGroup(deps, actor, input.group);
  if (!group.ok) return group;
  const people: Person[] = [];
  for (const identity of input.people) {
    const person = await personFor(deps, actor.tenantId, identity);
    if (!person) return fail(ErrorCode.NotAPerson, `${identity.userId} is a bot`, { name: identity.userId });
    people.push(person);
  }
  return changeOwners(
    deps,
    actor,
    group.value,
    addOwners(
      group.value,
      actor.id,
      people.map((p) => p.id),
    ),
    'group.owners_added',
  );
}

/** An owner hands over: the people named, themselves included if named, stop being owners; never the last. */
export async function handOverOwnership(
  deps: IdentifyDeps,
  actor: Person,
  input: OwnersInput,
): Promise<Result<OwnersOutcome>> {
  const group = await activeGroup(deps, actor, input.group);
  if (!group.ok) return group;
  // People unknown here own nothing, so there is nothing to remove for them.
  const people = await deps.store.people.findByIdentities(actor.tenantId, input.people);
  return changeOwners(
    deps,
    actor,
    group.value,
    removeOwners(
      group.value,
      actor.id,
      people.map((p) => p.id),
    ),
    'group.owners_removed',
  );
}

async function activeGroup({ store }: IdentifyDeps, actor: Person, ref: PlatformRef): Promise<Result<Group>> {
  const group = await store.groups.findByPlatformRef(actor.tenantId, ref);
  return group && isActive(group)
    ? ok(group)
    : fail(ErrorCode.NotFound, `no active group for ${ref.platform} ${ref.id}`);
}

async function changeOwners(
  deps: IdentifyDeps,
  actor: Person,
  before: Group,
  after: Result<Group>,
  action: string,
): Promise<Result<OwnersOutcome>> {
  if (!after.ok) return after;
  const group = after.value;
  if (group.ownerIds.join() !== before.ownerIds.join()) {
    await deps.store.groups.save(group);
    await deps.store.audit.append({
      id: newId(),
      tenantId: group.tenantId,
      at: deps.clock.now(),
      actorId: actor.id,
      action,
      subjectKind: 'group',
      subjectId: group.id,
      details: { before: before.ownerIds.join(','), after: group.ownerIds.join(',') },
    });
  }
  return ok({ group, owners: await ownersOf(deps, group) });
}
