// Reliability: 100 membership requests, each decided at the same moment by two of its owners, one
// approving and one denying, through signed HTTP on the edge of the group's platform: half the
// pairs race on Slack (a button and a modal), half on Teams (two Action.Execute). Exactly one decision each, no requester invited twice (the
// fakes count conversations.invite and Graph's add-member calls), and the loser told it was already
// decided. On PostgreSQL when TEST_DATABASE_URL is set, else on embedded PGlite: run it both ways.
import { afterAll, beforeAll, describe, it } from 'vitest';
import { loadConfig } from '../../apps/server/src/config.ts';
import { createLogger } from '../../apps/server/src/logger.ts';
import { type RunningSteward, startSteward } from '../../apps/server/src/steward.ts';
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
import { aServerDatabase, type ServerDatabase } from '../support/server-database.ts';
import { printFigures } from './figures.ts';

const PAIRS = Number(process.env['RACE_PAIRS'] ?? 100);
const serverUrl = process.env['TEST_DATABASE_URL'];

describe(`100 racing approve/deny pairs through both edges (${serverUrl ? 'PostgreSQL' : 'embedded PGlite'})`, () => {
  const slack = new FakeSlack(RACE_SLACK_OPTIONS);
  const teams = new FakeTeams(RACE_TEAMS_OPTIONS);
  const issuer = new LocalBotFrameworkIssuer();
  let database: ServerDatabase;
  let steward: RunningSteward;

  beforeAll(async () => {
    const openIdMetadataUrl = await issuer.start();
    await slack.start();
    await teams.start();
    seedRaceFakes(slack, teams, PAIRS);
    database = await aServerDatabase('steward-race-');
    const config = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      STEWARD_DEMO: 'false',
      ...database.env,
      ...fakeSlackSettings(slack, RACE_SLACK_TOKEN),
      ...fakeTeamsSettings(teams, openIdMetadataUrl),
    });
    steward = await startSteward(config, createLogger('silent', false));
  }, 120_000);

  afterAll(async () => {
    await steward?.stop();
    await database?.drop();
    await slack.stop();
    await teams.stop();
    await issuer.stop();
  });

  it('decides each request once, invites no one twice and tells every loser', async () => {
    const started = performance.now();
    const world = await seedRace(steward.store, PAIRS, teams.serviceUrl());
    const answers = await race([steward.url], { slack, issuer, serviceUrl: teams.serviceUrl() }, world);
    const figures = await raceFigures(steward.store, { slack, teams }, answers);
    printFigures(
      `racing approve/deny pairs (${serverUrl ? 'PostgreSQL' : 'PGlite'})`,
      raceFigureList(figures, (performance.now() - started) / 1000),
    );

    expectRaceHeld(figures);
  }, 500_000);
});
