import express from 'express';
import type { Scheduler } from '@steward/core';
import type { Store } from '@steward/core';
import type { PlatformHealth } from '@steward/slack';

export interface HttpDeps {
  readonly store: Store;
  /** Absent in the `web` role, where jobs run in other processes. */
  readonly scheduler: Scheduler | null;
  /** The chat platforms' routes (Slack's /slack/…, Teams' /api/messages). */
  readonly routers: readonly (express.Router | express.Express)[];
  /** Each configured chat platform's state, by name. */
  readonly platforms: Readonly<Record<string, () => Promise<PlatformHealth>>>;
}

/** One Express app for every route; the chat platforms' edges mount their routers on it. */
export function createHttpApp({ store, scheduler, routers, platforms }: HttpDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
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

  return app;
}
