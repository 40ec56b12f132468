// `steward backfill`'s core, through the real Slack client over HTTP against the fake Slack as a
// commercially distributed app outside the Marketplace sees it since 2025 (15 messages a page, one
// history call a minute; the fake's minute sped up): a channel's past before the app was added is
// read into the rollups as live events would have counted it; an interrupted backfill, and one
// that reads a page again after a crash, leave the same figures as one run straight through. On
// PostgreSQL when TEST_DATABASE_URL is set, else on embedded PGlite.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SLACK_BOT_SCOPES } from '../../apps/slack/src/scopes.ts';
import { SlackPlatform } from '../../apps/slack/src/web/slack-platform.ts';
import { DAY_MS } from '../../core/src/domain/zoned-time.ts';
import type { Store } from '../../core/src/ports/store/index.ts';
import {
  type BackfillDeps,
  type BackfillOptions,
  backfillGroup,
} from '../../core/src/use-cases/backfill/backfill-group.ts';
import { channelPast, countsOf, expectedDays, PAST_WRITERS } from '../support/channel-past.ts';
import { openTemporaryEmbeddedStore } from '../support/embedded-store.ts';
import { aGroup, anInstallation, aPerson, aTenant } from '../support/factories.ts';
import { FakeSlack } from '../support/fake-slack/index.ts';
import { scaledLimiterClock } from '../support/scaled-clock.ts';
import { openTemporaryPostgresStore } from '../support/temporary-postgres.ts';
import { WallClock } from '../support/wall-clock.ts';

const serverUrl = process.env['TEST_DATABASE_URL'];
const WORKSPACE = { id: 'T0PAST', token: 'xoxb-past' };
// One of the fake's minutes lasts 30 real milliseconds.
const SCALE = 0.0005;
const REGISTERED = new Date('2026-11-01T09:00:00Z');

