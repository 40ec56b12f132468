import type { CoreDeps, Logger } from '@steward/core';
import type express from 'express';
import type { SignInConfig } from './config.ts';
import { SignInCookies } from './cookies.ts';
import { authenticate, refuseCrossSite, signInFirst } from './middleware.ts';
import { oidcProviders } from './oidc.ts';
import { createAuthRouter } from './routes.ts';

export { requireViewer, signInFirst, type Viewer } from './middleware.ts';

/** The dashboard's sign-in, as the HTTP app mounts it. */
export interface Auth {
  /** /auth/… */
  readonly router: express.Router;
  /** Sets `response.locals.viewer` from the session cookie; refuses nothing. */
  readonly authenticate: express.RequestHandler;
  /** The name of the session cookie that `authenticate` reads. */
  readonly sessionCookie: string;
  /** Refuses a POST (or any unsafe method) another site's page sent. */
  readonly refuseCrossSite: express.RequestHandler;
}

export interface AuthOptions {
  readonly deps: CoreDeps;
  readonly config: SignInConfig;
  /** The demo sign-in (`POST /auth/demo`): true on the embedded store only. */
  readonly demo: boolean;
  readonly logger: Logger;
}

export function createAuth({ deps, config, demo, logger }: AuthOptions): Auth {
  const cookies = new SignInCookies(config.publicUrl);
  const authenticateRequest = authenticate({ deps, cookies, session: config.session });
  const crossSite = refuseCrossSite(config.publicUrl);
  const router = createAuthRouter({
    deps,
    cookies,
    session: config.session,
    providers: oidcProviders(config),
    demo,
    authenticate: authenticateRequest,
    refuseCrossSite: crossSite,
    logger: logger.child({ component: 'auth' }),
  });
  return { router, authenticate: authenticateRequest, sessionCookie: cookies.sessionName, refuseCrossSite: crossSite };
}

/**
 * Every /api/v1 and /dashboard request passes `authenticate` (their routers read
 * `response.locals.viewer`; the API answers 401 itself with `requireViewer`), and what changes
 * something there must come from our own pages; /dashboard without a viewer goes to the sign-in
 * page first.
 */
export function mountAuth(app: express.Express, auth: Auth): void {
  app.use(auth.router);
  app.use(['/api/v1', '/dashboard'], auth.refuseCrossSite, auth.authenticate);
  app.use('/dashboard', signInFirst);
}
