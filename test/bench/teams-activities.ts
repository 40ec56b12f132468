// npm run bench:teams — Bot Framework-signed channel messages at rising rates against Group
// Steward's /api/messages and, in the same run, against a bare Teams SDK app that does nothing;
// then each one's highest throughput. Each server runs in its own process; this one only sends.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEmbeddedStore } from '../../core/src/stores/postgres/index.ts';
import { LocalBotFrameworkIssuer } from '../support/bot-framework-auth.ts';
import { aGroup, aPerson, aTenant } from '../support/factories.ts';
import { FAKE_APP, FAKE_TENANT, FakeTeams } from '../support/fake-teams/index.ts';
import { serve, stewardUrl, stop } from '../support/server-process.ts';
import { compare, drainInbox, LoadTarget, type Request, storedPosts } from './load.ts';

const TEAMS = 20;
const USERS = 200;
const RATES = (process.env['BENCH_RATES'] ?? '100,300,600').split(',').map(Number);
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 5);
const team = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const user = (n: number) => `00000000-0000-4000-9000-${String(n).padStart(12, '0')}`;

const issuer = new LocalBotFrameworkIssuer();
const openIdMetadataUrl = await issuer.start();
const fake = new FakeTeams();
await fake.start();
const serviceUrl = fake.serviceUrl();
// One token for the run, as the connector reuses its token for an hour.
const token = issuer.serviceToken(FAKE_APP.id, serviceUrl);

let sequence = 0;
/** A new top-level channel message, signed as the Bot Connector signs its requests. */
function channelMessage(url: string): Request {
  const n = sequence++;
  const id = String(1_772_445_600_000 + n);
  const body = JSON.stringify({
    type: 'message',
    id,
    timestamp: new Date(Date.UTC(2026, 2, 2, 10) + n).toISOString(),
    serviceUrl,
    channelId: 'msteams',
    from: { id: `29:${n % USERS}`, aadObjectId: user(n % USERS) },
    conversation: {
      isGroup: true,
      conversationType: 'channel',
      tenantId: FAKE_TENANT.id,
      id: `19:channel-${n % TEAMS}@thread.tacv2;messageid=${id}`,
    },
    recipient: { id: `28:${FAKE_APP.id}` },
    text: n % 7 === 0 ? 'Any idea?' : 'Shipped it',
    channelData: {
      team: { id: `19:team-${n % TEAMS}@thread.tacv2`, aadGroupId: team(n % TEAMS) },
      tenant: { id: FAKE_TENANT.id },
    },
  });
  return {
    url: `${url}/api/messages`,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body,
  };
}

const dataDir = await mkdtemp(join(tmpdir(), 'steward-bench-teams-'));
const children = [];
try {
  const { store } = await openEmbeddedStore(dataDir);
  const tenant = aTenant({ name: 'Bench' });
  await store.tenants.save(tenant);
  await store.installations.save({
    platform: 'teams',
    workspaceId: FAKE_TENANT.id,
    tenantId: tenant.id,
    enterpriseInstall: false,
    installedAt: new Date(),
    secrets: { serviceUrl },
    revokedAt: null,
  });
  const people = Array.from({ length: USERS }, (_, i) =>
    aPerson(tenant.id, { identities: [{ platform: 'teams', workspaceId: FAKE_TENANT.id, userId: user(i) }] }),
  );
  for (const person of people) await store.people.save(person);
  for (let t = 0; t < TEAMS; t++) {
    await store.groups.save(
      aGroup(tenant.id, [people[t]!.id], {
        platformRef: { platform: 'teams', workspaceId: FAKE_TENANT.id, id: team(t) },
      }),
    );
  }
  await store.close();

  const teams = {
    TEAMS_APP_ID: FAKE_APP.id,
    TEAMS_APP_PASSWORD: FAKE_APP.secret,
    TEAMS_OPENID_METADATA_URL: openIdMetadataUrl,
  };
  const env = {
    STEWARD_DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    STEWARD_DEMO: 'false',
    LOG_LEVEL: 'info',
    TEAMS_TOKEN_URL: fake.tokenUrl,
    TEAMS_GRAPH_URL: fake.graphUrl,
  };
  const ours = await serve(['apps/server/src/main.ts'], { ...env, ...teams }, stewardUrl);
  children.push(ours.child);
  const bare = await serve(['test/bench/bare-teams.ts'], teams, (line) =>
    typeof line['url'] === 'string' ? line['url'] : null,
  );
  children.push(bare.child);

  console.log(`Signed Teams channel messages, ${SECONDS} s per step, ${TEAMS} teams, ${USERS} people`);
  const steward = new LoadTarget(() => channelMessage(ours.url));
  await compare(
    { name: 'bare Teams SDK', target: new LoadTarget(() => channelMessage(bare.url)) },
    { name: 'Group Steward', target: steward },
    RATES,
    SECONDS,
  );

  await drainInbox(ours.url, steward.acknowledged);
  await stop(ours.child);
  const posts = await storedPosts(dataDir, tenant.id);
  console.log(
    `\nstored by Group Steward: ${posts.toLocaleString('en')} messages of ${steward.acknowledged.toLocaleString('en')} acknowledged`,
  );
} finally {
  for (const child of children) await stop(child);
  await fake.stop();
  await issuer.stop();
  await rm(dataDir, { recursive: true, force: true });
}
