// npm run bench:slack — signed Slack events at rising rates against Group Steward's /slack/events
// and, in the same run, against a bare Bolt app whose listener does nothing; then each one's
// highest throughput. Each server runs in its own process; this one only sends.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEmbeddedStore } from '../../core/src/stores/postgres/index.ts';
import { aGroup, anInstallation, aPerson, aTenant } from '../support/factories.ts';
import { FakeSlack } from '../support/fake-slack/index.ts';
import { serve, stewardUrl, stop } from '../support/server-process.ts';
import { SIGNING_SECRET, slackSignature } from '../support/slack-requests.ts';
import { compare, drainInbox, LoadTarget, type Request, storedPosts } from './load.ts';

const TEAM = 'T0BENCH';
const TOKEN = 'xoxb-bench';
const CHANNELS = 20;
const USERS = 200;
const RATES = (process.env['BENCH_RATES'] ?? '100,250,500,1000').split(',').map(Number);
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 5);

let sequence = 0;
/** A new message event, signed as Slack signs it. */
function signedEvent(url: string): Request {
  const n = sequence++;
  const ts = (1_772_445_600 + n / 1000).toFixed(6);
  const body = JSON.stringify({
    team_id: TEAM,
    api_app_id: 'A0BENCH',
    type: 'event_callback',
    event_id: `Ev0BENCH${n}`,
    event_time: Math.floor(Number(ts)),
    event: {
      type: 'message',
      user: `U${n % USERS}`,
      text: n % 7 === 0 ? 'Any idea?' : 'Shipped it',
      ts,
      channel: `C${n % CHANNELS}`,
      team: TEAM,
      channel_type: 'channel',
    },
  });
  const timestamp = Math.floor(Date.now() / 1000);
  const headers = {
    'content-type': 'application/json',
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': slackSignature(body, timestamp),
  };
  return { url: `${url}/slack/events`, headers, body };
}

const fake = new FakeSlack();
await fake.start();
fake.addWorkspace({ id: TEAM, token: TOKEN });
const dataDir = await mkdtemp(join(tmpdir(), 'steward-bench-slack-'));
const children = [];
try {
  // The tenant our server will find: the workspace installed, its channels groups, its people known.
  const { store } = await openEmbeddedStore(dataDir);
  const tenant = aTenant({ name: 'Bench' });
  await store.tenants.save(tenant);
  await store.installations.save(anInstallation(tenant.id, 'slack', TEAM, new Date()));
  const people = Array.from({ length: USERS }, (_, i) =>
    aPerson(tenant.id, { identities: [{ platform: 'slack', workspaceId: TEAM, userId: `U${i}` }] }),
  );
  for (const person of people) await store.people.save(person);
  for (let c = 0; c < CHANNELS; c++) {
    await store.groups.save(
      aGroup(tenant.id, [people[c]!.id], { platformRef: { platform: 'slack', workspaceId: TEAM, id: `C${c}` } }),
    );
  }
  await store.close();

  const env = { STEWARD_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', STEWARD_DEMO: 'false', LOG_LEVEL: 'info' };
  const slack = { SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: TOKEN, SLACK_API_URL: fake.url };
  const ours = await serve(['apps/server/src/main.ts'], { ...env, ...slack }, stewardUrl);
  children.push(ours.child);
  const bare = await serve(['test/bench/bare-bolt.ts'], { SLACK_SIGNING_SECRET: SIGNING_SECRET }, (line) =>
    typeof line['url'] === 'string' ? line['url'] : null,
  );
  children.push(bare.child);

  console.log(`Signed Slack message events, ${SECONDS} s per step, ${CHANNELS} channels, ${USERS} people`);
  const steward = new LoadTarget(() => signedEvent(ours.url));
  await compare(
    { name: 'bare Bolt', target: new LoadTarget(() => signedEvent(bare.url)) },
    { name: 'Group Steward', target: steward },
    RATES,
    SECONDS,
  );

  await drainInbox(ours.url, steward.acknowledged);
  await stop(ours.child);
  const posts = await storedPosts(dataDir, tenant.id);
  console.log(
    `\nstored by Group Steward: ${posts.toLocaleString('en')} events of ${steward.acknowledged.toLocaleString('en')} acknowledged`,
  );
} finally {
  for (const child of children) await stop(child);
  await fake.stop();
  await rm(dataDir, { recursive: true, force: true });
}