describe(`A backfill reads a Slack channel's past into the rollups (${serverUrl ? 'PostgreSQL' : 'embedded PGlite'})`, () => {
  const fake = new FakeSlack({
    timeScale: SCALE,
    outsideMarketplace: true,
    workspaces: [{ ...WORKSPACE, scopes: SLACK_BOT_SCOPES }],
  });
  const clock = new WallClock('2026-12-01T09:00:00Z');
  const past = channelPast(REGISTERED, 40);
  let store: Store;
  let dispose: () => Promise<void>;
  let deps: BackfillDeps;
  let tenantId: string;

  beforeAll(async () => {
    await fake.start();
    ({ store, dispose } = serverUrl ? await openTemporaryPostgresStore(serverUrl) : await openTemporaryEmbeddedStore());
    const slack = new SlackPlatform({
      tokenFor: async (workspaceId) => (workspaceId === WORKSPACE.id ? WORKSPACE.token : null),
      apiUrl: fake.url,
      render: () => ({ text: '', blocks: [] }),
      clock: scaledLimiterClock(SCALE),
    });
    deps = { store, clock, profiles: { slack }, readers: { slack } };
    for (const user of PAST_WRITERS) fake.addUser(user);
    const tenant = aTenant();
    tenantId = tenant.id;
    await store.tenants.save(tenant);
    await store.installations.save(anInstallation(tenantId, 'slack', WORKSPACE.id, REGISTERED));
  }, 60_000);
  afterAll(async () => {
    await dispose();
    await fake.stop();
  });

  /** A group registered when the app was added to a channel whose past is `past`. */
  async function aChannelWithPast(id: string) {
    fake.addChannel({ id, botIsMember: true, members: PAST_WRITERS.map((w) => w.id), history: past });
    const owner = aPerson(tenantId);
    await store.people.save(owner);
    const group = aGroup(tenantId, [owner.id], {
      platformRef: { platform: 'slack', workspaceId: WORKSPACE.id, id },
      createdAt: REGISTERED,
    });
    await store.groups.save(group);
    return group;
  }

  const waitsOf = (waits: number[]): Pick<BackfillOptions, 'sleep' | 'onWait'> => ({
    sleep: (ms) => sleep(fake.realMs(ms / 1000)),
    onWait: (ms) => waits.push(ms),
  });
  const since = new Date(REGISTERED.getTime() - 30 * DAY_MS);
  const figures = async (groupId: string) =>
    countsOf(await store.contributions.groupDays(tenantId, groupId, { from: '2026-09-01', to: '2026-12-31' }));

  it('counts the 30 days before the app was added, as events would have, within 15 messages a page and waiting out the 1-a-minute limit', async () => {
    const group = await aChannelWithPast('C0STRAIGHT');
    const waits: number[] = [];
    const run = await backfillGroup(deps, tenantId, group.id, { days: 30, ...waitsOf(waits) });
    expect(run.ok && run.value.state).toBe('finished');

    const expected = expectedDays(past, since, REGISTERED);
    expect(expected.length).toBeGreaterThan(25);
    expect(await figures(group.id)).toEqual(expected);
    const questions = await store.contributions.questions(tenantId, group.id);
    expect(questions.length).toBe(
      past.filter(
        (m) => m.reply_count && Number(m.ts) * 1000 >= since.getTime() && Number(m.ts) * 1000 < REGISTERED.getTime(),
      ).length,
    );
    expect(questions.every((q) => q.firstResponseAt !== null)).toBe(true);

    const reads = fake.calls.filter(
      (c) => c.method === 'conversations.history' || c.method === 'conversations.replies',
    );
    expect(reads.every((c) => Number(c.params['limit']) <= 15)).toBe(true);
    // Slack answered 429 with Retry-After (the rest of its minute) and the backfill waited it out,
    // longer than any backoff of its own (at most 16 s), and never gave up.
    expect(reads.some((c) => c.outcome === 'ratelimited')).toBe(true);
    expect(Math.max(...waits)).toBeGreaterThan(20_000);
    const saved = await store.groupBackfills.get(tenantId, group.id);
    expect(saved).toMatchObject({ since, until: REGISTERED, cursor: null, readBackTo: since });
    expect(saved?.finishedAt).not.toBeNull();
  }, 120_000);

  it('leaves the same figures when interrupted twice, and when a crash makes it read a page again', async () => {
    const straight = await aChannelWithPast('C0REFERENCE');
    await backfillGroup(deps, tenantId, straight.id, { days: 30, ...waitsOf([]) });

    const group = await aChannelWithPast('C0INTERRUPTED');
    const stopAfter = (pages: number) => {
      const controller = new AbortController();
      const options: BackfillOptions = {
        days: 30,
        ...waitsOf([]),
        signal: controller.signal,
        onPage: (b) => b.pages >= pages && controller.abort(),
      };
      return options;
    };
    const first = await backfillGroup(deps, tenantId, group.id, stopAfter(3));
    expect(first.ok && first.value.state).toBe('interrupted');
    const saved = (await store.groupBackfills.get(tenantId, group.id))!;
    expect(saved.pages).toBe(3);

    // Resumed with another --days: the saved window holds.
    const second = await backfillGroup(deps, tenantId, group.id, { ...stopAfter(9), days: 5 });
    expect(second.ok && second.value.state).toBe('interrupted');
    const afterSecond = (await store.groupBackfills.get(tenantId, group.id))!;
    expect(afterSecond.since).toEqual(since);
    // A crash between counting page 9 and saving it: the record still says page 8 and its cursor.
    await store.groupBackfills.save({ ...afterSecond, cursor: saved.cursor, pages: 8 });

    const last = await backfillGroup(deps, tenantId, group.id, { days: 5, ...waitsOf([]) });
    expect(last.ok && last.value.state).toBe('finished');
    expect(await figures(group.id)).toEqual(await figures(straight.id));
    expect(await store.contributions.questions(tenantId, group.id)).toHaveLength(
      (await store.contributions.questions(tenantId, straight.id)).length,
    );
  }, 180_000);

  it('reads nothing more once finished, unless told to read again (which counts nothing twice)', async () => {
    const group = await aChannelWithPast('C0TWICE');
    await backfillGroup(deps, tenantId, group.id, { days: 10, ...waitsOf([]) });
    const once = await figures(group.id);
    const calls = fake.calls.length;
    const again = await backfillGroup(deps, tenantId, group.id, { days: 10, ...waitsOf([]) });
    expect(again.ok && again.value.state).toBe('nothing_to_read');
    expect(fake.calls.length).toBe(calls);
    const reread = await backfillGroup(deps, tenantId, group.id, { days: 10, again: true, ...waitsOf([]) });
    expect(reread.ok && reread.value.state).toBe('finished');
    expect(await figures(group.id)).toEqual(once);
  }, 120_000);
});
