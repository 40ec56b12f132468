// npm run bench:slack — signed Slack events at rising rates against Group Steward's /slack/events
// and, in the same run, against a bare Bolt app whose listener does nothing; then each one's
// highest throughput. Prints throughput and p50/p99 acknowledgement latency for both, and ours
// as a share of Bolt's. Each server runs in its own process; this one only sends.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEmbeddedStore } from '../../core/src/stores/postgres/index.ts';
import { aGroup, aPerson } from '../support/factories.ts';
import { FakeSlack } from '../support/fake-slack/index.ts';
import { SIGNING_SECRET, slackSignature } from '../support/slack-requests.ts';

const ROOT = join(import.meta.dirname, '../..');
const NODE = join(ROOT, 'node_modules/.bin/node');
const TEAM = 'T0BENCH';
const TOKEN = 'xoxb-bench';
const CHANNELS = 20;
const USERS = 200;
const RATES = (process.env['BENCH_RATES'] ?? '100,250,500,1000').split(',').map(Number);
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 5);

let sequence = 0;
/** A new message event, signed as Slack signs it. */
function signedEvent(): { body: string; headers: Record<string, string> } {
  const n = sequence++;
  const ts = (1_772_445_600 + n / 1000).toFixed(6);
  const body = JSON.stringify({
    team_id: TEAM,
    api_app_id: 'A0BENCH',
    type: 'event_callback',
    event_id: `Ev0BENCH${n}`,
    event_time: Math.floor(Number(ts)),
    event: { type: 'message', user: `U${n % USERS}`, text: n % 7 === 0 ? 'Any idea?' : 'Shipped it', ts, channel: `C${n % CHANNELS}`, team: TEAM, channel_type: 'channel' },
  });
  const timestamp = Math.floor(Date.now() / 1000);
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': slackSignature(body, timestamp),
    },
  };
}

interface Sample {
  readonly ok: boolean;
  readonly ms: number;
}

let sentToUs = 0;
let oursUrl = '';

async function send(url: string): Promise<Sample> {
  const { body, headers } = signedEvent();
  if (url === oursUrl) sentToUs += 1;
  const began = performance.now();
  try {
    const response = await fetch(`${url}/slack/events`, { method: 'POST', headers, body });
    await response.arrayBuffer();
    const ok = response.status === 200;
    if (url === oursUrl && !ok) sentToUs -= 1;
    return { ok, ms: performance.now() - began };
  } catch {
    if (url === oursUrl) sentToUs -= 1;
    return { ok: false, ms: performance.now() - began };
  }
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

interface Figures {
  readonly perSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly failed: number;
}

function figures(samples: readonly Sample[], seconds: number): Figures {
  const ok = samples.filter((s) => s.ok).map((s) => s.ms).sort((a, b) => a - b);
  return { perSecond: ok.length / seconds, p50: percentile(ok, 50), p99: percentile(ok, 99), failed: samples.length - ok.length };
}

/** Open loop: one request every 1/rate s whatever the answers, as Slack delivers. */
async function atRate(url: string, rate: number): Promise<Figures> {
  const pending: Promise<Sample>[] = [];
  const began = performance.now();
  const total = rate * SECONDS;
  for (let i = 0; i < total; i++) {
    const due = began + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    pending.push(send(url));
  }
  const samples = await Promise.all(pending);
  return figures(samples, Math.max(SECONDS, (performance.now() - began) / 1000));
}

/** Closed loop: as fast as the server answers, with `concurrency` requests in flight. */
async function flatOut(url: string, concurrency = 64): Promise<Figures> {
  const samples: Sample[] = [];
  const end = performance.now() + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) samples.push(await send(url));
    }),
  );
  return figures(samples, SECONDS);
}

