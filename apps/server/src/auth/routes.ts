import {
  type CoreDeps,
  type DashboardViewer,
  endSession,
  failureText,
  LOCALES,
  type Logger,
  localeFromAcceptLanguage,
  type SessionPolicy,
  signInViewer,
  startSession,
  translate,
  VIEWER_ROLES,
} from '@steward/core';
import { demoViewer } from '@steward/core/demo';
import express from 'express';
import { z } from 'zod';
import type { SignInCookies } from './cookies.ts';
import { localPath } from './middleware.ts';
import { isRefusedSignIn, type OidcProvider, type SignInFlow } from './oidc.ts';
import { type ProviderName, signInPage } from './signin-page.ts';

export interface AuthRoutesDeps {
  readonly deps: CoreDeps;
  readonly cookies: SignInCookies;
  readonly session: SessionPolicy;
  readonly providers: ReadonlyMap<ProviderName, OidcProvider>;
  /** The demo sign-in: on the embedded demo store only. */
  readonly demo: boolean;
  /** Sets `response.locals.viewer`, for `/auth/session`. */
  readonly authenticate: express.RequestHandler;
  /** In front of what changes something: another site's page may not. */
  readonly refuseCrossSite: express.RequestHandler;
  readonly logger: Logger;
}

const DEFAULT_NEXT = '/dashboard';
/** The time a person has at the provider's sign-in page. */
const FLOW_MS = 10 * 60_000;

const flowSchema = z.object({
  provider: z.enum(['entra', 'slack']),
  state: z.string().min(1).max(200),
  nonce: z.string().min(1).max(200),
  verifier: z.string().min(43).max(128),
  next: z.string().max(2000),
});
/** `locale` is the newcomer's choice of language; the browser's (Accept-Language) without it. */
const demoBody = z.object({
  role: z.enum(VIEWER_ROLES),
  locale: z.enum(LOCALES).optional(),
  next: z.string().optional(),
});

