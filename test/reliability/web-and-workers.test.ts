// Reliability: 2 web and 2 worker processes (STEWARD_ROLE=web|worker) on one PostgreSQL, the web ones
// behind a round-robin of requests (test/support/round-robin-proxy.ts). The 100 racing approve/deny
// pairs of racing-pairs.test.ts go through the round-robin — the two decisions of a pair reach
// different web processes — and the workers deliver what they decided: still exactly one decision
// each, no requester invited twice, every loser told. PostgreSQL only: an embedded store has one
// process at a time. Skipped by name, loudly, without TEST_DATABASE_URL (it is set in CI).
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { PostgresStore } from '../../core/src/stores/postgres/index.ts';
import { LocalBotFrameworkIssuer } from '../support/bot-framework-auth.ts';
import { FakeSlack } from '../support/fake-slack/index.ts';
import { FakeTeams } from '../support/fake-teams/index.ts';
import { fakeSlackSettings, fakeTeamsSettings } from '../support/platform-settings.ts';
import {
  expectRaceHeld,
  RACE_SLACK_OPTIONS,
  RACE_SLACK_TOKEN,
  RACE_TEAMS_OPTIONS,
  race,
  raceFigureList,
  raceFigures,
  seedRace,
  seedRaceFakes,
} from '../support/racing-pairs.ts';
import { startRoundRobinProxy } from '../support/round-robin-proxy.ts';
import { serve, stewardUrl, stop } from '../support/server-process.ts';
import { createTemporaryPostgresDatabase, TEST_SECRET_KEYS } from '../support/temporary-postgres.ts';
import { printFigures } from './figures.ts';

const PAIRS = 100;
const serverUrl = process.env['TEST_DATABASE_URL'];
if (!serverUrl)
  console.warn(
    '\n[reliability] SKIPPED "2 web and 2 worker processes on one PostgreSQL": TEST_DATABASE_URL is not set\n',
  );

describe.skipIf(!serverUrl)(
  '2 web and 2 worker processes on one PostgreSQL behind a round-robin (PostgreSQL only)',
  () => {
    const slack = new FakeSlack(RACE_SLACK_OPTIONS);
    const teams = new FakeTeams(RACE_TEAMS_OPTIONS);
    const issuer = new LocalBotFrameworkIssuer();
    const children: ChildProcess[] = [];
    let store: PostgresStore;
    let drop: () => Promise<void>;
    let proxy: { url: string; close: () => Promise<void> };

    beforeAll(async () => {
      const openIdMetadataUrl = await issuer.start();
      await slack.start();
      await teams.start();
      seedRaceFakes(slack, teams, PAIRS);
      const database = await createTemporaryPostgresDatabase(serverUrl!);
      drop = database.drop;
      const env = {
        DATABASE_URL: database.url,
        STEWARD_SECRET_KEYS: TEST_SECRET_KEYS,
        PORT: '0',
        HOST: '127.0.0.1',
        STEWARD_DEMO: 'false',
        LOG_LEVEL: 'info',
        ...fakeSlackSettings(slack, RACE_SLACK_TOKEN),
        ...fakeTeamsSettings(teams, openIdMetadataUrl),
      };
      // One first, so that the migrations run once; then the three others together.
      const first = await serve(['apps/server/src/main.ts'], { ...env, STEWARD_ROLE: 'web' }, stewardUrl);
      children.push(first.child);
      const others = await Promise.all(
        (['web', 'worker', 'worker'] as const).map((role) =>
          serve(['apps/server/src/main.ts'], { ...env, STEWARD_ROLE: role }, stewardUrl),
        ),
      );
      children.push(...others.map(({ child }) => child));
      proxy = await startRoundRobinProxy([first.url, others[0]!.url]);
      store = await PostgresStore.open({ connectionString: database.url });
    }, 180_000);

    afterAll(async () => {
      await proxy?.close();
      for (const child of children) await stop(child);
      await store?.close();
      await drop?.();
      await slack.stop();
      await teams.stop();
      await issuer.stop();
    });

    it('decides each racing pair once, invites no one twice and tells every loser, across processes', async () => {
      const started = performance.now();
      const world = await seedRace(store, PAIRS, teams.serviceUrl());
      // Each pair's two decisions go through the round-robin one after the other: two web processes.
      const answers = await race([proxy.url], { slack, issuer, serviceUrl: teams.serviceUrl() }, world);
      const figures = await raceFigures(store, { slack, teams }, answers);
      printFigures(
        'racing pairs on 2 web + 2 worker processes (PostgreSQL)',
        raceFigureList(figures, (performance.now() - started) / 1000),
      );
      expectRaceHeld(figures);
    }, 600_000);
  },
);
