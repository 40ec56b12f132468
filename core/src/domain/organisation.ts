import type { Person, PlatformIdentity, Role } from './person.ts';
import type { Platform } from './platform.ts';
import type { WeeklyHourStatus } from './weekly-hour.ts';

/** A Slack workspace or Enterprise organisation (its team or enterprise id), or a Microsoft Entra tenant. */
export interface WorkspaceRef {
  readonly platform: Platform;
  readonly workspaceId: string;
}

/**
 * What the administrator configured about the company this deployment serves. A self-hosted
 * deployment serves one company: the listed workspaces are one organisation, one tenant.
 */
export interface OrganisationSettings {
  /** The workspaces that form the organisation. Empty: every install is a tenant of its own. */
  readonly workspaces: readonly WorkspaceRef[];
  /** The organisation tenant's name; null leaves the name it has. */
  readonly name: string | null;
  /** Normalised e-mails that hold each role by configuration, in every tenant of the deployment. */
  readonly roles: Readonly<Record<Role, readonly string[]>>;
}

export const NO_ORGANISATION: OrganisationSettings = {
  workspaces: [],
  name: null,
  roles: { community_manager: [], administrator: [] },
};

/** Where a grant of a role came from; revoking through one source leaves the others' grants. */
export const ROLE_SOURCES = ['configuration'] as const;
export type RoleSource = (typeof ROLE_SOURCES)[number];

export function isListed(settings: OrganisationSettings, platform: Platform, workspaceId: string): boolean {
  return settings.workspaces.some((w) => w.platform === platform && w.workspaceId === workspaceId);
}

/**
 * When the same owner has a record for the same week twice (once per former person), the one
 * kept is the first in this order, so an hour done on either platform stays done; between equals,
 * the older record.
 */
export const MERGED_WEEKLY_HOUR_PRECEDENCE: readonly WeeklyHourStatus[] = [
  'done',
  'skipped',
  'delegated',
  'snoozed',
  'pending',
];

const identityKey = (i: PlatformIdentity) => `${i.platform}\u0000${i.workspaceId}\u0000${i.userId}`;

/**
 * The one person two people (the same e-mail in two merged tenants) become. `kept` keeps its id
 * and every choice it made; a choice only `other` made (weekly hour, preferred platform) carries
 * over. Identities and roles are those of both. Someone still active on either platform is active.
 */
export function combinePeople(kept: Person, other: Person, tenantId: string): Person {
  const identities = new Map([...kept.identities, ...other.identities].map((i) => [identityKey(i), i]));
  const stillActive = kept.deactivatedAt === null || other.deactivatedAt === null;
  const left = [kept.deactivatedAt, other.deactivatedAt]
    .filter((d) => d !== null)
    .sort((a, b) => b.getTime() - a.getTime());
  return {
    ...kept,
    tenantId,
    identities: [...identities.values()],
    roles: [...new Set([...kept.roles, ...other.roles])],
    weeklyHour: kept.weeklyHour ?? other.weeklyHour,
    preferredPlatform: kept.preferredPlatform ?? other.preferredPlatform,
    timeOff: kept.timeOff ?? other.timeOff,
    deactivatedAt: stillActive ? null : (left[0] ?? null),
  };
}
