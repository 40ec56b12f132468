// Weekly cards survive crashed workers: two worker processes (STEWARD_ROLE=worker) on one
// PostgreSQL deliver 5 weeks of cards to 1,000 owners (Slack and Teams) through the fakes, and both
// are killed with SIGKILL twice, each time the instant a platform has taken a card and before the
// worker can mark it sent. Every card must arrive once: counted per dedupe key at the fakes.
// Two processes share one database, so this runs only with TEST_DATABASE_URL (set in CI).
import type { ChildProcess } from 'node:child_process';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Card, enqueueAll, type OutboxOperation, type Platform, systemClock } from '../../core/src/index.ts';
import { PostgresStore } from '../../core/src/stores/postgres/index.ts';
import { LocalBotFrameworkIssuer } from '../support/bot-framework-auth.ts';
import { eventually } from '../support/eventually.ts';
import { anInstallation, aTenant } from '../support/factories.ts';
import { FakeSlack } from '../support/fake-slack/index.ts';
import { FAKE_TENANT, FakeTeams } from '../support/fake-teams/index.ts';
import { fakeSlackSettings, fakeTeamsSettings } from '../support/platform-settings.ts';
import { serve, stewardUrl, stop } from '../support/server-process.ts';
import { createTemporaryPostgresDatabase, TEST_SECRET_KEYS } from '../support/temporary-postgres.ts';
import { printFigures } from './figures.ts';

