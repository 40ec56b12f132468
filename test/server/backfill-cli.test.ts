// `steward backfill` as an administrator runs it: the real command-line process against the fake
// Slack over HTTP, stopped once with Ctrl-C (SIGINT) and once with kill -9 half-way, then run to
// its end, leaves the same rollups as a backfill run straight through (issue 12, "Done when").
// PostgreSQL when TEST_DATABASE_URL is set, else embedded PGlite (each run opens it anew).
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SLACK_BOT_SCOPES } from '../../apps/slack/src/scopes.ts';
import { DAY_MS } from '../../core/src/domain/zoned-time.ts';
import type { Store } from '../../core/src/ports/store/index.ts';
import { channelPast, countsOf, expectedDays, PAST_WRITERS } from '../support/channel-past.ts';
import { eventually } from '../support/eventually.ts';
import { aGroup, anInstallation, aPerson, aTenant } from '../support/factories.ts';
import { FAKE_WORKSPACE, FakeSlack } from '../support/fake-slack/index.ts';
import { fakeSlackSettings } from '../support/platform-settings.ts';
import { aServerDatabase, type ServerDatabase, withStoreOf } from '../support/server-database.ts';
import { ROOT } from '../support/server-process.ts';

const NODE = join(ROOT, 'node_modules/.bin/node');
const REGISTERED = new Date(Date.now() - 3 * DAY_MS);
const DAYS = 8;

interface Run {
  readonly child: ChildProcess;
  readonly done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

describe('steward backfill, interrupted and resumed', () => {
  const fake = new FakeSlack({ workspaces: [{ ...FAKE_WORKSPACE, scopes: SLACK_BOT_SCOPES }] });
  const past = channelPast(REGISTERED, DAYS + 2);
  let database: ServerDatabase;
  let env: Record<string, string>;
  const groups = { straight: '', resumed: '' };
  let tenantId = '';

  /** `steward …` as a process of its own; its exit, and what it wrote. */
  function steward(...args: string[]): Run {
    const child = spawn(NODE, ['apps/server/src/cli/main.ts', ...args], { cwd: ROOT, env });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk) => (stdout += chunk));
    child.stderr?.on('data', (chunk) => (stderr += chunk));
    const done = new Promise<Awaited<Run['done']>>((resolve) =>
      child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr })),
    );
    return { child, done };
  }

  const readsOf = (channel: string) =>
    fake.calls.filter(
      (c) =>
        (c.method === 'conversations.history' || c.method === 'conversations.replies') &&
        c.params['channel'] === channel &&
        c.outcome === 'ok',
    ).length;

  const withStore = <T>(use: (store: Store) => Promise<T>) => withStoreOf(database, use);

  beforeAll(async () => {
    await fake.start();
    for (const user of PAST_WRITERS) fake.addUser(user);
    database = await aServerDatabase('steward-backfill-');
    env = { ...process.env, ...database.env, ...fakeSlackSettings(fake, FAKE_WORKSPACE.token) } as Record<
      string,
      string
    >;
    await withStore(async (store) => {
      const tenant = aTenant();
      tenantId = tenant.id;
      await store.tenants.save(tenant);
      await store.installations.save(anInstallation(tenantId, 'slack', FAKE_WORKSPACE.id, REGISTERED));
      const owner = aPerson(tenantId);
      await store.people.save(owner);
      for (const [key, channel] of [
        ['straight', 'C0STRAIGHT'],
        ['resumed', 'C0RESUMED'],
      ] as const) {
        fake.addChannel({ id: channel, botIsMember: true, history: past });
        const group = aGroup(tenantId, [owner.id], {
          platformRef: { platform: 'slack', workspaceId: FAKE_WORKSPACE.id, id: channel },
          createdAt: REGISTERED,
        });
        await store.groups.save(group);
        groups[key] = group.id;
      }
    });
  }, 300_000);
  afterAll(async () => {
    await database.drop();
    await fake.stop();
  });

  it('gives the same rollups after Ctrl-C and kill -9 as run straight through', async () => {
    const straight = await steward('backfill', '--group', groups.straight, '--days', String(DAYS)).done;
    expect(straight.code, straight.stderr).toBe(0);
    expect(JSON.parse(straight.stdout)).toMatchObject({ groupId: groups.straight, state: 'finished' });

    // Ctrl-C after a few pages: the page in hand is finished and kept, the command says how to go on.
    const first = steward('backfill', '--group', groups.resumed, '--days', String(DAYS));
    await eventually(() => expect(readsOf('C0RESUMED')).toBeGreaterThanOrEqual(3), 240_000);
    first.child.kill('SIGINT');
    const interrupted = await first.done;
    expect(interrupted.code, interrupted.stderr).toBe(130);
    expect(interrupted.stderr).toContain('run the same command to go on');
    expect(JSON.parse(interrupted.stdout)).toMatchObject({ state: 'interrupted' });

    // kill -9 a few pages further: nothing is said, the saved cursor is all there is.
    const before = readsOf('C0RESUMED');
    const second = steward('backfill', '--group', groups.resumed, '--days', String(DAYS));
    await eventually(() => expect(readsOf('C0RESUMED')).toBeGreaterThanOrEqual(before + 3), 240_000);
    second.child.kill('SIGKILL');
    expect((await second.done).signal).toBe('SIGKILL');

    const last = await steward('backfill', '--group', groups.resumed, '--days', String(DAYS)).done;
    expect(last.code, last.stderr).toBe(0);
    expect(JSON.parse(last.stdout)).toMatchObject({ state: 'finished' });

    const since = new Date(REGISTERED.getTime() - DAYS * DAY_MS);
    const range = { from: since.toISOString().slice(0, 10), to: REGISTERED.toISOString().slice(0, 10) };
    const [reference, resumed] = await withStore((store) =>
      Promise.all([
        store.contributions.groupDays(tenantId, groups.straight, range),
        store.contributions.groupDays(tenantId, groups.resumed, range),
      ]),
    );
    expect(countsOf(reference)).toEqual(expectedDays(past, since, REGISTERED));
    expect(countsOf(resumed)).toEqual(countsOf(reference));
  }, 900_000);

  it('refuses bad usage with exit 2 and one line', async () => {
    const badDays = await steward('backfill', '--days', '0').done;
    expect(badDays.code).toBe(2);
    expect(badDays.stderr).toContain('--days is a whole number');
    const noGroup = await steward('backfill', '--group', '00000000-0000-4000-8000-000000000000').done;
    expect(noGroup.code).toBe(2);
    expect(noGroup.stderr).toContain('no active group');
  }, 300_000);
});
