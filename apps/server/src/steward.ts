import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  activityLookups,
  applyOrganisationSettings,
  type ChatPlatform,
  type CoreDeps,
  coreInboxHandlers,
  DEFAULT_INBOX_POLICY,
  InboxWriter,
  type KeyedInboxEvent,
  type Logger,
  type Platform,
  processInbox,
  type Scheduler,
  SNAPSHOT_BUDGET,
  type Store,
  systemClock,
  takeHealthSnapshots,
} from '@steward/core';
import { pendingDemoSeed, seedDemoTenant } from '@steward/core/demo';
import { type DashboardAssets, dashboardAssets } from '@steward/dashboard';
import { createSlackEdge, type SlackEdge } from '@steward/slack';
import { createTeamsEdge, type TeamsEdge } from '@steward/teams';
import { createApi } from './api/index.ts';
import { type Auth, createAuth } from './auth/index.ts';
import type { Config } from './config.ts';
import { createDashboardRouter } from './dashboard.ts';
import { type OpenedDatabase, openDatabase } from './database.ts';
import { createHttpApp } from './http.ts';
import { scheduleJobs } from './jobs.ts';
import { StewardMetrics, timedJobs } from './observability/metrics.ts';
import { OutboxWorker } from './outbox-worker.ts';
import { PreviewInbox } from './preview/preview-inbox.ts';
import { createPreviewRouter } from './preview/preview-router.ts';
import { type MountedRoute, mountedRoutes } from './routes.ts';
import { WorkLoop } from './work-loop.ts';

export interface RunningSteward {
  /** Where the HTTP server listens, e.g. http://127.0.0.1:3000. */
  readonly url: string;
  /** The store it runs on (tests read what happened through it). */
  readonly store: Store;
  /** Every route its HTTP app answers, read from the app's router. */
  readonly routes: readonly MountedRoute[];
  /** Stops taking requests and jobs, lets running ones finish, then closes the store. */
  stop(): Promise<void>;
}

/** What is running, so that it can be stopped in order: requests first, then the work, then the store. */
interface Parts {
  server: Server | null;
  slack: SlackEdge | null;
  teams: TeamsEdge | null;
  scheduler: Scheduler | null;
  outbox: OutboxWorker | null;
  inboxLoop: WorkLoop | null;
}

/** The composition root: everything Group Steward runs, wired from one validated configuration. */
export async function startSteward(config: Config, logger: Logger): Promise<RunningSteward> {
  const database = await openDatabase(config.database);
  const { store } = database;
  const deps: CoreDeps = { store, clock: systemClock, organisation: config.organisation, publicUrl: config.publicUrl };
  const parts: Parts = { server: null, slack: null, teams: null, scheduler: null, outbox: null, inboxLoop: null };
  const metrics = new StewardMetrics(store, deps.clock);
  let stopping = false;
  let preview: PreviewInbox | null = null;
  let routes: readonly MountedRoute[] = [];
  try {
    await prepareStore(database, config, deps, logger);
    // What the platforms tell us is stored before they get their answer, then handled from the store.
    const inbox = new InboxWriter(store.inbox, deps.clock);
    Object.assign(
      parts,
      await createEdges(
        config,
        deps,
        logger,
        metrics.countAccepted((events) => inbox.accept(events)),
      ),
    );
    // With no chat platform configured on the embedded demo store, cards go to the preview inbox at
    // /preview. Never on a real database: it lets anyone act as any owner.
    preview = database.embedded && !parts.slack && !parts.teams ? new PreviewInbox({ clock: deps.clock }) : null;
    if (config.role !== 'web')
      Object.assign(parts, await startWorkers(database, deps, parts, preview, logger, metrics));
    // The demo sign-in only where the demo company can be: the embedded store.
    const auth = createAuth({ deps, config: config.signIn, demo: database.embedded, logger });
    // The dashboard is bundled here, in a tenth of a second: `npm start` needs no build step.
    const dashboard = await dashboardAssets();
    const http = { deps, parts, preview, logger, auth, dashboard, metrics, stopping: () => stopping };
    const app = httpApp(http);
    routes = mountedRoutes(app, parts.teams ? [parts.teams.router] : []);
    parts.server = await listen(app, config);
    await parts.slack?.start();
  } catch (error) {
    await stopParts(parts, store);
    throw error;
  }

  const url = urlOf(parts.server);
  logger.info(
    {
      url,
      store: (await store.health()).kind,
      role: config.role,
      slack: parts.slack !== null,
      teams: parts.teams !== null,
    },
    'Group Steward is listening',
  );
  if (preview) logger.info({ url: `${url}/preview` }, `Preview inbox: ${url}/preview`);
  return {
    url,
    store,
    routes,
    stop: () => {
      stopping = true;
      return stopParts(parts, store);
    },
  };
}

