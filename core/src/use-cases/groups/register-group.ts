import { type Group, isActive } from '../../domain/group.ts';
import type { Person, PlatformIdentity } from '../../domain/person.ts';
import type { PlatformRef } from '../../domain/platform.ts';
import { ErrorCode, fail, ok, type Result } from '../../errors.ts';
import { type GroupDirectory, PlatformError, type PlatformGroup } from '../../ports/chat-platform.ts';
import { applyDescription } from './apply-description.ts';
import type { DirectoryDeps } from './directory.ts';
import { syncMembers } from './sync-members.ts';

export interface RegisterGroupInput {
  /** The channel, or the team by its Microsoft 365 group id (what Graph knows it by). */
  readonly group: PlatformRef;
  /** Other ids of it that activities carry, in the same workspace (a team's `19:…` thread id). */
  readonly keys: readonly string[];
  /** Who added the app or ran the command: an owner of a new group, where owners are kept here. */
  readonly addedBy: PlatformIdentity | null;
  readonly at: Date;
}

export interface RegisteredGroup {
  readonly group: Group;
  readonly owners: readonly Person[];
  /** False while members remain to be read: the sync job goes on from where registration stopped. */
  readonly membersComplete: boolean;
}

/** Pages of members read while registering; the sync job reads the rest, from where this stopped. */
const REGISTRATION_PAGES = 1;

/**
 * The app was added to a channel or team, or someone asked to register it: it becomes a group of
 * the tenant its workspace is installed for (or is refreshed, when it already is one), with its
 * owners and first members. Safe to run again: it finds the group, continues the pass of members
 * in progress and duplicates nothing. Throws `PlatformError` when the platform fails for now; one
 * that cannot see the channel is a `group_not_visible` failure.
 */
export async function registerGroup(deps: DirectoryDeps, input: RegisterGroupInput): Promise<Result<RegisteredGroup>> {
  const { store } = deps;
  const { platform, workspaceId } = input.group;
  const installation = await store.installations.find(platform, workspaceId);
  const directory = deps.directories[platform];
  if (!installation || !directory) return fail(ErrorCode.NotFound, `no installation for ${platform} ${workspaceId}`);
  const description = await describe(directory, input.group);
  if (!description.ok) return description;
  const existing = await store.groups.findByPlatformRef(installation.tenantId, input.group);
  const described = await applyDescription(deps, installation.tenantId, existing, {
    ref: existing?.platformRef ?? input.group,
    description: description.value,
    addedBy: input.addedBy,
  });
  if (!described.ok) return described;
  const { group, owners } = described.value;
  await store.groups.addKeys(
    group.tenantId,
    group.id,
    input.keys.map((id) => ({ platform, workspaceId, id })),
  );
  const members = isActive(group)
    ? await syncMembers(deps, group, {
        pages: REGISTRATION_PAGES,
        firstJoinedAt: description.value.createdAt ?? input.at,
      })
    : null;
  return ok({ group, owners, membersComplete: members?.complete ?? false });
}

/** What the platform says of the group; a channel it cannot see is a failure, an outage is thrown. */
async function describe(directory: GroupDirectory, ref: PlatformRef): Promise<Result<PlatformGroup>> {
  try {
    return ok(await directory.describeGroup(ref));
  } catch (error) {
    if (error instanceof PlatformError && error.permanent)
      return fail(ErrorCode.GroupNotVisible, `${ref.id}: ${error.code}`);
    throw error;
  }
}
