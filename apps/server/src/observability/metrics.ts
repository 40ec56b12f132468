import {
  type Clock,
  type JobHandler,
  type KeyedInboxEvent,
  type Platform,
  PlatformError,
  type Scheduler,
  type Store,
} from '@steward/core';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** Seconds: from a fast API read to a slow platform call or job. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

/**
 * What an operator graphs and alerts on, in Prometheus's text format at /metrics. Counters and
 * histograms are this process's; the backlog gauges are read from the shared store at each scrape,
 * so any process answers them for the whole install.
 */
export class StewardMetrics {
  readonly registry = new Registry();
  readonly #eventsAcknowledged = new Counter({
    name: 'steward_events_acknowledged_total',
    help: 'Platform events stored in the inbox and then acknowledged to the platform.',
    labelNames: ['platform'] as const,
    registers: [this.registry],
  });
  readonly #eventsRefused = new Counter({
    name: 'steward_events_refused_total',
    help: 'Platform events that could not be stored, answered with an error so that the platform delivers them again.',
    labelNames: ['platform'] as const,
    registers: [this.registry],
  });
  readonly #deliveryAttempts = new Counter({
    name: 'steward_delivery_attempts_total',
    help: 'Calls the outbox made to a chat platform, by operation and outcome (throttled = the platform answered 429).',
    labelNames: ['platform', 'operation', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly #jobDuration = new Histogram({
    name: 'steward_job_duration_seconds',
    help: 'How long each run of a scheduled job took, by job and outcome.',
    labelNames: ['job', 'outcome'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  readonly #httpDuration = new Histogram({
    name: 'steward_http_request_duration_seconds',
    help: 'HTTP requests by method, route pattern and status.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  constructor(store: Store, clock: Clock) {
    collectDefaultMetrics({ register: this.registry, prefix: 'steward_' });
    const storeUp = new Gauge({
      name: 'steward_store_up',
      help: '1 when the store answered this scrape.',
      registers: [this.registry],
    });
    // The backlog is read once per scrape and shared by the gauges below.
    let backlog: Promise<Backlog | null> | null = null;
    const readBacklog = () =>
      (backlog ??= readBacklogOf(store, clock).finally(() => setTimeout(() => (backlog = null), 0)));
    new Gauge({
      name: 'steward_inbox_items',
      help: 'Stored platform events waiting to be handled (pending) or set aside with their reason (parked).',
      labelNames: ['status'] as const,
      registers: [this.registry],
      async collect() {
        const read = await readBacklog();
        storeUp.set(read ? 1 : 0);
        this.reset();
        for (const [status, count] of Object.entries(read?.inbox ?? {})) this.set({ status }, count);
      },
    });
    new Gauge({
      name: 'steward_ingest_lag_seconds',
      help: 'Age of the oldest platform event still waiting to be handled; 0 when none waits.',
      registers: [this.registry],
      async collect() {
        const read = await readBacklog();
        if (read) this.set(read.ingestLagSeconds);
      },
    });
    new Gauge({
      name: 'steward_outbox_messages',
      help: 'Messages to the chat platforms not yet delivered (pending) or given up on (failed), by platform.',
      labelNames: ['platform', 'status'] as const,
      registers: [this.registry],
      async collect() {
        const read = await readBacklog();
        this.reset();
        for (const row of read?.outbox ?? []) this.set({ platform: row.platform, status: row.status }, row.count);
      },
    });
  }

  /** Wraps the edges' `accept`: what resolves was stored, and only then answered 200. */
  countAccepted(accept: (events: readonly KeyedInboxEvent[]) => Promise<void>) {
    return async (events: readonly KeyedInboxEvent[]): Promise<void> => {
      const counter = await accept(events).then(
        () => this.#eventsAcknowledged,
        (error: unknown) => {
          for (const platform of platformsOf(events))
            this.#eventsRefused.inc({ platform: platform.name }, platform.count);
          throw error;
        },
      );
      for (const platform of platformsOf(events)) counter.inc({ platform: platform.name }, platform.count);
    };
  }

  /** The same platform client, counting each call by its outcome. */
  countDeliveries<T extends object>(platform: Platform, client: T): T {
    const attempts = this.#deliveryAttempts;
    return new Proxy(client, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver) as unknown;
        if (typeof value !== 'function' || typeof property !== 'string') return value;
        return async (...args: unknown[]) => {
          try {
            const result: unknown = await (value as (...a: unknown[]) => unknown).apply(target, args);
            attempts.inc({ platform, operation: property, outcome: 'ok' });
            return result;
          } catch (error) {
            attempts.inc({ platform, operation: property, outcome: outcomeOf(error) });
            throw error;
          }
        };
      },
    });
  }

  /** Times a job's run. */
  timeJob<A extends unknown[]>(job: string, run: (...args: A) => Promise<void>) {
    return async (...args: A): Promise<void> => {
      const end = this.#jobDuration.startTimer({ job });
      try {
        await run(...args);
        end({ outcome: 'ok' });
      } catch (error) {
        end({ outcome: 'failed' });
        throw error;
      }
    };
  }

  observeRequest(labels: { method: string; route: string; status: number }, seconds: number): void {
    this.#httpDuration.observe({ ...labels, status: String(labels.status) }, seconds);
  }
}

interface Backlog {
  readonly inbox: Readonly<Record<string, number>>;
  readonly ingestLagSeconds: number;
  readonly outbox: readonly { readonly platform: Platform; readonly status: string; readonly count: number }[];
}

async function readBacklogOf(store: Store, clock: Clock): Promise<Backlog | null> {
  try {
    const [inbox, oldest, outbox] = await Promise.all([
      store.inbox.countByStatus(),
      store.inbox.oldestPendingAt(),
      store.outbox.countWaiting(),
    ]);
    const ingestLagSeconds = oldest ? Math.max(0, (clock.now().getTime() - oldest.getTime()) / 1000) : 0;
    return { inbox, ingestLagSeconds, outbox };
  } catch {
    // The store's own health says why; a scrape still answers, with steward_store_up 0.
    return null;
  }
}

function outcomeOf(error: unknown): string {
  if (!(error instanceof PlatformError)) return 'error';
  if (error.code === 'ratelimited') return 'throttled';
  return error.permanent ? 'failed' : 'retry';
}

function platformsOf(events: readonly KeyedInboxEvent[]): { name: Platform; count: number }[] {
  const counts = new Map<Platform, number>();
  for (const { key } of events) counts.set(key.platform, (counts.get(key.platform) ?? 0) + 1);
  return [...counts].map(([name, count]) => ({ name, count }));
}

/** The scheduler, each job's runs timed. */
export function timedJobs(scheduler: Scheduler, metrics: StewardMetrics): Scheduler {
  return {
    define: (name, handler: JobHandler) => scheduler.define(name, metrics.timeJob(name, handler)),
    every: (name, interval, data) => scheduler.every(name, interval, data),
    schedule: (name, when, data) => scheduler.schedule(name, when, data),
    start: () => scheduler.start(),
    stop: () => scheduler.stop(),
    health: () => scheduler.health(),
  };
}
