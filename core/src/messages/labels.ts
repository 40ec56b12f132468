import type { DigestReasonKind } from '../domain/digest.ts';
import type { GroupFlag } from '../domain/group-health.ts';
import type { HealthBand, HealthComponent } from '../domain/health.ts';
import type { EngagementLevel } from '../domain/metrics/engagement.ts';
import type { MessageKey } from './en.ts';

// The catalogue's names of what the dashboards show: the compiler checks that every component,
// flag, level and field has its text.

export function componentLabel(component: HealthComponent): MessageKey {
  return `health.component.${component}`;
}

export function bandLabel(band: HealthBand): MessageKey {
  return `health.band.${band}`;
}

export function flagLabel(flag: GroupFlag): MessageKey {
  return `group.flag.${flag}`;
}

export function levelLabel(level: EngagementLevel): MessageKey {
  return `engagement.level.${level}`;
}

/** The fields a dashboard's request can get wrong (a failure's `params.field`). */
export const DASHBOARD_FIELDS = [
  'sort',
  'order',
  'flags',
  'platform',
  'search',
  'limit',
  'offset',
  'period',
  'groups',
  'weights',
  'bands',
] as const;
export type DashboardField = (typeof DASHBOARD_FIELDS)[number];

/** What a person reads when a dashboard's request got a field wrong. */
export function fieldErrorLabel(field: DashboardField): MessageKey {
  return `dashboard.invalid.${field}`;
}

/** Why a group is in the digest, as a short text (with its `count`). */
export function digestReasonText(reason: DigestReasonKind): MessageKey {
  return `digest.reason.${reason}`;
}

/** A digest reason as the summary's label. */
export function digestReasonLabel(reason: DigestReasonKind): MessageKey {
  return `digest.label.${reason}`;
}
