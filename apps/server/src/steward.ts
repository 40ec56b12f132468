import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  activityLookups,
  applyOrganisationSettings,
  coreInboxHandlers,
  DEFAULT_INBOX_POLICY,
  InboxWriter,
  processInbox,
  systemClock,
  type Logger,
  type Scheduler,
  type Store,
} from '@steward/core';
import { pendingDemoSeed, seedDemoTenant } from '@steward/core/demo';
import { createSlackEdge, type SlackEdge } from '@steward/slack';
import { createTeamsEdge, type TeamsEdge } from '@steward/teams';
import type { Config } from './config.ts';
import { openDatabase } from './database.ts';
import { createHttpApp } from './http.ts';
import { scheduleJobs } from './jobs.ts';
import { OutboxWorker } from './outbox-worker.ts';
import { WorkLoop } from './work-loop.ts';
import { PreviewInbox } from './preview/preview-inbox.ts';
import { createPreviewRouter } from './preview/preview-router.ts';

export interface RunningSteward {
  /** Where the HTTP server listens, e.g. http://127.0.0.1:3000. */
  readonly url: string;
  /** The store it runs on (tests read what happened through it). */
  readonly store: Store;
  /** Stops taking requests and jobs, lets running ones finish, then closes the store. */
  stop(): Promise<void>;
}

/** The composition root: everything Group Steward runs, wired from one validated configuration. */
export async function startSteward(config: Config, logger: Logger): Promise<RunningSteward> {
  const database = await openDatabase(config.database);
  const { store } = database;
  const deps = { store, clock: systemClock, organisation: config.organisation };
  let scheduler: Scheduler | null = null;
  let server: Server | null = null;
  let slack: SlackEdge | null = null;
  let teams: TeamsEdge | null = null;
  const profiles = () => ({ ...(slack ? { slack: slack.platform } : {}), ...(teams ? { teams: teams.platform } : {}) });
  let outbox: OutboxWorker | null = null;
  let inboxLoop: WorkLoop | null = null;
  let preview: PreviewInbox | null = null;
  // What the platforms tell us is stored before they get their answer, then handled from the store.
  const inbox = new InboxWriter(store.inbox, deps.clock);
  try {
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
    // Before any request or job: the organisation's tenants are one, and the configured roles hold.
    const applied = await applyOrganisationSettings(deps);
    if (applied.organisation.ok) logger.info({ ...applied.organisation.value, roles: applied.roles }, 'organisation and roles applied');
    else logger.error({ code: applied.organisation.code, detail: applied.organisation.detail, roles: applied.roles }, 'organisation not merged: it is tried again at the next start or install');
    // Statistics for the embedded database's planner, which nothing else gathers (then hourly).
    await store.maintain();

    if (config.slack) {
      slack = createSlackEdge({
        deps,
        logger,
        signingSecret: config.slack.signingSecret,
        auth: config.slack.auth,
        appToken: config.slack.appToken,
        apiUrl: config.slack.apiUrl,
        accept: (events) => inbox.accept(events),
      });
    }

    if (config.teams) {
      teams = createTeamsEdge({
        deps,
        logger,
        appId: config.teams.appId,
        appPassword: config.teams.appPassword,
        ...(config.teams.tenantId ? { tenantId: config.teams.tenantId } : {}),
        ...(config.teams.openIdMetadataUrl ? { openIdMetadataUrl: config.teams.openIdMetadataUrl } : {}),
        ...(config.teams.tokenUrl ? { tokenUrl: config.teams.tokenUrl } : {}),
        ...(config.teams.graphUrl ? { graphUrl: config.teams.graphUrl } : {}),
        accept: (events) => inbox.accept(events),
      });
      await teams.start();
    }

    // With no chat platform configured on the embedded demo store, cards go to the preview inbox at
    // /preview. Never on a real database: it lets anyone act as any owner.
    preview = database.embedded && !slack && !teams ? new PreviewInbox({ clock: deps.clock }) : null;

    if (config.role !== 'web') {
      scheduler = await database.createScheduler(logger);
      // The platforms' people and members, for the jobs and the inbox.
      const platformDeps = { ...deps, profiles: profiles(), directories: profiles() };
      await scheduleJobs(scheduler, platformDeps, logger);
      await scheduler.start();
      outbox = new OutboxWorker(deps, preview ? preview.platforms() : profiles(), logger);
      outbox.start();
      const handlers = { ...coreInboxHandlers(platformDeps, activityLookups()), ...teams?.inboxHandlers };
      const inboxLogger = logger.child({ component: 'inbox' });
      // Rounds of a few items each would cost a claim and a removal per item: under a trickle the
      // loop waits a little and takes what gathered.
      const round = () => processInbox({ ...deps, logger: inboxLogger }, handlers, DEFAULT_INBOX_POLICY);
      inboxLoop = new WorkLoop(round, inboxLogger, { idleMs: 250, fullRound: DEFAULT_INBOX_POLICY.batch });
      inboxLoop.start();
    }

    const routers = [
      ...(slack?.router ? [slack.router] : []),
      ...(teams ? [teams.router] : []),
      ...(preview ? [createPreviewRouter({ deps, inbox: preview, logger })] : []),
    ];
    // Teams' start asks nothing of Microsoft: it has no state of its own to report.
    const platforms = {
      ...(slack ? { slack: slack.health.bind(slack) } : {}),
      ...(teams ? { teams: async () => ({ state: 'ok' as const }) } : {}),
    };
    const app = createHttpApp({ store, scheduler, routers, platforms, logger });
    const listening = app.listen(config.port, config.host);
    server = listening;
    await new Promise<void>((resolve, reject) => {
      listening.once('listening', resolve);
      listening.once('error', reject);
    });
    await slack?.start();
  } catch (error) {
    server?.close();
    await slack?.stop();
    await inboxLoop?.stop();
    await outbox?.stop();
    await scheduler?.stop();
    await store.close();
    throw error;
  }

  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host === '0.0.0.0' || host === '[::]' ? '127.0.0.1' : host}:${address.port}`;
  logger.info({ url, store: (await store.health()).kind, role: config.role, slack: slack !== null, teams: teams !== null }, 'Group Steward is listening');
  if (preview) logger.info({ url: `${url}/preview` }, `Preview inbox: ${url}/preview`);

  const httpServer = server;
  return {
    url,
    store,
    async stop() {
      const closed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
      httpServer.closeIdleConnections();
      await closed;
      await slack?.stop();
      await inboxLoop?.stop();
      await outbox?.stop();
      await scheduler?.stop();
      await store.close();
    },
  };
}
