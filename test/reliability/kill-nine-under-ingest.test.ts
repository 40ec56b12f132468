// Acknowledged means stored: Group Steward in a process of its own takes events at 300 a second,
// is killed with SIGKILL in the middle, and started again. Every event it answered 200 must then be
// in the store. Run on the embedded PGlite (the default) and on PostgreSQL when TEST_DATABASE_URL
// is set.
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../core/src/ports/store/index.ts';
import { openEmbeddedStore, PostgresStore } from '../../core/src/stores/postgres/index.ts';
import { LocalBotFrameworkIssuer } from '../support/bot-framework-auth.ts';
import { eventually } from '../support/eventually.ts';
import { aGroup, aPerson, aTenant } from '../support/factories.ts';
import { FakeSlack } from '../support/fake-slack/index.ts';
import { FAKE_APP, FakeTeams } from '../support/fake-teams/index.ts';
import { fakeTeamsSettings } from '../support/platform-settings.ts';
import { serve, stewardUrl, stop } from '../support/server-process.ts';
import { SIGNING_SECRET, slackSignature } from '../support/slack-requests.ts';
import { createTemporaryPostgresDatabase, TEST_SECRET_KEYS } from '../support/temporary-postgres.ts';
import { printFigures } from './figures.ts';

/** Events a second, half of them Slack's, half Teams'. */
const RATE = 300;
/** The server is killed once it has answered this many of each platform's, with more on their way. */
const KILL_AFTER = 50;
const MAX_SECONDS = 10;
const PEOPLE = 20;
const SLACK_TEAM = 'T0KILL';
const SLACK_TOKEN = 'xoxb-kill-test';
const SLACK_CHANNEL = 'C0KILL';
const TEAMS_TENANT = '3f2c1a9e-5b7d-4e8f-9a0b-1c2d3e4f5a6b';
const TEAM_ID = '4a5b6c7d-8e9f-4a0b-9c1d-2e3f4a5b6c7d';
const GENERAL = '19:kill-general@thread.tacv2';
const serverUrl = process.env['TEST_DATABASE_URL'];

/** Where the server keeps its data: a folder of its own, or a database of its own. */
interface Database {
  readonly env: Record<string, string>;
  /** The store, opened while the server is down (PGlite has one owner at a time). */
  open(): Promise<{ store: Store; eventIds: () => Promise<Set<string>>; close: () => Promise<void> }>;
  dispose(): Promise<void>;
}

async function embedded(): Promise<Database> {
  const dataDir = await mkdtemp(join(tmpdir(), 'steward-kill-'));
  return {
    env: { STEWARD_DATA_DIR: dataDir },
    async open() {
      const { store, connectionString } = await openEmbeddedStore(dataDir);
      return { store, eventIds: () => eventIdsAt(connectionString), close: () => store.close() };
    },
    dispose: () => rm(dataDir, { recursive: true, force: true }),
  };
}

async function postgres(url: string): Promise<Database> {
  const database = await createTemporaryPostgresDatabase(url);
  return {
    env: { DATABASE_URL: database.url, STEWARD_SECRET_KEYS: TEST_SECRET_KEYS },
    async open() {
      const store = await PostgresStore.open({ connectionString: database.url });
      return { store, eventIds: () => eventIdsAt(database.url), close: () => store.close() };
    },
    dispose: database.drop,
  };
}

async function eventIdsAt(connectionString: string): Promise<Set<string>> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  const { rows } = await client.query<{ id: string }>('SELECT platform_event_id AS id FROM contribution_events');
  await client.end();
  return new Set(rows.map((row) => row.id));
}

/**
 * Sends `RATE` requests a second and kills the server the moment it has answered `KILL_AFTER` of
 * each platform's, with others in flight; returns the ids of the events it answered 200.
 */
