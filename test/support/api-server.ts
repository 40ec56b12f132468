import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApi } from '../../apps/server/src/api/index.ts';
import { createAuth } from '../../apps/server/src/auth/index.ts';
import { loadConfig } from '../../apps/server/src/config.ts';
import { createHttpApp } from '../../apps/server/src/http.ts';
import { StewardMetrics } from '../../apps/server/src/observability/metrics.ts';
import type { CoreDeps } from '../../core/src/use-cases/deps.ts';
import type { FakeSignInProviders } from './oidc-sign-in.ts';
import { silentLogger } from './silent-logger.ts';

export interface ApiServer {
  /** e.g. http://127.0.0.1:54321 */
  readonly origin: string;
  /** `${origin}/api/v1` */
  readonly api: string;
  /** The name of the session cookie sign-in sets. */
  readonly sessionCookie: string;
  close(): Promise<void>;
}

/**
 * The server's HTTP app as steward.ts composes it for the dashboard — sign-in's `authenticate`,
 * then /api/v1 — on `deps`' store, on a loopback port, signing in through the fake providers.
 */
export async function serveApi(deps: CoreDeps, providers: FakeSignInProviders): Promise<ApiServer> {
  // The server's own URL is sign-in's redirect URI, so it listens before it is configured.
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const auth = createAuth({
    deps,
    config: loadConfig(providers.settings(origin)).signIn,
    demo: false,
    logger: silentLogger,
  });
  const logger = silentLogger;
  server.on(
    'request',
    createHttpApp({
      store: deps.store,
      scheduler: null,
      routers: [createApi({ deps, logger, auth })],
      platforms: {},
      logger,
      auth,
      metrics: new StewardMetrics(deps.store, deps.clock),
      stopping: () => false,
    }),
  );
  return {
    origin,
    api: `${origin}/api/v1`,
    sessionCookie: auth.sessionCookie,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
