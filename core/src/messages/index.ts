// The catalogue alone, for code that runs in a browser (the dashboard's bundle): the core's main
// entry brings the stores and their database drivers with it.
export { LOCALES, localeFrom, type Locale } from '../domain/locale.ts';
export type { Catalogue, MessageKey } from './en.ts';
export { catalogues, translate, type MessageParams } from './translate.ts';
