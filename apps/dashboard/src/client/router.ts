import { useEffect, useState } from 'preact/hooks';

// The dashboard is one page; its path and query string say what it shows, so that a view can be
// shared as a link and Back goes back.

export type Route =
  | { readonly page: 'groups' }
  | { readonly page: 'group'; readonly groupId: string }
  | { readonly page: 'owners' }
  | { readonly page: 'unknown' };

export function routeOf(path: string): Route {
  const parts = path.replace(/\/+$/, '').split('/').slice(1);
  if (parts[0] !== 'dashboard') return { page: 'unknown' };
  if (parts.length === 1) return { page: 'groups' };
  if (parts[1] === 'owners' && parts.length === 2) return { page: 'owners' };
  if (parts[1] === 'groups' && parts.length === 3 && parts[2])
    return { page: 'group', groupId: decodeURIComponent(parts[2]) };
  return { page: 'unknown' };
}

const CHANGED = 'steward:navigate';

/** Goes to `url` (same origin) without reloading: a new history entry, or the current one replaced. */
export function navigate(url: string, { replace = false } = {}): void {
  if (url === location.pathname + location.search) return;
  history[replace ? 'replaceState' : 'pushState'](null, '', url);
  dispatchEvent(new Event(CHANGED));
}

/** The current location, redrawn on Back, Forward and `navigate`. */
export function useLocation(): { readonly path: string; readonly query: URLSearchParams } {
  const read = () => ({ path: location.pathname, query: new URLSearchParams(location.search) });
  const [where, setWhere] = useState(read);
  useEffect(() => {
    const update = () => setWhere(read());
    addEventListener('popstate', update);
    addEventListener(CHANGED, update);
    return () => {
      removeEventListener('popstate', update);
      removeEventListener(CHANGED, update);
    };
  }, []);
  return where;
}

/** A click on an in-app link navigates in place; a click with a modifier (new tab…) is the browser's. */
export function followLink(event: MouseEvent): void {
  const link = (event.target as Element | null)?.closest?.('a');
  if (
    !link ||
    event.defaultPrevented ||
    event.button !== 0 ||
    event.metaKey ||
    event.ctrlKey ||
    event.shiftKey ||
    event.altKey
  )
    return;
  if (
    link.target ||
    link.hasAttribute('download') ||
    link.origin !== location.origin ||
    !link.pathname.startsWith('/dashboard')
  )
    return;
  event.preventDefault();
  navigate(link.pathname + link.search);
}
