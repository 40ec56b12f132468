import { type CoreDeps, type DashboardViewer, type SessionPolicy, sessionViewer } from '@steward/core';
import type express from 'express';
import type { SignInCookies } from './cookies.ts';

/** Who a dashboard or API request comes from; `response.locals.viewer` holds it once `authenticate` ran. */
export type Viewer = DashboardViewer;

declare global {
  // Express's own way of typing `response.locals`.
  namespace Express {
    interface Locals {
      /** Set by `authenticate` when the request carries a live session of a viewer. */
      viewer?: Viewer;
    }
  }
}

export interface AuthenticateDeps {
  readonly deps: CoreDeps;
  readonly cookies: SignInCookies;
  readonly session: SessionPolicy;
}

/** Sets `response.locals.viewer` from the session cookie, when it names a live session of a viewer; never refuses. */
export function authenticate({ deps, cookies, session }: AuthenticateDeps): express.RequestHandler {
  return async (request, response, next) => {
    const id = cookies.session(request);
    const viewer = id ? await sessionViewer(deps, id, session) : null;
    if (viewer) response.locals.viewer = viewer;
    next();
  };
}

/** 401 `{"error":"unauthenticated"}` without a viewer; after `authenticate`. */
export const requireViewer: express.RequestHandler = (_request, response, next) => {
  if (response.locals.viewer) return next();
  response.status(401).json({ error: 'unauthenticated' });
};

/** For pages: without a viewer, off to the sign-in page, which brings the browser back here after. */
export const signInFirst: express.RequestHandler = (request, response, next) => {
  if (response.locals.viewer) return next();
  // Slashes kept as they are: /auth/signin?next=/dashboard reads as what it is.
  response.redirect(303, `/auth/signin?next=${encodeURIComponent(request.originalUrl).replace(/%2F/g, '/')}`);
};

/** A path of this server to go back to after signing in; anything else (another site, `//host`) is refused. */
export function localPath(value: unknown): string | null {
  if (
    typeof value !== 'string' ||
    value.length > 2000 ||
    !value.startsWith('/') ||
    value.startsWith('//') ||
    value.includes('\\')
  )
    return null;
  return /^[\x21-\x7e]+$/.test(value) ? value : null;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses a request that changes something when another site's page sent it (cross-site request
 * forgery): the session cookie is SameSite=None for the Teams tab, so a browser would attach it to
 * a form another site posts. Browsers say where a request comes from in Sec-Fetch-Site (every
 * current one) and Origin; a sibling sub-domain ("same-site") is refused too. Clients that are
 * not browsers send neither and carry no one's cookie by accident.
 */
export function refuseCrossSite(publicUrl: string | null): express.RequestHandler {
  const ours = publicUrl ? new URL(publicUrl).origin : null;
  return (request, response, next) => {
    if (SAFE_METHODS.has(request.method)) return next();
    const site = request.headers['sec-fetch-site'];
    const origin = request.headers.origin;
    const expected = ours ?? `${request.protocol}://${request.headers.host ?? ''}`;
    const foreign = site === 'cross-site' || site === 'same-site' || (origin !== undefined && origin !== expected);
    if (!foreign) return next();
    response.status(403).json({ error: 'cross_site_request' });
  };
}
