// npm run bench:ingest — contribution ingest into the embedded store (and PostgreSQL when
// BENCH_DATABASE_URL is set), against a raw multi-row INSERT of the same rows; then the time from
// `npm start` to a healthy /healthz on a warm data folder. BENCH_EVENTS scales the run, BENCH_BATCH the batches.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { ContributionEvent, ContributionKind } from '../../core/src/index.ts';
import { openEmbeddedStore, PostgresStore } from '../../core/src/stores/postgres/index.ts';
import { aTenant } from '../support/factories.ts';

const TOTAL = Number(process.env['BENCH_EVENTS'] ?? 1_000_000);
// Bulk ingest (a backfill) writes big batches; BENCH_BATCH=5000 shows the edges' live batch size.
const BATCH = Number(process.env['BENCH_BATCH'] ?? 50_000);
// DESIGN.md §5: a day of a large company. Each person contributes in a few groups of their own,
// and some people far more than others.
const GROUPS = 10_000;
const PEOPLE = 100_000;
const GROUPS_PER_PERSON = 4;

/** A deterministic PRNG so that every run ingests the same rows. */
function mulberry32(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const uuidFrom = (n: number, prefix: string) => `${prefix}${n.toString(16).padStart(12, '0')}`;
const groupIds = Array.from({ length: GROUPS }, (_, i) => uuidFrom(i, '00000000-0000-4000-8000-'));
const personIds = Array.from({ length: PEOPLE }, (_, i) => uuidFrom(i, '00000000-0000-4000-9000-'));
const KINDS: [ContributionKind, number][] = [
  ['reaction', 0.35],
  ['post', 0.25],
  ['reply', 0.25],
  ['file', 0.05],
  ['answer', 0.05],
  ['join', 0.03],
  ['leave', 0.02],
];

function* batches(tenantId: string): Generator<ContributionEvent[]> {
  const random = mulberry32(42);
  const start = Date.UTC(2026, 9, 1);
  const groupOf = (person: number, slot: number) => (person * 7919 + slot * 104_729) % GROUPS;
  let batch: ContributionEvent[] = [];
  for (let i = 0; i < TOTAL; i++) {
    let pick = random();
    const kind =
      KINDS.find(([, share]) => {
        pick -= share;
        return pick < 0;
      })?.[0] ?? 'reaction';
    const person = Math.floor(random() ** 3 * PEOPLE);
    const group = groupOf(person, Math.floor(random() * GROUPS_PER_PERSON));
    batch.push({
      tenantId,
      groupId: groupIds[group]!,
      personId: personIds[person]!,
      kind,
      occurredAt: new Date(start + Math.floor((i / TOTAL) * 86_400_000)),
      platform: 'slack',
      platformEventId: `Ev${i}`,
      threadId:
        kind === 'post' || kind === 'reply' || kind === 'answer' ? `th-${group}-${Math.floor(random() * 40)}` : null,
      asksQuestion: kind === 'post' && random() < 0.2,
    });
    if (batch.length === BATCH) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

async function ingestThroughStore(store: PostgresStore): Promise<number> {
  const tenant = aTenant();
  await store.tenants.save(tenant);
  const began = performance.now();
  let stored = 0;
  for (const batch of batches(tenant.id)) {
    stored += (await store.contributions.record(tenant.id, batch)).stored;
    if (stored % 100_000 === 0) process.stderr.write(`\r  store: ${stored.toLocaleString('en')} events`);
  }
  process.stderr.write('\n');
  if (stored !== TOTAL) throw new Error(`stored ${stored} of ${TOTAL}`);
  return TOTAL / ((performance.now() - began) / 1000);
}

async function ingestRaw(connectionString: string): Promise<number> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  await client.query(`DROP TABLE IF EXISTS bench_raw_events; CREATE TABLE bench_raw_events (tenant_id uuid,
    platform text, platform_event_id text, group_id uuid, person_id uuid, kind text, occurred_at timestamptz,
    thread_id text, asks_question boolean)`);
  const tenantId = aTenant().id;
  const began = performance.now();
  let done = 0;
  for (const batch of batches(tenantId)) {
    // A statement takes at most 65,535 parameters: 9 a row.
    for (let from = 0; from < batch.length; from += 7_000) {
      const values: unknown[] = [];
      const rows = batch.slice(from, from + 7_000).map((e, i) => {
        values.push(
          e.tenantId,
          e.platform,
          e.platformEventId,
          e.groupId,
          e.personId,
          e.kind,
          e.occurredAt,
          e.threadId,
          e.asksQuestion,
        );
        const n = i * 9;
        return `($${n + 1},$${n + 2},$${n + 3},$${n + 4},$${n + 5},$${n + 6},$${n + 7},$${n + 8},$${n + 9})`;
      });
      await client.query(`INSERT INTO bench_raw_events VALUES ${rows.join(',')}`, values);
    }
    done += batch.length;
    if (done % 100_000 === 0) process.stderr.write(`\r  raw: ${done.toLocaleString('en')} events`);
  }
  process.stderr.write('\n');
  const rate = TOTAL / ((performance.now() - began) / 1000);
  await client.query('DROP TABLE bench_raw_events');
  await client.end();
  return rate;
}

async function compare(name: string, store: PostgresStore, connectionString: string) {
  console.log(`\n${name}: ${TOTAL.toLocaleString('en')} events in batches of ${BATCH.toLocaleString('en')}`);
  const viaStore = await ingestThroughStore(store);
  const raw = await ingestRaw(connectionString);
  console.log(`  store with rollups : ${Math.round(viaStore).toLocaleString('en')} events/s`);
  console.log(`  raw multi-row INSERT: ${Math.round(raw).toLocaleString('en')} events/s`);
  console.log(`  ratio               : ${((viaStore / raw) * 100).toFixed(0)}% of raw`);
}

/** Milliseconds from spawning `npm start` until /healthz answers 200. */
async function timeToHealthy(dataDir: string, port: number): Promise<number> {
  const began = performance.now();
  const child = spawn('npm', ['start', '--silent'], {
    cwd: join(import.meta.dirname, '../..'),
    detached: true, // Its own process group, so that npm and the server both get the signal.
    env: { ...process.env, STEWARD_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    for (;;) {
      if (performance.now() - began > 180_000) throw new Error('no healthy /healthz within 180 s');
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return performance.now() - began;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    process.kill(-child.pid!, 'SIGTERM');
    await exited;
  }
}

const embeddedDir = await mkdtemp(join(tmpdir(), 'steward-bench-'));
try {
  const embedded = await openEmbeddedStore(embeddedDir);
  await compare('embedded PGlite', embedded.store, embedded.connectionString);
  await embedded.store.close();
} finally {
  await rm(embeddedDir, { recursive: true, force: true });
}

const url = process.env['BENCH_DATABASE_URL'];
if (url) {
  const store = await PostgresStore.open({ connectionString: url });
  await compare('PostgreSQL', store, url);
  await store.close();
} else {
  console.log('\nPostgreSQL: skipped (set BENCH_DATABASE_URL=postgres://… to measure it)');
}

const startDir = await mkdtemp(join(tmpdir(), 'steward-start-'));
try {
  const port = 39_000 + Math.floor(Math.random() * 1000);
  const first = await timeToHealthy(startDir, port);
  const warm = await timeToHealthy(startDir, port);
  console.log(
    `\nnpm start → healthy /healthz: first start (migrate + seed demo) ${(first / 1000).toFixed(1)} s, warm data folder ${(warm / 1000).toFixed(2)} s`,
  );
} finally {
  await rm(startDir, { recursive: true, force: true });
}
