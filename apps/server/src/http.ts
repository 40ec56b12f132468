import type { Logger, Scheduler, Store } from '@steward/core';
import type { PlatformHealth } from '@steward/slack';
import express from 'express';
import { type Auth, mountAuth } from './auth/index.ts';
import { timeRequests } from './observability/http-metrics.ts';
import type { StewardMetrics } from './observability/metrics.ts';
import { requestIds } from './observability/request-context.ts';

export interface HttpDeps {
  readonly store: Store;
  /** Absent in the `web` role, where jobs run in other processes. */
  readonly scheduler: Scheduler | null;
  /** The chat platforms' routes (Slack's /slack/…, Teams' /api/messages). */
  readonly routers: readonly (express.Router | express.Express)[];
  /** Each configured chat platform's state, by name. */
  readonly platforms: Readonly<Record<string, () => Promise<PlatformHealth>>>;
  readonly logger: Logger;
  /** The dashboard's sign-in; mounted before every router, so that /api/v1 and /dashboard see the viewer. */
  readonly auth?: Auth;
  readonly metrics: StewardMetrics;
  /** True once the process has begun to stop: a load balancer should send its traffic elsewhere. */
  readonly stopping: () => boolean;
}

/** One Express app for every route; the chat platforms' edges mount their routers on it. */
export function createHttpApp({
  store,
  scheduler,
  routers,
  platforms,
  logger,
  auth,
  metrics,
  stopping,
}: HttpDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(requestIds(), timeRequests(metrics));
  if (auth) mountAuth(app, auth);
  for (const router of routers) app.use(router);

  // 503 only for what this process cannot work without: a platform that is down delays messages
  // (the outbox keeps them) and is reported, but restarting the process would not mend it.
  app.get('/healthz', async (_request, response) => {
    const storeHealth = await store.health();
    const schedulerHealth = scheduler?.health() ?? null;
    const healthy = storeHealth.ok && (schedulerHealth === null || schedulerHealth.running);
    // What waits to be handled, and what was parked because it cannot be: for people to see.
    const inbox = storeHealth.ok ? await store.inbox.countByStatus().catch(() => null) : null;
    const platformHealth = Object.fromEntries(
      await Promise.all(Object.entries(platforms).map(async ([name, health]) => [name, await health()] as const)),
    );
    response.status(healthy ? 200 : 503).json({
      status: healthy ? 'ok' : 'unhealthy',
      store: storeHealth,
      scheduler: schedulerHealth,
      inbox,
      platforms: platformHealth,
    });
  });

  // Ready for traffic: the store answers and the process is not stopping. A platform that is down
  // is no reason to send requests elsewhere: every process would say the same.
  app.get('/readyz', async (_request, response) => {
    const storeHealth = await store.health();
    const ready = storeHealth.ok && !stopping();
    response
      .status(ready ? 200 : 503)
      .json({ status: ready ? 'ready' : 'not_ready', store: storeHealth.ok, stopping: stopping() });
  });

  app.get('/metrics', async (_request, response) => {
    response.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });

  // Whatever went wrong, the answer names no file, line or stack: those are for the log.
  app.use((_request: express.Request, response: express.Response) => response.status(404).json({ error: 'not_found' }));
  app.use((error: unknown, request: express.Request, response: express.Response, next: express.NextFunction) => {
    if (response.headersSent) return next(error);
    const status = httpStatusOf(error);
    // A body refused halfway (too large for Bolt's reader, which stops reading) is left unread on
    // the connection, and Node resets it once the answer is out: say so, or a keep-alive client
    // sends its next request down a connection about to close.
    if (!request.complete) response.set('Connection', 'close');
    if (status >= 500) logger.error({ err: error, method: request.method, path: request.path }, 'request failed');
    response.status(status).json({ error: status >= 500 ? 'internal_error' : 'bad_request' });
  });
  return app;
}

/** A client's mistake (a body that is not JSON, too large) keeps its 4xx; anything else is ours. */
function httpStatusOf(error: unknown): number {
  const status =
    (error as { status?: unknown; statusCode?: unknown } | null)?.status ??
    (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : 500;
}