/** Before any request or job: the demo seeded (embedded store only), the organisation's tenants one, the configured roles held. */
async function prepareStore(database: OpenedDatabase, config: Config, deps: CoreDeps, logger: Logger): Promise<void> {
  const { store } = database;
  const seed = database.embedded && config.demo ? await pendingDemoSeed(store, new Date()) : null;
  if (seed) {
    logger.info({ now: seed.now }, 'seeding the demo company into the embedded store');
    let lastStep = '';
    const summary = await seedDemoTenant(store, {
      now: seed.now,
      onProgress: (step, done, total) => {
        if (step === lastStep && done < total) return;
        lastStep = step;
        logger.info({ step, total }, 'seeding demo');
      },
    });
    logger.info({ summary }, 'demo company ready');
  }
  const applied = await applyOrganisationSettings(deps);
  if (applied.organisation.ok)
    logger.info({ ...applied.organisation.value, roles: applied.roles }, 'organisation and roles applied');
  else
    logger.error(
      { code: applied.organisation.code, detail: applied.organisation.detail, roles: applied.roles },
      'organisation not merged: it is tried again at the next start or install',
    );
  // Tokens stored in clear before keys were configured, or under a key rotated out, sealed anew.
  const resealed = await store.installations.reseal();
  if (resealed > 0) logger.info({ resealed }, 'platform tokens sealed under the first secret key');
  // Statistics for the embedded database's planner, which nothing else gathers (then hourly).
  await store.maintain();
  // On the embedded store, today's health is measured before the first request, so the demo's
  // dashboard shows every group at once; the snapshot job measures the history from there.
  if (database.embedded) {
    const outcome = await takeHealthSnapshots(deps, { ...SNAPSHOT_BUDGET, days: 1 });
    logger.info({ ...outcome }, 'group health measured');
  }
}

/** The configured chat platforms' edges; both store what they receive through `accept`. */
export async function createEdges(
  config: Config,
  deps: CoreDeps,
  logger: Logger,
  accept: (events: readonly KeyedInboxEvent[]) => Promise<void>,
) {
  const slack = config.slack
    ? createSlackEdge({
        deps,
        logger,
        signingSecret: config.slack.signingSecret,
        auth: config.slack.auth,
        appToken: config.slack.appToken,
        apiUrl: config.slack.apiUrl,
        accept,
      })
    : null;
  const teams = config.teams
    ? createTeamsEdge({
        deps,
        logger,
        appId: config.teams.appId,
        appPassword: config.teams.appPassword,
        ...(config.teams.tenantId ? { tenantId: config.teams.tenantId } : {}),
        ...(config.teams.openIdMetadataUrl ? { openIdMetadataUrl: config.teams.openIdMetadataUrl } : {}),
        ...(config.teams.tokenUrl ? { tokenUrl: config.teams.tokenUrl } : {}),
        ...(config.teams.graphUrl ? { graphUrl: config.teams.graphUrl } : {}),
        accept,
      })
    : null;
  await teams?.start();
  return { slack, teams };
}

/** The edges' platform clients, by platform. */
export const platformsOf = ({ slack, teams }: Pick<Parts, 'slack' | 'teams'>) => ({
  ...(slack ? { slack: slack.platform } : {}),
  ...(teams ? { teams: teams.platform } : {}),
});

