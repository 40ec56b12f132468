import type { HealthWeights } from './health.ts';
import type { Locale } from './locale.ts';
import type { WeeklyHourSlot } from './weekly-hour-slot.ts';

/** A company using Group Steward. Every other row belongs to exactly one tenant. */
export interface Tenant {
  readonly id: string;
  readonly name: string;
  /** The weekly-hour slot of every owner who has not chosen one. */
  readonly defaultWeeklyHour: WeeklyHourSlot;
  readonly defaultTimeZone: string;
  readonly defaultLocale: Locale;
  /** When missed weekly hours are escalated. */
  readonly escalation: EscalationPolicy;
  /** How much each component weighs in the groups' health score (DEFAULT_HEALTH_WEIGHTS until changed). */
  readonly healthWeights: HealthWeights;
  /** Days after which an undecided membership request expires (DEFAULT_REQUEST_EXPIRY_DAYS until changed). */
  readonly requestExpiryDays: number;
  readonly createdAt: Date;
}

/**
 * Weeks in a row without the hour done or skipped after which others are told: first the owner's
 * co-owners, then the tenant's community managers.
 */
export interface EscalationPolicy {
  readonly coOwnersAfterWeeks: number;
  readonly managersAfterWeeks: number;
}

export const DEFAULT_ESCALATION: EscalationPolicy = { coOwnersAfterWeeks: 2, managersAfterWeeks: 3 };
