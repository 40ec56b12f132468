// What code running in a browser (the dashboard's bundle) takes from the core: the catalogue and
// the domain's names, all pure. The main entry brings the stores and their database drivers along.
export { GROUP_FLAGS, type GroupFlag } from './domain/group-health.ts';
export { HEALTH_BANDS, HEALTH_COMPONENTS, type HealthBand, type HealthComponent, healthBand } from './domain/health.ts';
export { LOCALES, type Locale, localeFrom } from './domain/locale.ts';
export { ENGAGEMENT_LEVELS, type EngagementLevel } from './domain/metrics/engagement.ts';
export { PLATFORMS, type Platform } from './domain/platform.ts';
export type { Catalogue, MessageKey } from './messages/en.ts';
export { bandLabel, componentLabel, fieldErrorLabel, flagLabel, levelLabel } from './messages/labels.ts';
export { catalogues, type MessageParams, translate } from './messages/translate.ts';
