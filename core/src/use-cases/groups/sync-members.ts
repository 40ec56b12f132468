import type { ContributionEvent } from '../../domain/contribution.ts';
import { type Group, OWNERS_FROM_PLATFORM } from '../../domain/group.ts';
import { newId } from '../../domain/ids.ts';
import type { Person, PlatformIdentity } from '../../domain/person.ts';
import { InvariantViolation } from '../../errors.ts';
import { PlatformError } from '../../ports/chat-platform.ts';
import type { GroupSync } from '../../ports/store/group-syncs.ts';
import { peopleFor } from '../identify.ts';
import { updatePersonProfile } from '../record-platform-activity.ts';
import { identityIn } from '../view-membership-request.ts';
import type { DirectoryDeps } from './directory.ts';
import { checkOwnership } from './take-over.ts';

/** How often each group is reconciled with its platform. */
export const SYNC_INTERVAL_MS = 24 * 60 * 60 * 1000;

export interface MembersPass {
  /** Pages of members read now. */
  readonly pages: number;
  /** Members found who had joined unannounced (not counted on a group's first pass: its first roster). */
  readonly joined: number;
  /** Members gone unannounced, noticed as the pass completed. */
  readonly left: number;
  /** The pass read its last page; otherwise it goes on from its cursor next time. */
  readonly complete: boolean;
}

/**
 * Reconciles the group's members with its platform, at most `pages` pages now: the pass in
 * progress goes on from its saved cursor, or a new one starts. Members the platform lists join if
 * they were not members (missed joins, counted as join events whose ids are the pass's, so that a
 * page read twice counts once); when the last page is read, members not seen since the pass began
 * have left. The members of a group's first pass are its roster, not joins: they are dated
 * `firstJoinedAt` (the channel's creation), their own join date being unknown.
 */
export async function syncMembers(
  deps: DirectoryDeps,
  group: Group,
  budget: { readonly pages: number; readonly firstJoinedAt: Date },
): Promise<MembersPass> {
  const { store, clock } = deps;
  const directory = deps.directories[group.platformRef.platform];
  if (!directory) throw new InvariantViolation(`no directory for ${group.platformRef.platform}`);
  const saved = await store.groupSyncs.get(group.tenantId, group.id);
  let sync: GroupSync = saved?.passStartedAt
    ? saved
    : {
        tenantId: group.tenantId,
        groupId: group.id,
        passStartedAt: clock.now(),
        cursor: null,
        lastPassAt: saved?.lastPassAt ?? null,
        dueAt: clock.now(),
      };
  if (sync !== saved) await store.groupSyncs.save(sync);
  const pass = sync.passStartedAt ?? clock.now();
  let pages = 0;
  let joined = 0;
  while (pages < budget.pages) {
    const page = await directory.listMembers(group.platformRef, sync.cursor);
    pages += 1;
    joined += await recordPage(deps, group, page.members, sync.lastPassAt === null ? budget.firstJoinedAt : null, pass);
    if (page.next === null)
      return { pages, joined, left: await finishPass(deps, group, pass, sync.lastPassAt), complete: true };
    sync = { ...sync, cursor: page.next };
    await store.groupSyncs.save(sync);
  }
  return { pages, joined, left: 0, complete: false };
}

/** One page's members made current members; returns how many joined unannounced. */
async function recordPage(
  deps: DirectoryDeps,
  group: Group,
  members: readonly PlatformIdentity[],
  rosterJoinedAt: Date | null,
  pass: Date,
): Promise<number> {
  const { store, clock } = deps;
  const now = clock.now();
  const people = await peopleFor(deps, group.tenantId, members);
  const ids = people.map((person) => person.id);
  if (rosterJoinedAt) {
    await store.memberships.recordSeen(group.tenantId, group.id, ids, { joinedAt: rosterJoinedAt, seenAt: now });
    return 0;
  }
  const current = new Set(
    (await store.memberships.getMany(group.tenantId, group.id, ids))
      .filter((m) => m.leftAt === null)
      .map((m) => m.personId),
  );
  const missed = ids.filter((id) => !current.has(id));
  // Events first: should the memberships not be written, the page read again finds the same joins.
  await store.contributions.record(
    group.tenantId,
    missed.map((id) => syncEvent(group, id, 'join', pass, now)),
  );
  await store.memberships.recordSeen(group.tenantId, group.id, ids, { joinedAt: now, seenAt: now });
  return missed.length;
}