/** The worker role: the scheduled jobs, the outbox's delivery, and the inbox's handling. */
async function startWorkers(
  database: OpenedDatabase,
  deps: CoreDeps,
  edges: Pick<Parts, 'slack' | 'teams'>,
  preview: PreviewInbox | null,
  logger: Logger,
  metrics: StewardMetrics,
) {
  const platforms = platformsOf(edges);
  // The platforms' people and members, for the jobs and the inbox.
  const platformDeps = { ...deps, profiles: platforms, directories: platforms, contentSources: platforms };
  const scheduler = await database.createScheduler(logger);
  await scheduleJobs(timedJobs(scheduler, metrics), platformDeps, logger);
  await scheduler.start();
  const outbox = new OutboxWorker(deps, countedDeliveries(preview ? preview.platforms() : platforms, metrics), logger);
  outbox.start();
  const handlers = {
    ...coreInboxHandlers(platformDeps, activityLookups()),
    ...edges.slack?.inboxHandlers,
    ...edges.teams?.inboxHandlers,
  };
  const inboxLogger = logger.child({ component: 'inbox' });
  // Rounds of a few items each would cost a claim and a removal per item: under a trickle the
  // loop waits a little and takes what gathered.
  const round = () => processInbox({ ...deps, logger: inboxLogger }, handlers, DEFAULT_INBOX_POLICY);
  const inboxLoop = new WorkLoop(round, inboxLogger, { idleMs: 250, fullRound: DEFAULT_INBOX_POLICY.batch });
  inboxLoop.start();
  return { scheduler, outbox, inboxLoop };
}

/** Each platform client of the outbox, its calls counted by outcome. */
function countedDeliveries(
  platforms: Partial<Record<Platform, ChatPlatform>>,
  metrics: StewardMetrics,
): Partial<Record<Platform, ChatPlatform>> {
  return Object.fromEntries(
    Object.entries(platforms).map(([name, client]) => [name, metrics.countDeliveries(name as Platform, client)]),
  );
}

interface HttpParts {
  readonly deps: CoreDeps;
  readonly parts: Parts;
  readonly preview: PreviewInbox | null;
  readonly logger: Logger;
  readonly auth: Auth;
  readonly dashboard: DashboardAssets;
  readonly metrics: StewardMetrics;
  readonly stopping: () => boolean;
}

function httpApp({ deps, parts, preview, logger, auth, dashboard, metrics, stopping }: HttpParts) {
  const { slack, teams } = parts;
  const routers = [
    ...(slack?.router ? [slack.router] : []),
    ...(teams ? [teams.router] : []),
    ...(preview ? [createPreviewRouter({ deps, inbox: preview, logger })] : []),
    createApi({ deps, logger, auth }),
    createDashboardRouter(dashboard),
  ];
  // Teams' start asks nothing of Microsoft: it has no state of its own to report.
  const platforms = {
    ...(slack ? { slack: slack.health.bind(slack) } : {}),
    ...(teams ? { teams: async () => ({ state: 'ok' as const }) } : {}),
  };
  return createHttpApp({
    store: deps.store,
    scheduler: parts.scheduler,
    routers,
    platforms,
    logger,
    auth,
    metrics,
    stopping,
  });
}

async function listen(app: ReturnType<typeof createHttpApp>, config: Config): Promise<Server> {
  const server = app.listen(config.port, config.host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  return server;
}

function urlOf(server: Server | null): string {
  const address = server?.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host === '0.0.0.0' || host === '[::]' ? '127.0.0.1' : host}:${address.port}`;
}

/** Stops taking requests, lets the work under way finish, then closes the store. */
async function stopParts(parts: Parts, store: Store): Promise<void> {
  const { server } = parts;
  if (server) {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    await closed;
  }
  await parts.slack?.stop();
  await parts.inboxLoop?.stop();
  await parts.outbox?.stop();
  await parts.scheduler?.stop();
  await store.close();
}
