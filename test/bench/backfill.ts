// npm run bench:backfill — what `steward backfill` costs us, apart from Slack's pace: a channel with a
// year of history (BENCH_DAYS) read through the real Slack client from the fake Slack with its limits
// lifted and our own pacing off, into the embedded store (or PostgreSQL with BENCH_DATABASE_URL).
// It prints the pages and activities per second, and how long Slack's limits make the same channel
// take: Tier 3 for an internal app, one call a minute outside the Marketplace.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RateLimiter } from '../../apps/slack/src/web/rate-limiter.ts';
import { SlackPlatform } from '../../apps/slack/src/web/slack-platform.ts';
import { backfillGroup, DAY_MS, systemClock } from '../../core/src/index.ts';
import type { Store } from '../../core/src/ports/store/index.ts';
import { openEmbeddedStore, PostgresStore } from '../../core/src/stores/postgres/index.ts';
import { channelPast, PAST_WRITERS } from '../support/channel-past.ts';
import { aGroup, anInstallation, aPerson, aTenant } from '../support/factories.ts';
import { FAKE_WORKSPACE, FakeSlack } from '../support/fake-slack/index.ts';

const DAYS = Number(process.env['BENCH_DAYS'] ?? 365);
const serverUrl = process.env['BENCH_DATABASE_URL'];

const fake = new FakeSlack({
  limits: { 'conversations.history': null, 'conversations.replies': null, 'users.info': null },
});
await fake.start();
for (const user of PAST_WRITERS) fake.addUser(user);
const dataDir = serverUrl ? null : await mkdtemp(join(tmpdir(), 'steward-bench-backfill-'));
const store: Store = serverUrl
  ? await PostgresStore.open({ connectionString: serverUrl })
  : (await openEmbeddedStore(dataDir!)).store;

const registered = new Date(Date.now() - DAY_MS);
const past = channelPast(registered, DAYS);
const channel = `C0BENCH${Date.now()}`;
fake.addChannel({ id: channel, botIsMember: true, history: past });
const tenant = aTenant();
await store.tenants.save(tenant);
await store.installations.save(anInstallation(tenant.id, 'slack', FAKE_WORKSPACE.id, registered));
const owner = aPerson(tenant.id);
await store.people.save(owner);
const group = aGroup(tenant.id, [owner.id], {
  platformRef: { platform: 'slack', workspaceId: FAKE_WORKSPACE.id, id: channel },
  createdAt: registered,
});
await store.groups.save(group);

// Our limiter still counts, but never waits: the bench measures our side only.
const unpaced = new RateLimiter({ now: () => performance.now(), sleep: async () => {} });
const slack = new SlackPlatform({
  tokenFor: async () => FAKE_WORKSPACE.token,
  apiUrl: fake.url,
  render: () => ({ text: '', blocks: [] }),
  limiter: unpaced,
});
const began = performance.now();
const run = await backfillGroup(
  { store, clock: systemClock, profiles: { slack }, readers: { slack } },
  tenant.id,
  group.id,
  { days: DAYS, sleep: async () => {} },
);
const seconds = (performance.now() - began) / 1000;
if (!run.ok || run.value.state !== 'finished') throw new Error(`backfill did not finish: ${JSON.stringify(run)}`);
const { pages, found } = run.value.backfill!;
const minutes = (calls: number, perMinute: number) => calls / perMinute;
console.log(
  `[bench:backfill] ${serverUrl ? 'PostgreSQL' : 'embedded PGlite'}: ${DAYS} days, ${past.length} messages, ` +
    `${pages} pages (15 messages each), ${found} activities in ${seconds.toFixed(1)} s: ` +
    `${(pages / seconds).toFixed(1)} pages/s, ${(found / seconds).toFixed(0)} activities/s`,
);
console.log(
  `[bench:backfill] the same channel at Slack's pace: ${minutes(pages, 50).toFixed(0)} min as an internal app ` +
    `(Tier 3, 50 calls a minute), ${(minutes(pages, 1) / 60).toFixed(1)} h outside the Marketplace (1 a minute)`,
);
await store.close();
await fake.stop();
if (dataDir) await rm(dataDir, { recursive: true, force: true });
