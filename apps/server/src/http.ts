import express from 'express';
import type { Scheduler } from '@steward/core';
import type { Store } from '@steward/core';

export interface HttpDeps {
  readonly store: Store;
  /** Absent in the `web` role, where jobs run in other processes. */
  readonly scheduler: Scheduler | null;
}

/** One Express app for every route; the Slack and Teams edges mount on it in later issues. */
export function createHttpApp({ store, scheduler }: HttpDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');

  app.get('/healthz', async (_request, response) => {
    const storeHealth = await store.health();
    const schedulerHealth = scheduler?.health() ?? null;
    const healthy = storeHealth.ok && (schedulerHealth === null || schedulerHealth.running);
    response.status(healthy ? 200 : 503).json({
      status: healthy ? 'ok' : 'unhealthy',
      store: storeHealth,
      scheduler: schedulerHealth,
    });
  });

  return app;
}
