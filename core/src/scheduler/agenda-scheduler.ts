import { Agenda, type AgendaBackend } from 'agenda';
import type { Logger } from '../ports/logger.ts';
import type { JobHandler, Scheduler, SchedulerHealth } from '../ports/scheduler.ts';

export interface AgendaSchedulerOptions {
  readonly backend: AgendaBackend;
  /** Reported by `health()`: "postgres", "pglite" or "mongodb". */
  readonly kind: string;
  /** Names this process in the job table (who locked a job). */
  readonly processName: string;
  readonly logger: Logger;
  /** How often idle workers look for due jobs; LISTEN/NOTIFY wakes them sooner where available. */
  readonly pollInterval?: string | number;
  /** How long `stop()` waits for running jobs before unlocking them for another worker. */
  readonly drainTimeoutMs?: number;
}

/** The Scheduler port on agenda 6: jobs live in the store's database, shared by every worker. */
export class AgendaScheduler implements Scheduler {
  readonly #agenda: Agenda;
  readonly #kind: string;
  readonly #logger: Logger;
  readonly #drainTimeoutMs: number;
  readonly #jobs: string[] = [];
  #running = false;

  /** Connects first: agenda's own connect at construction would crash the process on a bad database. */
  static async connect(options: AgendaSchedulerOptions): Promise<AgendaScheduler> {
    await options.backend.connect();
    return new AgendaScheduler(options);
  }

  private constructor(options: AgendaSchedulerOptions) {
    this.#agenda = new Agenda({
      backend: options.backend,
      name: options.processName,
      processEvery: options.pollInterval ?? '5 seconds',
      // Agenda keeps a timer of half this alive after a job; long jobs renew their lock with touch().
      defaultLockLifetime: 60_000,
    });
    this.#kind = options.kind;
    this.#logger = options.logger.child({ component: 'scheduler' });
    this.#drainTimeoutMs = options.drainTimeoutMs ?? 30_000;
    this.#agenda.on('error', (error: Error) => this.#logger.error({ err: error }, 'scheduler error'));
    this.#agenda.on('fail', (error: Error, job: { attrs: { name: string } }) =>
      this.#logger.error({ err: error, job: job.attrs.name }, 'job failed'),
    );
  }

  define(name: string, handler: JobHandler): void {
    this.#agenda.define(name, async (job) => {
      await handler({ name, data: (job.attrs.data ?? {}) as Record<string, unknown> });
    });
    this.#jobs.push(name);
  }

  async every(name: string, interval: string, data: Record<string, unknown> = {}): Promise<void> {
    await this.#agenda.every(interval, name, data);
  }

  async schedule(name: string, when: Date, data: Record<string, unknown> = {}): Promise<void> {
    await this.#agenda.schedule(when, name, data);
  }

  async start(): Promise<void> {
    await this.#agenda.start();
    this.#running = true;
  }

  async stop(): Promise<void> {
    if (!this.#running) {
      await this.#agenda.stop();
      return;
    }
    this.#running = false;
    const result = await this.#agenda.drain(this.#drainTimeoutMs);
    if (result.timedOut)
      this.#logger.warn({ running: result.running }, 'jobs still running at stop; unlocked for another worker');
  }

  health(): SchedulerHealth {
    return { running: this.#running, kind: this.#kind, jobs: [...this.#jobs] };
  }
}