/** The pass read every page: members it did not see have left; owners gone since the last pass are looked at. */
async function finishPass(deps: DirectoryDeps, group: Group, pass: Date, previousPass: Date | null): Promise<number> {
  const { store, clock } = deps;
  const now = clock.now();
  const gone = await store.memberships.listUnseenSince(group.tenantId, group.id, pass);
  await store.contributions.record(
    group.tenantId,
    gone.map((id) => syncEvent(group, id, 'leave', pass, now)),
  );
  for (const personId of gone) await store.memberships.recordLeave(group.tenantId, group.id, personId, now);
  await noticeDepartedOwners(deps, group.tenantId, group.id, previousPass);
  await store.groupSyncs.save({
    tenantId: group.tenantId,
    groupId: group.id,
    passStartedAt: null,
    cursor: null,
    lastPassAt: pass,
    dueAt: new Date(now.getTime() + SYNC_INTERVAL_MS),
  });
  return gone.length;
}

/**
 * Owners who stopped being members since the last pass (or were none at the first): their profile
 * is read again, so that one who left the company is marked deactivated (the dashboards count
 * active owners), and the departure is audited. Where owners are kept here, departed ones stop
 * being owners while another remains; the last ones stay, the group being ownerless by coverage,
 * and the ownership check offers it to its most active members.
 */
async function noticeDepartedOwners(
  deps: DirectoryDeps,
  tenantId: string,
  groupId: string,
  previousPass: Date | null,
): Promise<void> {
  const { store } = deps;
  const group = await store.groups.get(tenantId, groupId);
  if (!group) return;
  const memberships = new Map(
    (await store.memberships.getMany(tenantId, groupId, group.ownerIds)).map((m) => [m.personId, m]),
  );
  const present = group.ownerIds.filter((id) => memberships.get(id)?.leftAt === null);
  const newlyGone = group.ownerIds.filter((id) => {
    const leftAt = memberships.get(id)?.leftAt;
    return leftAt === undefined
      ? previousPass === null
      : leftAt !== null && (previousPass === null || leftAt >= previousPass);
  });
  for (const owner of await store.people.getMany(tenantId, newlyGone)) await ownerLeft(deps, group, owner);
  if (
    !OWNERS_FROM_PLATFORM[group.platformRef.platform] &&
    present.length > 0 &&
    present.length < group.ownerIds.length
  ) {
    await store.groups.save({ ...group, ownerIds: present });
  }
  if (newlyGone.length > 0) await checkOwnership(deps, tenantId, [groupId]);
}

async function ownerLeft(deps: DirectoryDeps, group: Group, owner: Person): Promise<void> {
  const identity = identityIn(owner, group);
  const directory = deps.directories[group.platformRef.platform];
  // A profile that cannot be read any more says nothing either way.
  const profile = identity && directory ? await directory.readProfile(identity).catch(unlessPermanent) : null;
  if (identity && profile) await updatePersonProfile(deps, identity, profile);
  await deps.store.audit.append({
    id: newId(),
    tenantId: group.tenantId,
    at: deps.clock.now(),
    actorId: null,
    action: 'group.owner_left',
    subjectKind: 'group',
    subjectId: group.id,
    details: { personId: owner.id, deactivated: profile?.deleted ?? false },
  });
}

function unlessPermanent(error: unknown): null {
  if (error instanceof PlatformError && error.permanent) return null;
  throw error;
}

function syncEvent(group: Group, personId: string, kind: 'join' | 'leave', pass: Date, at: Date): ContributionEvent {
  return {
    tenantId: group.tenantId,
    groupId: group.id,
    personId,
    kind,
    occurredAt: at,
    platform: group.platformRef.platform,
    platformEventId: `sync:${kind}:${group.id}:${personId}:${pass.toISOString()}`,
    threadId: null,
    asksQuestion: false,
  };
}
