// Light, dark or high contrast: the system's choice (prefers-color-scheme, forced-colors) unless
// the page is told otherwise by `?theme=`, which the Teams manifest's contentUrl fills with the
// theme of Teams ({app.theme}: default, dark or contrast; learn.microsoft.com/microsoftteams/platform/tabs/how-to/access-teams-context).
const THEMES: Readonly<Record<string, string>> = {
  default: 'light',
  light: 'light',
  dark: 'dark',
  contrast: 'contrast',
};
const KEY = 'steward.theme';

/** Sets the theme on <html>; kept for the tab's session, since links inside drop `?theme=`. */
export function applyTheme(query: URLSearchParams): void {
  const asked = THEMES[query.get('theme') ?? ''];
  if (asked) sessionStorage.setItem(KEY, asked);
  const theme = asked ?? sessionStorage.getItem(KEY);
  if (theme) document.documentElement.dataset['theme'] = theme;
}