/** Starts a server process and waits for the line that says where it listens. */
function serve(args: string[], env: Record<string, string>, urlFrom: (line: Record<string, unknown>) => string | null): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(NODE, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let buffered = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      buffered += chunk;
      for (const line of buffered.split('\n').slice(0, -1)) {
        const url = line.startsWith('{') ? urlFrom(JSON.parse(line)) : null;
        if (url) resolve({ url, child });
      }
      buffered = buffered.slice(buffered.lastIndexOf('\n') + 1);
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code} before listening`)));
  });
}

async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

const row = (name: string, f: Figures) =>
  `  ${name.padEnd(16)} ${f.perSecond.toFixed(0).padStart(6)} events/s   p50 ${f.p50.toFixed(1).padStart(6)} ms   p99 ${f.p99.toFixed(1).padStart(6)} ms${f.failed ? `   ${f.failed} failed` : ''}`;

const fake = new FakeSlack();
await fake.start();
fake.addWorkspace({ id: TEAM, token: TOKEN });
const dataDir = await mkdtemp(join(tmpdir(), 'steward-bench-slack-'));
const children: ChildProcess[] = [];
try {
  // The tenant our server will find: the workspace installed, its channels groups, its people known.
  const { store } = await openEmbeddedStore(dataDir);
  const tenantId = crypto.randomUUID();
  await store.tenants.save({ id: tenantId, name: 'Bench', defaultWeeklyHour: { weekday: 1, time: '10:00' }, defaultTimeZone: 'UTC', defaultLocale: 'en', createdAt: new Date() });
  await store.installations.save({ platform: 'slack', workspaceId: TEAM, tenantId, enterpriseInstall: false, installedAt: new Date(), secrets: {} });
  const people = Array.from({ length: USERS }, (_, i) => aPerson(tenantId, { identities: [{ platform: 'slack', workspaceId: TEAM, userId: `U${i}` }] }));
  for (const person of people) await store.people.save(person);
  for (let c = 0; c < CHANNELS; c++) {
    await store.groups.save(aGroup(tenantId, [people[c]!.id], { platformRef: { platform: 'slack', workspaceId: TEAM, id: `C${c}` } }));
  }
  await store.close();

  const ours = await serve(
    ['apps/server/src/main.ts'],
    { STEWARD_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', STEWARD_DEMO: 'false', LOG_LEVEL: 'info', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: TOKEN, SLACK_API_URL: fake.url },
    (line) => (line['msg'] === 'Group Steward is listening' ? String(line['url']) : null),
  );
  children.push(ours.child);
  oursUrl = ours.url;
  const bare = await serve(['test/bench/bare-bolt.ts'], { SLACK_SIGNING_SECRET: SIGNING_SECRET }, (line) => (typeof line['url'] === 'string' ? line['url'] : null));
  children.push(bare.child);

  // Warm both up (JIT, connections) before measuring.
  await atRate(ours.url, 200);
  await atRate(bare.url, 200);

  console.log(`Signed message events, ${SECONDS} s per step, ${CHANNELS} channels, ${USERS} people`);
  for (const rate of RATES) {
    console.log(`\nat ${rate} events/s`);
    const bolt = await atRate(bare.url, rate);
    const steward = await atRate(ours.url, rate);
    console.log(row('bare Bolt', bolt));
    console.log(row('Group Steward', steward));
  }
  console.log('\nhighest throughput (64 requests in flight)');
  const boltMax = await flatOut(bare.url);
  const stewardMax = await flatOut(ours.url);
  console.log(row('bare Bolt', boltMax));
  console.log(row('Group Steward', stewardMax));
  console.log(`  Group Steward / bare Bolt: ${((stewardMax.perSecond / boltMax.perSecond) * 100).toFixed(0)}%`);

  // Acknowledged is not enough: every event must have reached the store once the server stopped.
  await stop(ours.child);
  children.splice(children.indexOf(ours.child), 1);
  const after = await openEmbeddedStore(dataDir);
  let posts = 0;
  for (const group of await after.store.groups.list(tenantId)) {
    for (const day of await after.store.contributions.groupDays(tenantId, group.id, { from: '2026-01-01', to: '2026-12-31' })) posts += day.posts;
  }
  await after.store.close();
  console.log(`\nstored by Group Steward: ${posts.toLocaleString('en')} events of ${sentToUs.toLocaleString('en')} acknowledged`);
} finally {
  for (const child of children) await stop(child);
  await fake.stop();
  await rm(dataDir, { recursive: true, force: true });
}
