import { type Locale, type MessageKey, translate } from '@steward/core';

export type ProviderName = 'entra' | 'slack';

const PROVIDER_LABELS: Readonly<Record<ProviderName, MessageKey>> = {
  entra: 'signin.with_entra',
  slack: 'signin.with_slack',
};

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

export interface SignInPage {
  readonly locale: Locale;
  readonly providers: readonly ProviderName[];
  /** Offered on the embedded demo store only. */
  readonly demo: boolean;
  /** Where the browser goes once signed in: a path of this server. */
  readonly next: string;
  /** A failure to show above the choices, already translated. */
  readonly problem?: string;
}

/** The sign-in page: one link per configured provider, and the demo's two buttons. Plain HTML, no script. */
export function signInPage({ locale, providers, demo, next, problem }: SignInPage): string {
  const t = (key: MessageKey) => escapeHtml(translate(locale, key));
  const query = `?next=${encodeURIComponent(next)}`;
  const links = providers.map(
    (name) => `<li><a class="provider" href="/auth/login/${name}${query}">${t(PROVIDER_LABELS[name])}</a></li>`,
  );
  const demoForm = (role: 'community_manager' | 'owner', key: MessageKey) =>
    `<form method="post" action="/auth/demo"><input type="hidden" name="role" value="${role}"><input type="hidden" name="next" value="${escapeHtml(next)}"><button type="submit">${t(key)}</button></form>`;
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t('signin.title')}</title>
<style>
  body { font-family: "Segoe UI", system-ui, sans-serif; margin: 0; display: grid; place-items: center; min-height: 100vh; background: #f5f5f5; color: #242424; }
  main { background: #fff; padding: 2rem; border-radius: 8px; box-shadow: 0 1px 4px rgb(0 0 0 / 15%); max-width: 26rem; }
  ul { list-style: none; padding: 0; }
  li, form { margin: 0.5rem 0; }
  a.provider, button { display: block; width: 100%; box-sizing: border-box; padding: 0.6rem 1rem; border-radius: 4px; border: 1px solid #5b5fc7; background: #5b5fc7; color: #fff; font: inherit; text-align: center; text-decoration: none; cursor: pointer; }
  button { background: #fff; color: #5b5fc7; }
  a.provider:focus-visible, button:focus-visible { outline: 3px solid #242424; outline-offset: 2px; }
  .problem { color: #b10e1c; }
</style>
</head>
<body>
<main>
<h1>${t('signin.title')}</h1>
${problem ? `<p class="problem" role="alert">${escapeHtml(problem)}</p>` : ''}
<p>${t('signin.intro')}</p>
${links.length > 0 ? `<ul>${links.join('')}</ul>` : demo ? '' : `<p>${t('signin.none')}</p>`}
${demo ? `<h2>${t('signin.demo')}</h2>${demoForm('community_manager', 'signin.demo_community_manager')}${demoForm('owner', 'signin.demo_owner')}` : ''}
</main>
</body>
</html>
`;
}