/** /auth/…: the sign-in page, each provider's round trip, the demo sign-in, the session, and signing out. */
export function createAuthRouter(auth: AuthRoutesDeps): express.Router {
  const router = express.Router();
  const localeOf = (request: express.Request) => localeFromAcceptLanguage(request.headers['accept-language']);
  const page = (request: express.Request, next: string, problem?: string) =>
    signInPage({
      locale: localeOf(request),
      providers: [...auth.providers.keys()],
      demo: auth.demo,
      next,
      ...(problem ? { problem } : {}),
    });

  router.get('/auth/signin', (request, response) => {
    response.type('html').send(page(request, localPath(request.query['next']) ?? DEFAULT_NEXT));
  });

  router.get('/auth/session', auth.authenticate, (_request, response) => {
    const { viewer } = response.locals;
    if (!viewer) return void response.status(401).json({ error: 'unauthenticated' });
    response.json(viewer);
  });

  router.post('/auth/logout', auth.refuseCrossSite, async (request, response) => {
    const id = auth.cookies.session(request);
    if (id) await endSession(auth.deps, id);
    auth.cookies.clearSession(response);
    if (request.accepts(['json', 'html']) === 'html') response.redirect(303, '/auth/signin');
    else response.status(204).end();
  });

  router.get('/auth/login/:provider', async (request, response) => {
    const provider = auth.providers.get(request.params.provider as ProviderName);
    if (!provider) return void response.status(404).json({ error: 'not_found' });
    const next = localPath(request.query['next']) ?? DEFAULT_NEXT;
    let started: Awaited<ReturnType<OidcProvider['start']>>;
    try {
      started = await provider.start(next);
    } catch (error) {
      // The provider's discovery document could not be read: it is down or unreachable.
      auth.logger.error({ err: error, provider: provider.name }, 'sign-in provider unreachable');
      return void response
        .status(502)
        .type('html')
        .send(page(request, next, translate(localeOf(request), 'signin.failed')));
    }
    const { url, flow } = started;
    auth.cookies.setFlow(response, Buffer.from(JSON.stringify(flow)).toString('base64url'), FLOW_MS);
    response.redirect(303, url.href);
  });

  router.get('/auth/callback/:provider', async (request, response) => {
    const provider = auth.providers.get(request.params.provider as ProviderName);
    if (!provider) return void response.status(404).json({ error: 'not_found' });
    const flow = readFlow(auth.cookies.flow(request));
    auth.cookies.clearFlow(response);
    const failed = (status: number, problem: string) =>
      response
        .status(status)
        .type('html')
        .send(page(request, flow?.next ?? DEFAULT_NEXT, problem));
    if (!flow || flow.provider !== provider.name)
      return void failed(400, translate(localeOf(request), 'signin.failed'));
    // The provider's answer exactly as it came (code, state, iss), for the library to check.
    const at = request.originalUrl.indexOf('?');
    let claims: Awaited<ReturnType<OidcProvider['finish']>>;
    try {
      claims = await provider.finish(at < 0 ? '' : request.originalUrl.slice(at), flow);
    } catch (error) {
      auth.logger.warn({ err: error, provider: provider.name }, 'sign-in refused');
      return void failed(isRefusedSignIn(error) ? 400 : 502, translate(localeOf(request), 'signin.failed'));
    }
    const viewer = claims ? await signInViewer(auth.deps, claims) : null;
    if (!viewer?.ok) {
      auth.logger.info(
        { provider: provider.name, reason: viewer?.detail ?? 'no usable claims' },
        'sign-in of no viewer',
      );
      return void failed(403, failureText(localeOf(request), { ok: false, code: 'not_a_viewer', detail: '' }));
    }
    await signIn(auth, request, response, viewer.value);
    auth.logger.info(
      {
        provider: provider.name,
        personId: viewer.value.personId,
        tenantId: viewer.value.tenantId,
        role: viewer.value.role,
      },
      'signed in',
    );
    response.redirect(303, flow.next);
  });

  if (auth.demo) {
    router.post(
      '/auth/demo',
      auth.refuseCrossSite,
      express.json({ limit: '1kb' }),
      express.urlencoded({ extended: false, limit: '1kb' }),
      async (request, response) => {
        const body = demoBody.safeParse(request.body);
        if (!body.success) return void response.status(400).json({ error: 'invalid_input' });
        const viewer = await demoViewer(auth.deps, body.data.role, body.data.locale ?? localeOf(request));
        if (!viewer.ok) return void response.status(404).json({ error: 'not_found' });
        await signIn(auth, request, response, viewer.value);
        // A form of the sign-in page goes on to the dashboard; a script gets the viewer.
        if (request.is('application/x-www-form-urlencoded'))
          response.redirect(303, localPath(body.data.next) ?? DEFAULT_NEXT);
        else response.json(viewer.value);
      },
    );
  }
  return router;
}

/** A new session id at every sign-in (none fixed beforehand carries over); the browser's previous one ends. */
async function signIn(
  auth: AuthRoutesDeps,
  request: express.Request,
  response: express.Response,
  viewer: DashboardViewer,
): Promise<void> {
  const previous = auth.cookies.session(request);
  if (previous) await endSession(auth.deps, previous);
  const id = await startSession(auth.deps, viewer, auth.session);
  auth.cookies.setSession(response, id, auth.session);
}

/** The flow cookie as it was set, or null for anything else (absent, expired, forged into garbage). */
function readFlow(value: string | null): SignInFlow | null {
  if (!value) return null;
  try {
    const parsed = flowSchema.safeParse(JSON.parse(Buffer.from(value, 'base64url').toString('utf8')));
    if (!parsed.success) return null;
    const next = localPath(parsed.data.next);
    return next ? { ...parsed.data, next } : null;
  } catch {
    return null;
  }
}
