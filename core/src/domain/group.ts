import { ErrorCode, fail, ok, type Result } from '../errors.ts';
import type { Platform, PlatformRef } from './platform.ts';
import { MAX_REQUEST_DEADLINE_HOURS, MIN_REQUEST_DEADLINE_HOURS } from './request-deadlines.ts';

export const MEMBERSHIP_POLICIES = ['open', 'approval'] as const;
export type MembershipPolicy = (typeof MEMBERSHIP_POLICIES)[number];

/**
 * A group follows its channel or team: `archived` while the platform has it archived (it may come
 * back), `retired` once the platform deleted it (for good). Either way its data stays, for the
 * dashboards and the audit, but it is nobody's active group: no weekly-card section, no sync.
 */
export const GROUP_STATES = ['active', 'archived', 'retired'] as const;
export type GroupState = (typeof GROUP_STATES)[number];

/**
 * Whose word a group's owners are. A Teams team has owners: the group's are the team's (Graph's
 * roles), refreshed by the daily sync. A Slack channel has only a creator: the group's owners are
 * kept here, from its creator and whoever added the app, then as owners share or hand over.
 */
export const OWNERS_FROM_PLATFORM: Readonly<Record<Platform, boolean>> = { slack: false, teams: true };

/** A new group is as open as its channel or team: anyone may join a public one, a private one asks. */
export function defaultMembershipPolicy(isPrivate: boolean): MembershipPolicy {
  return isPrivate ? 'approval' : 'open';
}

export const DEFAULT_REVIEW_INTERVAL_DAYS = 90;
export const DEFAULT_RESPONSE_TARGET_HOURS = 24;

/** A Slack channel or a Teams team that Group Steward looks after. */
export interface Group {
  readonly id: string;
  readonly tenantId: string;
  readonly name: string;
  readonly platformRef: PlatformRef;
  /** Null until an owner defines it. */
  readonly purpose: string | null;
  /** Never empty: a group whose owners all left is ownerless by coverage, not by an empty list. */
  readonly ownerIds: readonly string[];
  readonly membershipPolicy: MembershipPolicy;
  /** How often a content item must be reviewed unless the item says otherwise. */
  readonly reviewIntervalDays: number;
  /** A question unanswered for longer than this comes to the owners' weekly-hour card. */
  readonly responseTargetHours: number;
  /** Posted, mentioning them, when an owner welcomes new members. Null: the catalogue's text. */
  readonly welcomeText: string | null;
  /** A membership request undecided this long is reminded to the owners, then escalated (request-deadlines.ts). */
  readonly requestDeadlineHours: number;
  readonly state: GroupState;
  readonly createdAt: Date;
}

export function isOwner(group: Group, personId: string): boolean {
  return group.ownerIds.includes(personId);
}

export function isActive(group: Group): boolean {
  return group.state === 'active';
}

/**
 * A group's owners once its platform has described it. Where owners come from the platform, they
 * are the platform's (the one who added the app when the platform names none, for a new group;
 * the old ones otherwise: an ownerless team stays ownerless by coverage), and those of its owners
 * who took it over in Steward (`tookOverIds`), whom the app cannot make owners on the platform.
 * Elsewhere a new group's owners are who added the app and the channel's creator, and an existing
 * group keeps its own.
 */
export function ownersOnRegistration(
  platform: Platform,
  existing: Group | null,
  platformOwnerIds: readonly string[],
  addedById: string | null,
  tookOverIds: readonly string[] = [],
): string[] {
  const adder = addedById === null ? [] : [addedById];
  if (OWNERS_FROM_PLATFORM[platform]) {
    const tookOver = existing ? tookOverIds.filter((id) => existing.ownerIds.includes(id)) : [];
    const owners = platformOwnerIds.length > 0 ? [...new Set([...platformOwnerIds, ...tookOver])] : [];
    // The same owners listed in another order are no change.
    const unchanged =
      existing !== null &&
      owners.length === existing.ownerIds.length &&
      owners.every((id) => existing.ownerIds.includes(id));
    if (unchanged || (existing && owners.length === 0)) return [...existing.ownerIds];
    return owners.length > 0 ? owners : adder;
  }
  return existing ? [...existing.ownerIds] : [...new Set([...adder, ...platformOwnerIds])];
}

/** An owner shares the ownership: the people named become owners too (a sole owner may, of course). */
export function addOwners(group: Group, actorId: string, personIds: readonly string[]): Result<Group> {
  if (!isOwner(group, actorId))
    return fail(ErrorCode.NotAnOwner, `${actorId} does not own ${group.id}`, { group: group.name });
  return ok({ ...group, ownerIds: [...new Set([...group.ownerIds, ...personIds])] });
}

/**
 * An owner hands over: the people named stop being owners, the actor included if named. The last
 * owner cannot go this way: a group always has an owner, so a successor must be added first.
 */
export function removeOwners(group: Group, actorId: string, personIds: readonly string[]): Result<Group> {
  if (!isOwner(group, actorId))
    return fail(ErrorCode.NotAnOwner, `${actorId} does not own ${group.id}`, { group: group.name });
  const ownerIds = group.ownerIds.filter((id) => !personIds.includes(id));
  if (ownerIds.length === 0)
    return fail(ErrorCode.LastOwner, `${group.id} would have no owner left`, { group: group.name });
  return ok({ ...group, ownerIds });
}

/** Checks the invariants every stored group holds. */
export function validateGroup(group: Group): Result<Group> {
  if (group.name.trim() === '') return fail(ErrorCode.InvalidInput, 'a group needs a name');
  if (group.ownerIds.length === 0) return fail(ErrorCode.InvalidInput, 'a group needs at least one owner');
  if (new Set(group.ownerIds).size !== group.ownerIds.length) {
    return fail(ErrorCode.InvalidInput, 'a group lists an owner twice');
  }
  if (!Number.isInteger(group.reviewIntervalDays) || group.reviewIntervalDays < 1) {
    return fail(ErrorCode.InvalidInput, 'the review interval must be a whole number of days, at least 1');
  }
  if (!Number.isInteger(group.responseTargetHours) || group.responseTargetHours < 1) {
    return fail(ErrorCode.InvalidInput, 'the response target must be a whole number of hours, at least 1');
  }
  const deadline = group.requestDeadlineHours;
  if (!Number.isInteger(deadline) || deadline < MIN_REQUEST_DEADLINE_HOURS || deadline > MAX_REQUEST_DEADLINE_HOURS) {
    return fail(
      ErrorCode.InvalidInput,
      `the request deadline must be a whole number of hours, ${MIN_REQUEST_DEADLINE_HOURS} to ${MAX_REQUEST_DEADLINE_HOURS}`,
    );
  }
  return ok(group);
}