const WEEKS = 5;
const SLACK_OWNERS = 200;
const TEAMS_OWNERS = 800;
/** Weeks in which both workers are killed: the first on a Slack card taken, the second on a Teams one. */
const KILLS: ReadonlyMap<number, Platform> = new Map([
  [2, 'slack'],
  [4, 'teams'],
]);
/** The next week is enqueued once this share of the last has arrived (a killed worker's claims wait out their lock). */
const NEXT_WEEK_AT = 0.8;
const WORKSPACE = { id: 'T0WEEKS', token: 'xoxb-weeks' };
const slackOwners = Array.from({ length: SLACK_OWNERS }, (_, n) => `U0W${String(n).padStart(4, '0')}`);
const teamsOwners = Array.from(
  { length: TEAMS_OWNERS },
  (_, n) => `c0000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
);
const serverUrl = process.env['TEST_DATABASE_URL'];
if (!serverUrl)
  console.warn(
    '[reliability] SKIPPED "weekly cards through kill -9 of 2 workers": it needs TEST_DATABASE_URL (two processes, one database)',
  );

const weekOf = (text: string) => Number(/\[week (\d+)\]/.exec(text)?.[1] ?? NaN);
const card = (week: number, owner: string): Card => {
  const title = `[week ${week}] Your weekly hour, ${owner}`;
  return { locale: 'en', title, summary: title, blocks: [{ kind: 'text', text: title }] };
};

/** Calls `listener` with each call the fake records, as it records it (before it answers). */
function watch<T>(calls: T[], listener: (call: T) => void): void {
  const push = calls.push.bind(calls);
  calls.push = (...items: T[]) => {
    const length = push(...items);
    for (const item of items) listener(item);
    return length;
  };
}

describe.skipIf(!serverUrl)('weekly cards through kill -9 of 2 workers', () => {
  const slack = new FakeSlack({ workspaces: [{ ...WORKSPACE, scopes: null }] });
  const teams = new FakeTeams();
  const issuer = new LocalBotFrameworkIssuer();
  let database: { url: string; drop: () => Promise<void> };
  let env: Record<string, string>;

  beforeAll(async () => {
    await Promise.all([slack.start(), teams.start()]);
    const openIdMetadataUrl = await issuer.start();
    for (const id of slackOwners) slack.addUser({ id, realName: id });
    for (const [n, id] of teamsOwners.entries())
      teams.addUser({ id, tenantId: FAKE_TENANT.id, displayName: `Owner ${n}` });
    database = await createTemporaryPostgresDatabase(serverUrl!);
    env = {
      DATABASE_URL: database.url,
      STEWARD_SECRET_KEYS: TEST_SECRET_KEYS,
      STEWARD_ROLE: 'worker',
      STEWARD_DEMO: 'false',
      PORT: '0',
      HOST: '127.0.0.1',
      // The start line that says where it listens is at info.
      LOG_LEVEL: 'info',
      ...fakeSlackSettings(slack, WORKSPACE.token),
      ...fakeTeamsSettings(teams, openIdMetadataUrl),
    };
  });
  afterAll(async () => {
    await database?.drop();
    await Promise.all([slack.stop(), teams.stop(), issuer.stop()]);
  });

  /** Slack cards by dedupe key, as posted (each message carries its key in metadata). */
  const slackCards = () => slack.messages.map((message) => String(message.metadata?.event_payload['dedupe_key']));
  /** Teams cards by dedupe key, from the card each activity carries (read once per activity: this is polled). */
  const teamsKeys = new WeakMap<object, string>();
  const teamsCards = () =>
    teamsOwners.flatMap((owner) =>
      (teams.conversationWith(owner)?.activities ?? []).map((activity) => {
        const key = teamsKeys.get(activity) ?? `weekly:${owner}:${weekOf(JSON.stringify(activity.body))}`;
        teamsKeys.set(activity, key);
        return key;
      }),
    );
  const delivered = (week: number) =>
    [...slackCards(), ...teamsCards()].filter((key) => key.endsWith(`:${week}`)).length;

  // About 8 minutes: Slack takes 300 cards a minute per workspace, and a killed worker's claims wait out their 2-minute lock.
  it('delivers every card once on Slack; Teams cannot read a chat back, so what was in the window is sent again', {
    timeout: 900_000,
  }, async () => {
    const began = performance.now();
    const store = await PostgresStore.open({ connectionString: database.url });
    const tenant = aTenant();
    await store.tenants.save(tenant);
    await store.installations.save(anInstallation(tenant.id, 'slack', WORKSPACE.id, new Date()));
    await store.installations.save({
      platform: 'teams',
      workspaceId: FAKE_TENANT.id,
      tenantId: tenant.id,
      enterpriseInstall: false,
      installedAt: new Date(),
      secrets: { serviceUrl: teams.serviceUrl() },
      revokedAt: null,
    });

    const start = () => serve(['apps/server/src/main.ts'], env, stewardUrl).then(({ child }) => child);
    let workers: ChildProcess[] = [await start(), await start()];
    const kills: Promise<void>[] = [];
    let killOn: { platform: Platform; week: number } | null = null;
    const killBoth = () => {
      killOn = null;
      const dying = workers;
      kills.push(
        Promise.all(dying.map((child) => stop(child, 'SIGKILL'))).then(async () => {
          workers = [await start(), await start()];
        }),
      );
    };
    // The instant a platform takes a card of the week chosen, before its answer leaves the fake.
    watch(slack.calls, (call) => {
      if (killOn?.platform === 'slack' && call.method === 'chat.postMessage' && call.outcome === 'ok') killBoth();
    });
    watch(teams.calls, (call) => {
      if (killOn?.platform === 'teams' && call.operation === 'sendActivity' && call.status >= 200 && call.status < 300)
        killBoth();
    });

    try {
      for (let week = 1; week <= WEEKS; week++) {
        await enqueueAll({ store, clock: systemClock }, tenant.id, weekCalls(week));
        const killPlatform = KILLS.get(week);
        if (killPlatform) {
          // A third of the way through the week, so that both workers hold claims.
          await eventually(() => expect(delivered(week)).toBeGreaterThan((SLACK_OWNERS + TEAMS_OWNERS) / 3), 120_000);
          killOn = { platform: killPlatform, week };
          await eventually(() => expect(killOn).toBeNull(), 60_000);
        }
        await eventually(
          () => expect(delivered(week)).toBeGreaterThanOrEqual(NEXT_WEEK_AT * (SLACK_OWNERS + TEAMS_OWNERS)),
          300_000,
        );
      }
      await Promise.all(kills);
      // Every card of every week, the killed workers' claims taken again once their locks ran out.
      await eventually(
        () => expect(new Set([...slackCards(), ...teamsCards()]).size).toBe(WEEKS * (SLACK_OWNERS + TEAMS_OWNERS)),
        420_000,
      );
      // Anything sent twice would come now.
      await new Promise((resolve) => setTimeout(resolve, 5_000));
    } finally {
      await Promise.all(kills);
      await Promise.all(workers.map((child) => stop(child)));
    }

    const outbox = await outboxFigures(database.url);
    await store.close();
    const expected = [
      ...slackOwners.flatMap((owner) => weeks().map((week) => `weekly:${owner}:${week}`)),
      ...teamsOwners.flatMap((owner) => weeks().map((week) => `weekly:${owner}:${week}`)),
    ];
    const slackDuplicates = slackCards().length - new Set(slackCards()).size;
    const teamsDuplicates = teamsCards().length - new Set(teamsCards()).size;
    const all = new Set([...slackCards(), ...teamsCards()]);
    const missing = expected.filter((key) => !all.has(key)).length;
    printFigures('weekly cards through kill -9 of 2 workers (PostgreSQL, 2 worker processes)', [
      { name: 'owners (Slack + Teams)', value: `${SLACK_OWNERS + TEAMS_OWNERS} (${SLACK_OWNERS} + ${TEAMS_OWNERS})` },
      { name: 'weeks', value: WEEKS },
      { name: 'kill -9 of both workers', value: `${KILLS.size} (on a Slack card taken, on a Teams card taken)` },
      { name: 'cards expected', value: expected.length },
      { name: 'missing', value: missing, expected: '0' },
      { name: 'duplicates on Slack', value: slackDuplicates, expected: '0' },
      {
        name: 'Slack cards claimed again after a kill (looked up first)',
        value: outbox.slackClaimedAgain,
        expected: '≥ 1',
      },
      { name: 'duplicates on Teams (window open)', value: teamsDuplicates, expected: '≤ claims in flight' },
      {
        name: 'outbox sent / pending / failed',
        value: `${outbox.sent} / ${outbox.pending} / ${outbox.failed}`,
        expected: `${expected.length} / 0 / 0`,
      },
      { name: 'wall time', value: `${Math.round((performance.now() - began) / 1000)} s` },
    ]);

    expect(missing).toBe(0);
    expect(slackDuplicates).toBe(0);
    expect(outbox.slackClaimedAgain).toBeGreaterThanOrEqual(1);
    // Teams: at most the cards both killed workers held at that moment (one claim batch per lane each).
    expect(teamsDuplicates).toBeLessThanOrEqual(2 * 50);
    expect(outbox).toMatchObject({ sent: expected.length, pending: 0, failed: 0 });
  });

  function weekCalls(week: number): { platform: Platform; call: OutboxOperation; dedupeKey: string }[] {
    const to = (platform: Platform, workspaceId: string, userId: string) => ({
      platform,
      call: {
        operation: 'send_card',
        payload: { to: { platform, workspaceId, userId }, card: card(week, userId) },
      } as OutboxOperation,
      dedupeKey: `weekly:${userId}:${week}`,
    });
    return [
      ...slackOwners.map((owner) => to('slack', WORKSPACE.id, owner)),
      ...teamsOwners.map((owner) => to('teams', FAKE_TENANT.id, owner)),
    ];
  }
});

const weeks = () => Array.from({ length: WEEKS }, (_, n) => n + 1);

/** The outbox's end state, and how many Slack cards a killed worker held (claimed again, so looked up first). */
async function outboxFigures(
  url: string,
): Promise<{ sent: number; pending: number; failed: number; slackClaimedAgain: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ status: string; count: string }>(
      'SELECT status, count(*) AS count FROM outbox GROUP BY status',
    );
    const count = (status: string) => Number(rows.find((row) => row.status === status)?.count ?? 0);
    const again = await client.query<{ count: string }>(
      "SELECT count(*) AS count FROM outbox WHERE platform = 'slack' AND attempts > 1",
    );
    return {
      sent: count('sent'),
      pending: count('pending'),
      failed: count('failed'),
      slackClaimedAgain: Number(again.rows[0]?.count ?? 0),
    };
  } finally {
    await client.end();
  }
}