async function loadAndKill(
  child: ChildProcess,
  request: (n: number) => { id: string; send: () => Promise<Response> },
): Promise<string[]> {
  const enough = (ids: readonly string[]) => slackIds(ids).length >= KILL_AFTER && teamsIds(ids).length >= KILL_AFTER;
  const acknowledged: string[] = [];
  let killed: Promise<void> | null = null;
  const began = performance.now();
  const sent: Promise<void>[] = [];
  for (let n = 0; killed === null && n < RATE * MAX_SECONDS; n++) {
    const wait = began + (n * 1000) / RATE - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    const { id, send } = request(n);
    const answered = send().then(
      (response) => {
        if (response.status !== 200) return;
        acknowledged.push(id);
        if (killed === null && enough(acknowledged)) killed = stop(child, 'SIGKILL');
      },
      () => undefined,
    );
    sent.push(answered);
  }
  await Promise.all(sent);
  await killed;
  return [...acknowledged];
}

const slackIds = (ids: readonly string[]) => ids.filter((id) => id.startsWith('Ev'));
const teamsIds = (ids: readonly string[]) => ids.filter((id) => id.startsWith('message:'));

/** Starts the server again and waits until its inbox is empty, then stops it cleanly. */
async function restartAndDrain(env: Record<string, string>): Promise<void> {
  const { url, child } = await serve(['apps/server/src/main.ts'], env, stewardUrl);
  try {
    await eventually(async () => {
      const health = (await (await fetch(`${url}/healthz`)).json()) as { inbox: { pending: number; parked: number } };
      expect(health.inbox).toEqual({ pending: 0, parked: 0 });
    }, 180_000);
  } finally {
    await stop(child);
  }
}

const databases: [string, () => Promise<Database>][] = [
  ['embedded PGlite', embedded],
  ...(serverUrl ? [['PostgreSQL', () => postgres(serverUrl)] as [string, () => Promise<Database>]] : []),
];

