import type { Locale } from './locale.ts';
import type { Platform } from './platform.ts';
import type { Tenant } from './tenant.ts';
import type { TimeOff } from './time-off.ts';
import type { WeeklyHourSlot } from './weekly-hour-slot.ts';

export const ROLES = ['community_manager', 'administrator'] as const;
export type Role = (typeof ROLES)[number];

/** How a person is known on one platform. Someone known on Slack and Teams is one person. */
export interface PlatformIdentity {
  readonly platform: Platform;
  readonly workspaceId: string;
  readonly userId: string;
}

export interface Person {
  readonly id: string;
  readonly tenantId: string;
  readonly displayName: string;
  /** The key that joins a Slack identity and a Teams identity into one person. */
  readonly email: string | null;
  readonly identities: readonly PlatformIdentity[];
  /** IANA zone, e.g. "Europe/Paris". */
  readonly timeZone: string;
  readonly locale: Locale;
  readonly roles: readonly Role[];
  /** Null until the person chooses; the tenant default applies meanwhile. */
  readonly weeklyHour: WeeklyHourSlot | null;
  /**
   * Where the weekly-hour card goes for someone known on both platforms. Null: the platform they
   * used last.
   */
  readonly preferredPlatform: Platform | null;
  /** A period without weekly cards, and who covers it (time-off.ts); null when none is set. */
  readonly timeOff: TimeOff | null;
  /** Deactivated people (left the company) own nothing in practice: their groups may be ownerless. */
  readonly deactivatedAt: Date | null;
}

export function weeklyHourOf(person: Person, tenant: Tenant): WeeklyHourSlot {
  return person.weeklyHour ?? tenant.defaultWeeklyHour;
}

export function isCommunityManager(person: Person): boolean {
  return person.roles.includes('community_manager');
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
