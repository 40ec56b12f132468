import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');

interface Run {
  /** pino lines the server printed, parsed. */
  readonly logs: Record<string, unknown>[];
  readonly stderr: () => string;
  /** Resolves with the exit code once the server has stopped. */
  readonly exited: Promise<number | null>;
  /** Sends a signal to npm and the server alike, as Ctrl-C in a terminal does. */
  readonly signal: (name: NodeJS.Signals) => void;
}

/**
 * What `npm start` runs, in its own process group. (npm itself answers a signal by dying of it
 * once its script has exited, so the server's own exit code is read here.)
 */
// Servers still running when a test ends (it failed before stopping them) are killed, not left behind.
const running = new Set<() => void>();

function startServer(env: Record<string, string>): Run {
  const child = spawn(join(ROOT, 'node_modules/.bin/node'), ['apps/server/src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Record<string, unknown>[] = [];
  let stderr = '';
  let pending = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    const lines = (pending + chunk).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) if (line.startsWith('{')) logs.push(JSON.parse(line));
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const kill = () => process.kill(-child.pid!, 'SIGKILL');
  running.add(kill);
  child.once('exit', () => running.delete(kill));
  return {
    logs,
    stderr: () => stderr,
    exited: new Promise((resolve) => child.once('exit', (code) => resolve(code))),
    signal: (name) => process.kill(-child.pid!, name),
  };
}

async function listeningUrl(run: Run, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const line = run.logs.find((l) => l['msg'] === 'Group Steward is listening');
    if (line) return String(line['url']);
    if (Date.now() > deadline) throw new Error(`not listening after ${timeoutMs} ms: ${run.stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('npm start on the embedded store', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'steward-start-'));
  });
  afterEach(() => {
    for (const kill of running) kill();
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('seeds the demo company, reports healthy, and stops on Ctrl-C with exit code 0', async () => {
    const run = startServer({ STEWARD_DATA_DIR: dataDir });
    const url = await listeningUrl(run, 90_000);

    const response = await fetch(`${url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: 'ok',
      store: { ok: true, kind: 'pglite' },
      scheduler: {
        running: true,
        kind: 'pglite',
        jobs: [
          'weekly_hour.due_cards',
          'digest.due',
          'store.maintain',
          'sessions.expire',
          'groups.sync',
          'health.snapshot',
          'groups.take_over_expiry',
          'questions.escalate',
          'membership_requests.deadlines',
          'content.sync',
          'groups.idle_check',
          'contributions.retention',
        ],
      },
      inbox: { pending: 0, parked: 0 },
      platforms: {},
    });
    // What an operator polls and scrapes answers on the demo as on a real install.
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toMatch(/^steward_inbox_items\{status="pending"\} 0$/m);
    expect(metrics).toMatch(
      /^steward_http_request_duration_seconds_count\{method="GET",route="\/readyz",status="200"\} 1$/m,
    );
    const ready = run.logs.find((l) => l['msg'] === 'demo company ready');
    expect(ready?.['summary']).toMatchObject({ groups: expect.any(Number), people: 300 });
    // Today's health of every demo group is measured before the first request.
    const measured = run.logs.find((l) => l['msg'] === 'group health measured');
    expect(measured).toMatchObject({ days: 1, rows: 52 });

    run.signal('SIGINT');
    expect(await run.exited).toBe(0);
    expect(run.logs.some((l) => l['msg'] === 'stopped cleanly')).toBe(true);
  });

  it('starts again on the warm data folder without seeding twice, and stops on SIGTERM', async () => {
    const run = startServer({ STEWARD_DATA_DIR: dataDir });
    const url = await listeningUrl(run, 30_000);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect(run.logs.some((l) => String(l['msg']).includes('seeding'))).toBe(false);

    run.signal('SIGTERM');
    expect(await run.exited).toBe(0);
  });

  it('refuses a wrong setting with one line naming it, and starts nothing', async () => {
    const run = startServer({ STEWARD_DATA_DIR: dataDir, PORT: 'eighty' });
    expect(await run.exited).toBe(2);
    expect(run.stderr().trim().split('\n')).toContain(
      'Configuration error: PORT must be a port number from 0 to 65535 (got "eighty")',
    );
    expect(run.logs).toEqual([]);
  });
});
