// What the edge benchmarks share: servers in their own processes, open- and closed-loop load,
// and the figures they print.
import { openEmbeddedStore } from '../../core/src/stores/postgres/index.ts';

export interface Request {
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: string;
}

interface Sample {
  readonly ok: boolean;
  readonly ms: number;
}

export interface Figures {
  readonly perSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly failed: number;
}

/** Sends requests built by `next` and tells how each went. */
export class LoadTarget {
  readonly #next: () => Request;
  /** Requests this target answered 200. */
  acknowledged = 0;

  constructor(next: () => Request) {
    this.#next = next;
  }

  async #send(): Promise<Sample> {
    const { url, headers, body } = this.#next();
    const began = performance.now();
    try {
      const response = await fetch(url, { method: 'POST', headers, body });
      await response.arrayBuffer();
      const ok = response.status === 200;
      if (ok) this.acknowledged += 1;
      return { ok, ms: performance.now() - began };
    } catch {
      return { ok: false, ms: performance.now() - began };
    }
  }

  /** Open loop: one request every 1/rate s whatever the answers, as a platform delivers. */
  async atRate(rate: number, seconds: number): Promise<Figures> {
    const pending: Promise<Sample>[] = [];
    const began = performance.now();
    for (let i = 0; i < rate * seconds; i++) {
      const wait = began + (i * 1000) / rate - performance.now();
      if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
      pending.push(this.#send());
    }
    const samples = await Promise.all(pending);
    return figures(samples, Math.max(seconds, (performance.now() - began) / 1000));
  }

  /** Closed loop: as fast as the server answers, with `concurrency` requests in flight. */
  async flatOut(seconds: number, concurrency = 64): Promise<Figures> {
    const samples: Sample[] = [];
    const end = performance.now() + seconds * 1000;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (performance.now() < end) samples.push(await this.#send());
      }),
    );
    return figures(samples, seconds);
  }
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

function figures(samples: readonly Sample[], seconds: number): Figures {
  const ok = samples
    .filter((s) => s.ok)
    .map((s) => s.ms)
    .sort((a, b) => a - b);
  return {
    perSecond: ok.length / seconds,
    p50: percentile(ok, 50),
    p99: percentile(ok, 99),
    failed: samples.length - ok.length,
  };
}

export const row = (name: string, f: Figures) =>
  `  ${name.padEnd(16)} ${f.perSecond.toFixed(0).padStart(6)} /s   p50 ${f.p50.toFixed(1).padStart(6)} ms   p99 ${f.p99.toFixed(1).padStart(6)} ms${f.failed ? `   ${f.failed} failed` : ''}`;

/** Each rate against both targets, then each one's highest throughput and ours as a share of it. */
export async function compare(
  baseline: { name: string; target: LoadTarget },
  ours: { name: string; target: LoadTarget },
  rates: readonly number[],
  seconds: number,
): Promise<void> {
  await baseline.target.atRate(200, 2); // Warm both up (JIT, connections) before measuring.
  await ours.target.atRate(200, 2);
  for (const rate of rates) {
    console.log(`\nat ${rate}/s`);
    console.log(row(baseline.name, await baseline.target.atRate(rate, seconds)));
    console.log(row(ours.name, await ours.target.atRate(rate, seconds)));
  }
  console.log('\nhighest throughput (64 requests in flight)');
  const baselineMax = await baseline.target.flatOut(seconds);
  const oursMax = await ours.target.flatOut(seconds);
  console.log(row(baseline.name, baselineMax));
  console.log(row(ours.name, oursMax));
  console.log(`  ${ours.name} / ${baseline.name}: ${((oursMax.perSecond / baselineMax.perSecond) * 100).toFixed(0)}%`);
}

/**
 * Waits until the server has handled everything it acknowledged (its inbox is empty), and prints
 * how long that took after the load ended: what the worker keeps up with, beside what the edge takes.
 */
export async function drainInbox(url: string, acknowledged: number): Promise<void> {
  const began = performance.now();
  for (;;) {
    const health = (await (await fetch(`${url}/healthz`)).json()) as { inbox: { pending: number; parked: number } };
    if (health.inbox.pending === 0) {
      const seconds = (performance.now() - began) / 1000;
      console.log(`
inbox handled ${seconds.toFixed(1)} s after the load ended (${health.inbox.parked} parked); ${acknowledged.toLocaleString('en')} acknowledged in all`);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Acknowledged is not enough: how many posts reached the embedded store once the server stopped. */
export async function storedPosts(dataDir: string, tenantId: string): Promise<number> {
  const { store } = await openEmbeddedStore(dataDir);
  let posts = 0;
  for (const group of await store.groups.list(tenantId)) {
    for (const day of await store.contributions.groupDays(tenantId, group.id, { from: '2000-01-01', to: '2100-12-31' }))
      posts += day.posts;
  }
  await store.close();
  return posts;
}
