import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger, Scheduler } from '@steward/core';
import { pendingDemoSeed, seedDemoTenant } from '@steward/core/demo';
import type { Config } from './config.ts';
import { openDatabase } from './database.ts';
import { createHttpApp } from './http.ts';

export interface RunningSteward {
  /** Where the HTTP server listens, e.g. http://127.0.0.1:3000. */
  readonly url: string;
  /** Stops taking requests and jobs, lets running ones finish, then closes the store. */
  stop(): Promise<void>;
}

/** The composition root: everything Group Steward runs, wired from one validated configuration. */
export async function startSteward(config: Config, logger: Logger): Promise<RunningSteward> {
  const database = await openDatabase(config.database);
  const { store } = database;
  let scheduler: Scheduler | null = null;
  let server: Server | null = null;
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

    if (config.role !== 'web') {
      scheduler = await database.createScheduler(logger);
      await scheduler.start();
    }

    const app = createHttpApp({ store, scheduler });
    const listening = app.listen(config.port, config.host);
    server = listening;
    await new Promise<void>((resolve, reject) => {
      listening.once('listening', resolve);
      listening.once('error', reject);
    });
  } catch (error) {
    server?.close();
    await scheduler?.stop();
    await store.close();
    throw error;
  }

  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host === '0.0.0.0' || host === '[::]' ? '127.0.0.1' : host}:${address.port}`;
  logger.info({ url, store: (await store.health()).kind, role: config.role }, 'Group Steward is listening');

  const httpServer = server;
  return {
    url,
    async stop() {
      const closed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
      httpServer.closeIdleConnections();
      await closed;
      await scheduler?.stop();
      await store.close();
    },
  };
}
