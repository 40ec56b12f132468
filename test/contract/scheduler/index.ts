import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Logger } from '../../../core/src/ports/logger.ts';
import type { JobContext, Scheduler } from '../../../core/src/ports/scheduler.ts';
import { recordingLogger } from '../../support/recording-logger.ts';
import { silentLogger } from '../../support/silent-logger.ts';

/** One database the schedulers share: each call of `scheduler` is another process's scheduler on it. */
export interface SchedulerDatabase {
  /** What `health().kind` says on this database. */
  readonly kind: string;
  scheduler(options: { processName: string; logger: Logger }): Promise<Scheduler>;
  /** Closes what `open` opened and removes the database it made. */
  dispose(): Promise<void>;
}

const POLL_MS = 200;

/** Waits until `done()` holds, or fails after `timeoutMs` saying what it waited for. */
async function until(what: string, done: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`still waiting after ${timeoutMs} ms for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The Scheduler contract, as agenda's own backends share one suite: every database the server can
 * keep its jobs in runs exactly these tests. Job names are fresh per test, so tests share the
 * database without seeing each other's jobs; every scheduler a test starts is stopped after it.
 */
export function schedulerContract(name: string, open: () => Promise<SchedulerDatabase>) {
  describe(`Scheduler contract: ${name}`, () => {
    let database: SchedulerDatabase | undefined;
    const started: Scheduler[] = [];
    beforeAll(async () => {
      database = await open();
    }, 60_000);
    afterEach(async () => {
      await Promise.all(started.splice(0).map((scheduler) => scheduler.stop()));
    });
    afterAll(async () => database?.dispose());

    /** A scheduler of its own process on the shared database, stopped after the test. */
    async function aScheduler(processName = 'worker-1', logger: Logger = silentLogger): Promise<Scheduler> {
      if (!database) throw new Error(`${name} database is not open`);
      const scheduler = await database.scheduler({ processName, logger });
      started.push(scheduler);
      return scheduler;
    }
    const fresh = (job: string) => `${job}-${crypto.randomUUID()}`;

    it('runs a recurring job again and again with its data, then stops cleanly', async () => {
      const scheduler = await aScheduler();
      const runs: JobContext[] = [];
      const job = fresh('tick');
      scheduler.define(job, async (context) => {
        runs.push(context);
      });
      await scheduler.start();
      await scheduler.every(job, '1 second', { tenantId: 't-1' });
      await until('two runs', () => runs.length >= 2);
      expect(runs.slice(0, 2)).toEqual([
        { name: job, data: { tenantId: 't-1' } },
        { name: job, data: { tenantId: 't-1' } },
      ]);

      await scheduler.stop();
      const afterStop = runs.length;
      await pause(1_500);
      expect(runs.length).toBe(afterStop);
    });

    it('runs a job scheduled for a time once, with its data, not before that time', async () => {
      const scheduler = await aScheduler();
      const runs: { at: number; data: unknown }[] = [];
      const job = fresh('once');
      scheduler.define(job, async (context) => {
        runs.push({ at: Date.now(), data: context.data });
      });
      await scheduler.start();
      const when = new Date(Date.now() + 1_000);
      await scheduler.schedule(job, when, { groupId: 'g-1' });
      await until('the run', () => runs.length === 1);
      await pause(1_000);
      expect(runs).toEqual([{ at: expect.any(Number), data: { groupId: 'g-1' } }]);
      expect(runs[0]!.at).toBeGreaterThanOrEqual(when.getTime());
    });

    it('keeps one schedule however many schedulers on the database ask for it', async () => {
      const [first, second] = [await aScheduler('worker-1'), await aScheduler('worker-2')];
      const runs: number[] = [];
      const job = fresh('shared');
      for (const scheduler of [first, second]) {
        scheduler.define(job, async () => {
          runs.push(Date.now());
        });
      }
      await Promise.all([first.start(), second.start()]);
      await Promise.all([first.every(job, '1 second'), second.every(job, '1 second')]);
      await until('four runs', () => runs.length >= 4);
      // Two schedules would run twice a second, in pairs; one runs about once a second.
      const gaps = runs.slice(1, 4).map((at, n) => at - runs[n]!);
      for (const gap of gaps) expect(gap).toBeGreaterThan(400);
    });

    it('runs a job scheduled once a single time though two schedulers poll for it', async () => {
      const [first, second] = [await aScheduler('worker-1'), await aScheduler('worker-2')];
      const ranOn: string[] = [];
      const job = fresh('single');
      first.define(job, async () => {
        ranOn.push('worker-1');
      });
      second.define(job, async () => {
        ranOn.push('worker-2');
      });
      await Promise.all([first.start(), second.start()]);
      await first.schedule(job, new Date());
      await until('the run', () => ranOn.length > 0);
      await pause(4 * POLL_MS + 500);
      expect(ranOn).toHaveLength(1);
    });

    it('logs a job that throws, runs it again at its next turn, and keeps running the others', async () => {
      const logger = recordingLogger();
      const scheduler = await aScheduler('worker-1', logger);
      const failing = fresh('failing');
      const steady = fresh('steady');
      let failures = 0;
      let steadyRuns = 0;
      scheduler.define(failing, async () => {
        failures += 1;
        throw new Error('the platform said no');
      });
      scheduler.define(steady, async () => {
        steadyRuns += 1;
      });
      await scheduler.start();
      await scheduler.every(failing, '1 second');
      await scheduler.every(steady, '1 second');
      await until('two failures and two steady runs', () => failures >= 2 && steadyRuns >= 2);
      const logged = logger.lines.filter((line) => line.level === 'error' && line.fields['job'] === failing);
      expect(logged.length).toBeGreaterThanOrEqual(1);
      expect(logged[0]?.fields['err']).toMatchObject({ message: 'the platform said no' });
      expect(scheduler.health().running).toBe(true);
    });

    it('waits in stop() for the jobs running, and takes no new one', async () => {
      const scheduler = await aScheduler();
      const [slow, later] = [fresh('slow'), fresh('later')];
      const events: string[] = [];
      scheduler.define(slow, async () => {
        events.push('started');
        await pause(1_000);
        events.push('finished');
      });
      scheduler.define(later, async () => {
        events.push('later ran');
      });
      await scheduler.start();
      await scheduler.schedule(slow, new Date());
      await scheduler.schedule(later, new Date(Date.now() + 2_000));
      await until('the slow job to start', () => events.length > 0);
      await scheduler.stop();
      events.push('stopped');
      expect(events).toEqual(['started', 'finished', 'stopped']);
      await pause(2_500);
      expect(events).toEqual(['started', 'finished', 'stopped']);
    });

    it('says in health() whether it runs, on what, and which jobs it defines', async () => {
      const scheduler = await aScheduler();
      const jobs = [fresh('first'), fresh('second')];
      for (const job of jobs) scheduler.define(job, async () => {});
      expect(scheduler.health()).toEqual({ running: false, kind: database!.kind, jobs });
      await scheduler.start();
      expect(scheduler.health()).toEqual({ running: true, kind: database!.kind, jobs });
      await scheduler.stop();
      expect(scheduler.health().running).toBe(false);
    });
  });
}

export const SCHEDULER_POLL_MS = POLL_MS;
