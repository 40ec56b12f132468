// Reliability: 2 web and 2 worker processes (STEWARD_ROLE=web|worker) on one PostgreSQL, the web ones
// behind a round-robin of requests (test/support/round-robin-proxy.ts). The 100 racing approve/deny
// pairs of racing-pairs.test.ts go through the round-robin — the two decisions of a pair reach
// different web processes — and the workers deliver what they decided: still exactly one decision
// each, no requester invited twice, every loser told. Then one week's cards to 300 owners, enqueued
// as the weekly job does (one write for all), go out through the two workers' outbox lanes: each
// card once, none missing. PostgreSQL only: an embedded store has one process at a time. Skipped by name, loudly, without TEST_DATABASE_URL (it is set in CI).
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Card, enqueueAll, systemClock } from '../../core/src/index.ts';
import { PostgresStore } from '../../core/src/stores/postgres/index.ts';
import { LocalBotFrameworkIssuer } from '../support/bot-framework-auth.ts';
import { eventually } from '../support/eventually.ts';
import { FakeSlack } from '../support/fake-slack/index.ts';
import { FakeTeams } from '../support/fake-teams/index.ts';
import { fakeSlackSettings, fakeTeamsSettings } from '../support/platform-settings.ts';
import {
  expectRaceHeld,
  RACE_SLACK_OPTIONS,
  RACE_SLACK_TEAM,
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
const CARD_OWNERS = Array.from({ length: 300 }, (_, n) => `U0CARD${String(n).padStart(4, '0')}`);
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
      for (const id of CARD_OWNERS) slack.addUser({ id, realName: `Card Owner ${id}` });
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

    it('delivers one week’s cards through both workers: each once, none missing', async () => {
      const started = performance.now();
      const installation = await eventually(async () => {
        const found = await store.installations.find('slack', RACE_SLACK_TEAM);
        if (!found) throw new Error('the Slack workspace is not installed yet');
        return found;
      }, 15_000);
      const week = '2026-W50';
      const card = (owner: string): Card => {
        const title = `Your weekly hour, ${owner}`;
        return { locale: 'en', title, summary: title, blocks: [{ kind: 'text', text: title }] };
      };
      const keyOf = (owner: string) => `weekly:${owner}:${week}`;
      await enqueueAll(
        { store, clock: systemClock },
        installation.tenantId,
        CARD_OWNERS.map((owner) => ({
          platform: 'slack' as const,
          call: {
            operation: 'send_card' as const,
            payload: {
              to: { platform: 'slack' as const, workspaceId: RACE_SLACK_TEAM, userId: owner },
              card: card(owner),
            },
          },
          dedupeKey: keyOf(owner),
        })),
      );
      // Each card carries its dedupe key in Slack's message metadata: counted per key at the fake.
      const delivered = () =>
        slack.messages
          .map((message) => String(message.metadata?.event_payload['dedupe_key'] ?? ''))
          .filter((key) => key.endsWith(`:${week}`));
      await eventually(() => expect(new Set(delivered()).size).toBe(CARD_OWNERS.length), 300_000).catch(() => {});
      // Anything sent twice would come now.
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      const sent = delivered();
      const missing = CARD_OWNERS.filter((owner) => !sent.includes(keyOf(owner))).length;
      const duplicates = sent.length - new Set(sent).size;
      const outbox = await store.outbox.listByDedupeKeys(installation.tenantId, CARD_OWNERS.map(keyOf));
      const notSent = outbox.filter((message) => message.status !== 'sent').length;
      printFigures('one week of cards on 2 worker processes (PostgreSQL, fake Slack)', [
        { name: 'owners', value: CARD_OWNERS.length },
        { name: 'cards delivered', value: sent.length, expected: String(CARD_OWNERS.length) },
        { name: 'missing', value: missing, expected: '0' },
        { name: 'duplicates', value: duplicates, expected: '0' },
        { name: 'outbox messages not marked sent', value: notSent, expected: '0' },
        { name: 'wall time (s)', value: ((performance.now() - started) / 1000).toFixed(1) },
      ]);
      expect({ missing, duplicates, notSent, delivered: sent.length }).toEqual({
        missing: 0,
        duplicates: 0,
        notSent: 0,
        delivered: CARD_OWNERS.length,
      });
    }, 600_000);
  },
);