describe.each(databases)('kill -9 under load, on %s', (databaseName, makeDatabase) => {
  const fakeSlack = new FakeSlack();
  const fakeTeams = new FakeTeams();
  const issuer = new LocalBotFrameworkIssuer();
  let openIdMetadataUrl: string;

  beforeAll(async () => {
    await fakeSlack.start();
    fakeSlack.addWorkspace({ id: SLACK_TEAM, token: SLACK_TOKEN });
    await fakeTeams.start();
    fakeTeams.addTenant({ id: TEAMS_TENANT, permissions: null });
    openIdMetadataUrl = await issuer.start();
  });
  afterAll(async () => {
    await fakeSlack.stop();
    await fakeTeams.stop();
    await issuer.stop();
  });

  /** A tenant per platform, whose workspace, group and people the events name: each event is a post. */
  async function seed(database: Database): Promise<void> {
    const { store, close } = await database.open();
    for (const platform of ['slack', 'teams'] as const) {
      const tenant = aTenant();
      await store.tenants.save(tenant);
      const workspaceId = platform === 'slack' ? SLACK_TEAM : TEAMS_TENANT;
      const secrets = platform === 'slack' ? {} : { serviceUrl: fakeTeams.serviceUrl() };
      await store.installations.save({
        platform,
        workspaceId,
        tenantId: tenant.id,
        enterpriseInstall: false,
        installedAt: new Date(),
        secrets,
        revokedAt: null,
      });
      const people = Array.from({ length: PEOPLE }, (_, i) =>
        aPerson(tenant.id, { identities: [{ platform, workspaceId, userId: userId(platform, i) }] }),
      );
      for (const person of people) await store.people.save(person);
      const groupId = platform === 'slack' ? SLACK_CHANNEL : TEAM_ID;
      await store.groups.save(
        aGroup(tenant.id, [people[0]!.id], { platformRef: { platform, workspaceId, id: groupId } }),
      );
    }
    await close();
  }

  const userId = (platform: 'slack' | 'teams', i: number) =>
    platform === 'slack' ? `U0KILL${i}` : `aaaaaaaa-0000-4000-8000-${String(i).padStart(12, '0')}`;

  /** A new message, every other one on Slack (signed as Slack signs) and on Teams (with a Bot Framework token). */
  function message(url: string, n: number): { id: string; send: () => Promise<Response> } {
    if (n % 2 === 0) {
      const eventId = `Ev0KILL${n}`;
      const ts = (1_772_445_600 + n / 1000).toFixed(6);
      const body = JSON.stringify({
        team_id: SLACK_TEAM,
        api_app_id: 'A0KILL',
        type: 'event_callback',
        event_id: eventId,
        event_time: Math.floor(Number(ts)),
        event: {
          type: 'message',
          channel: SLACK_CHANNEL,
          user: userId('slack', n % PEOPLE),
          text: 'Shipped it',
          ts,
          team: SLACK_TEAM,
          channel_type: 'channel',
        },
      });
      const timestamp = Math.floor(Date.now() / 1000);
      const headers = {
        'content-type': 'application/json',
        'x-slack-request-timestamp': String(timestamp),
        'x-slack-signature': slackSignature(body, timestamp),
      };
      return { id: eventId, send: () => fetch(`${url}/slack/events`, { method: 'POST', headers, body }) };
    }
    const id = String(1_772_445_600_000 + n);
    const serviceUrl = fakeTeams.serviceUrl();
    // A channel message as Teams sends it with ChannelMessage.Read.Group (test/fixtures/teams' shape).
    const body = JSON.stringify({
      type: 'message',
      id,
      timestamp: new Date(Number(id)).toISOString(),
      serviceUrl,
      channelId: 'msteams',
      from: { id: `29:${n % PEOPLE}`, aadObjectId: userId('teams', n % PEOPLE) },
      conversation: {
        isGroup: true,
        conversationType: 'channel',
        tenantId: TEAMS_TENANT,
        id: `${GENERAL};messageid=${id}`,
      },
      recipient: { id: `28:${FAKE_APP.id}` },
      text: 'Shipped it',
      channelData: {
        team: { id: GENERAL, aadGroupId: TEAM_ID },
        channel: { id: GENERAL },
        tenant: { id: TEAMS_TENANT },
      },
    });
    const headers = {
      'content-type': 'application/json',
      authorization: `Bearer ${issuer.serviceToken(FAKE_APP.id, serviceUrl)}`,
    };
    return {
      id: `message:${GENERAL}:${id}`,
      send: () => fetch(`${url}/api/messages`, { method: 'POST', headers, body }),
    };
  }

  it('stores every Slack event and Teams activity it answered 200', async () => {
    const began = performance.now();
    const database = await makeDatabase();
    try {
      await seed(database);
      const env = {
        ...database.env,
        PORT: '0',
        HOST: '127.0.0.1',
        STEWARD_DEMO: 'false',
        LOG_LEVEL: 'info',
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_BOT_TOKEN: SLACK_TOKEN,
        SLACK_API_URL: fakeSlack.url,
        ...fakeTeamsSettings(fakeTeams, openIdMetadataUrl),
      };
      const { url, child } = await serve(['apps/server/src/main.ts'], env, stewardUrl);
      const acknowledged = await loadAndKill(child, (n) => message(url, n));
      await restartAndDrain(env);

      const { eventIds, close } = await database.open();
      const stored = await eventIds();
      await close();
      const lost = acknowledged.filter((id) => !stored.has(id));
      printFigures(`kill -9 under ingest load (${databaseName})`, [
        { name: 'rate', value: `${RATE} events/s, half Slack, half Teams` },
        {
          name: 'acknowledged (200) Slack / Teams',
          value: `${slackIds(acknowledged).length} / ${teamsIds(acknowledged).length}`,
          expected: `≥ ${KILL_AFTER} each`,
        },
        { name: 'acknowledged then lost', value: lost.length, expected: '0' },
        { name: 'wall time', value: `${Math.round((performance.now() - began) / 1000)} s` },
      ]);
      expect(slackIds(acknowledged).length).toBeGreaterThanOrEqual(KILL_AFTER);
      expect(teamsIds(acknowledged).length).toBeGreaterThanOrEqual(KILL_AFTER);
      expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
    } finally {
      await database.dispose();
    }
  }, 400_000);
});
