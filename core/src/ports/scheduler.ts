export interface JobContext {
  readonly name: string;
  readonly data: Readonly<Record<string, unknown>>;
}

export type JobHandler = (job: JobContext) => Promise<void>;

export interface SchedulerHealth {
  readonly running: boolean;
  readonly kind: string;
  /** Jobs defined in this process. */
  readonly jobs: readonly string[];
}

/**
 * Runs jobs on the store's database so that several processes share one queue. Jobs must be
 * idempotent: a job may run again after a crash.
 */
export interface Scheduler {
  define(name: string, handler: JobHandler): void;
  /** Runs `name` every `interval` (e.g. "1 minute"); one schedule however many processes call it. */
  every(name: string, interval: string, data?: Record<string, unknown>): Promise<void>;
  /** Runs `name` once at `when`. */
  schedule(name: string, when: Date, data?: Record<string, unknown>): Promise<void>;
  start(): Promise<void>;
  /** Stops taking jobs and waits for running ones to finish. */
  stop(): Promise<void>;
  health(): SchedulerHealth;
}
