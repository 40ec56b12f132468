import { type Config, loadConfig } from '../../apps/server/src/config.ts';
import type { Store } from '../../core/src/index.ts';
import type { LocalBotFrameworkIssuer } from './bot-framework-auth.ts';
import { postToTeamsEndpoint, teamsFixture } from './fake-platforms.ts';
import type { FakeSlack, SeedChannel, SeedUser as SlackUser } from './fake-slack/index.ts';
import {
  FAKE_APP,
  FAKE_TENANT,
  type FakeTeams,
  type SeedTeam,
  type SeedUser as TeamsUser,
} from './fake-teams/index.ts';
import { fakeSlackSettings, fakeTeamsSettings } from './platform-settings.ts';
import { aServerDatabase } from './server-database.ts';
import { placeholders, RECORDED_GENERAL_CHANNEL, type TeamsFixtureName } from './teams-activities.ts';

/**
 * A company as the end-to-end tests of the server stage it on both fakes: one Slack workspace with
 * a channel the app is in, and one Entra tenant (FAKE_TENANT) with a team.
 */
export interface CompanyOnBothFakes {
  readonly slack: {
    readonly workspace: string;
    readonly token: string;
    /** Its people; the app's bot user is added beside them. */
    readonly people: readonly SlackUser[];
    /** The channel; by default #design (C0DESIGN), made by the first person, everyone in it, the app too. */
    readonly channel?: SeedChannel;
  };
  readonly teams: {
    readonly people: readonly Omit<TeamsUser, 'tenantId'>[];
    /** The team; named Research, with the General channel of the recordings (test/fixtures/teams), unless said. */
    readonly team: Omit<SeedTeam, 'tenantId' | 'displayName'> & { readonly displayName?: string };
  };
  /** Names the embedded data folder (PGlite); with TEST_DATABASE_URL a temporary PostgreSQL database is made instead. */
  readonly databasePrefix: string;
  /** What the administrator configures beyond the fakes (organisation, community managers). */
  readonly settings?: Readonly<Record<string, string>>;
}

/** The staged company: the server's configuration on it, and how a test speaks to it as Teams does. */
export interface StagedCompany {
  readonly config: Config;
  /** The fake Bot Connector's service URL. */
  readonly serviceUrl: string;
  /** Opens the server's store from the test while the server is stopped. */
  readonly openStore: () => Promise<Store>;
  /** A recorded activity (test/fixtures/teams) from the company's team, as the JSON body to post. */
  teamsActivity(name: TeamsFixtureName, fill?: Readonly<Record<string, string>>): string;
  /** POSTs a body to the server's Teams endpoint with the Bot Connector's token. */
  postToTeams(url: string, body: string): Promise<Response>;
  /** Drops the database and stops the fakes and the token issuer. */
  stop(): Promise<void>;
}

/** Starts the fakes and the token issuer, seeds them with the company, and makes the server's database and configuration. */
export async function stageCompanyOnBothFakes(
  fakes: { readonly slack: FakeSlack; readonly teams: FakeTeams; readonly issuer: LocalBotFrameworkIssuer },
  company: CompanyOnBothFakes,
): Promise<StagedCompany> {
  const { slack, teams, issuer } = fakes;
  await slack.start();
  slack.addWorkspace({ id: company.slack.workspace, token: company.slack.token });
  slack.addUser({ id: slack.botUserId, realName: 'Group Steward', isBot: true });
  for (const person of company.slack.people) slack.addUser(person);
  const people = company.slack.people;
  slack.addChannel(
    company.slack.channel ?? {
      id: 'C0DESIGN',
      name: 'design',
      creator: people[0]?.id,
      members: people.map((person) => person.id),
      botIsMember: true,
    },
  );

  const tenantId = FAKE_TENANT.id;
  const openIdMetadataUrl = await issuer.start();
  await teams.start();
  const serviceUrl = teams.serviceUrl();
  teams.addTenant({ id: tenantId, permissions: null });
  for (const person of company.teams.people) teams.addUser({ ...person, tenantId });
  teams.addTeam({
    displayName: 'Research',
    channels: [{ id: RECORDED_GENERAL_CHANNEL, displayName: 'General' }],
    ...company.teams.team,
    tenantId,
  });

  const database = await aServerDatabase(company.databasePrefix);
  const config = loadConfig({
    ...database.env,
    PORT: '0',
    HOST: '127.0.0.1',
    STEWARD_DEMO: 'false',
    ...company.settings,
    ...fakeSlackSettings(slack, company.slack.token),
    ...fakeTeamsSettings(teams, openIdMetadataUrl),
  });
  const fromTheTeam = placeholders({ tenantId, teamId: company.teams.team.id, serviceUrl, appId: FAKE_APP.id });
  return {
    config,
    serviceUrl,
    openStore: database.openStore,
    teamsActivity: (name, fill = {}) => teamsFixture(name, { ...fromTheTeam, ...fill }),
    postToTeams: (url, body) => postToTeamsEndpoint(url, issuer, serviceUrl, body),
    stop: async () => {
      await database.drop();
      await slack.stop();
      await teams.stop();
      await issuer.stop();
    },
  };
}
