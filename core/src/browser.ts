// What code running in a browser (the dashboard's bundle) takes from the core: the catalogue and
// the domain's names, all pure. The main entry brings the stores and their database drivers along.
export { GROUP_FLAGS, type GroupFlag } from './domain/group-health.ts';
export { HEALTH_COMPONENTS, type HealthComponent } from './domain/health.ts';
export { LOCALES, localeFrom, type Locale } from './domain/locale.ts';
export { PLATFORMS, type Platform } from './domain/platform.ts';
export type { Catalogue, MessageKey } from './messages/en.ts';
export { catalogues, translate, type MessageParams } from './messages/translate.ts';
