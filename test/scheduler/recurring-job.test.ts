import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobContext, Scheduler } from '../../core/src/ports/scheduler.ts';
import { embeddedScheduler, postgresScheduler } from '../../core/src/scheduler/index.ts';
import { openEmbeddedStore } from '../../core/src/stores/postgres/index.ts';
import type { PostgresStore } from '../../core/src/stores/postgres/index.ts';
import { silentLogger } from '../support/silent-logger.ts';

/** Waits until `runs` holds `count` entries, or fails after `timeoutMs`. */
async function waitForRuns(runs: JobContext[], count: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (runs.length < count) {
    if (Date.now() > deadline) throw new Error(`only ${runs.length} of ${count} runs after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function recurringJobFires(open: () => Promise<{ scheduler: Scheduler; dispose: () => Promise<void> }>) {
  let opened: { scheduler: Scheduler; dispose: () => Promise<void> };
  beforeAll(async () => {
    opened = await open();
  });
  afterAll(async () => opened?.dispose());

  it('runs a recurring job again and again with its data, then stops cleanly', async () => {
    const runs: JobContext[] = [];
    // A fresh name per run: the jobs table outlives the test on a shared database.
    const name = `tick-${crypto.randomUUID()}`;
    opened.scheduler.define(name, async (job) => {
      runs.push(job);
    });
    await opened.scheduler.start();
    await opened.scheduler.every(name, '1 second', { tenantId: 't-1' });
    await waitForRuns(runs, 2, 15_000);
    expect(runs.slice(0, 2)).toEqual([
      { name, data: { tenantId: 't-1' } },
      { name, data: { tenantId: 't-1' } },
    ]);
    expect(opened.scheduler.health()).toEqual({ running: true, kind: expect.any(String), jobs: [name] });

    await opened.scheduler.stop();
    expect(opened.scheduler.health().running).toBe(false);
    const afterStop = runs.length;
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(runs.length).toBe(afterStop);
  });
}

describe('Scheduler on embedded PGlite', () => {
  let dataDir: string;
  let store: PostgresStore;
  recurringJobFires(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'steward-scheduler-'));
    const embedded = await openEmbeddedStore(dataDir);
    store = embedded.store;
    const scheduler = await embeddedScheduler(embedded.pool, {
      processName: 'test-worker',
      logger: silentLogger,
      pollInterval: 200,
    });
    return {
      scheduler,
      dispose: async () => {
        await scheduler.stop();
        await store.close();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  });
});

const url = process.env['TEST_DATABASE_URL'];
describe.skipIf(!url)('Scheduler on PostgreSQL', () => {
  recurringJobFires(async () => {
    const scheduler = await postgresScheduler(url!, { processName: 'test-worker', logger: silentLogger, pollInterval: 200 });
    return { scheduler, dispose: () => scheduler.stop() };
  });
});
