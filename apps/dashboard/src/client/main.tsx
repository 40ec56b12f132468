import 'uplot/dist/uPlot.min.css';
import './styles.css';
import { localeFrom, translate } from '@steward/core/browser';
import { render } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { request } from './api.ts';
import { GroupPage } from './pages/group.tsx';
import { GroupsPage } from './pages/groups.tsx';
import { OwnersPage } from './pages/owners.tsx';
import { followLink, type Route, routeOf, useLocation } from './router.ts';
import { applyTheme } from './theme.ts';
import { type Session, useViewer, type Viewer, ViewerContext, viewerOf } from './viewer.ts';

function Root() {
  const [session, setSession] = useState<Session | Error | null>(null);
  useEffect(() => {
    request<Session>('/auth/session').then(setSession, (error: Error) => setSession(error));
  }, []);
  if (session === null) return <p class="loading" role="status" aria-busy="true" />;
  if (session instanceof Error) {
    // No viewer yet, so no catalogue language of theirs: the browser's.
    const locale = localeFrom(navigator.language);
    return <p role="alert">{translate(locale, 'dashboard.failed', { detail: session.message })}</p>;
  }
  const viewer = viewerOf(session);
  document.documentElement.lang = viewer.locale;
  return (
    <ViewerContext.Provider value={viewer}>
      <Shell />
    </ViewerContext.Provider>
  );
}

function Shell() {
  const viewer = useViewer();
  const { t } = viewer;
  const { path, query } = useLocation();
  const route = routeOf(path);
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  // After an in-app move, focus goes to the new page's heading, as a page load would start there.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.querySelector<HTMLElement>('h1')?.focus();
  }, [path]);

  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: one listener for every in-app link below; Enter on a link clicks it.
    // biome-ignore lint/a11y/noStaticElementInteractions: the links are the interactive elements, this only listens.
    <div class="shell" onClick={followLink}>
      <a class="skip-link" href="#content">
        {t('dashboard.skip_link')}
      </a>
      <header class="top">
        <span class="brand">{t('dashboard.title')}</span>
        <nav aria-label={t('dashboard.nav')}>
          <ul>
            <NavLink
              href="/dashboard"
              current={route.page === 'groups' || route.page === 'group'}
              label={t('dashboard.nav.groups')}
            />
            <NavLink href="/dashboard/owners" current={route.page === 'owners'} label={t('dashboard.nav.owners')} />
          </ul>
        </nav>
        <span class="viewer">{t('dashboard.viewer', { name: viewer.session.displayName })}</span>
        <button type="button" class="quiet" onClick={() => signOut()}>
          {t('dashboard.sign_out')}
        </button>
      </header>
      <main id="content" ref={main} tabIndex={-1}>
        <Page route={route} query={query} viewer={viewer} />
      </main>
    </div>
  );
}

function Page({ route, query, viewer }: { route: Route; query: URLSearchParams; viewer: Viewer }) {
  switch (route.page) {
    case 'groups':
      return <GroupsPage query={query} />;
    case 'group':
      return <GroupPage groupId={route.groupId} query={query} />;
    case 'owners':
      return <OwnersPage query={query} />;
    case 'unknown':
      return (
        <>
          <h1 tabIndex={-1}>{viewer.t('error.not_found')}</h1>
          <p>
            <a href="/dashboard">{viewer.t('dashboard.group.back')}</a>
          </p>
        </>
      );
  }
}

function NavLink({ href, current, label }: { href: string; current: boolean; label: string }) {
  return (
    <li>
      <a href={href} aria-current={current ? 'page' : undefined}>
        {label}
      </a>
    </li>
  );
}

async function signOut() {
  await fetch('/auth/logout', { method: 'POST', credentials: 'same-origin' }).catch(() => null);
  location.assign(`/auth/signin?next=${encodeURIComponent('/dashboard')}`);
}

applyTheme(new URLSearchParams(location.search));
render(<Root />, document.getElementById('app')!);
