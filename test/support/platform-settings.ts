import type { FakeSlack } from './fake-slack/index.ts';
import { FAKE_APP, type FakeTeams } from './fake-teams/index.ts';
import { SIGNING_SECRET } from './slack-requests.ts';

/** The settings (as `loadConfig` reads them) of a server whose Slack is the fake, with this bot token. */
export function fakeSlackSettings(slack: FakeSlack, botToken: string): Record<string, string> {
  return { SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: botToken, SLACK_API_URL: slack.url };
}

/** The settings of a server whose Bot Connector and Graph are the fake, its tokens checked against `openIdMetadataUrl`. */
export function fakeTeamsSettings(teams: FakeTeams, openIdMetadataUrl: string): Record<string, string> {
  return {
    TEAMS_APP_ID: FAKE_APP.id,
    TEAMS_APP_PASSWORD: FAKE_APP.secret,
    TEAMS_OPENID_METADATA_URL: openIdMetadataUrl,
    TEAMS_TOKEN_URL: teams.tokenUrl,
    TEAMS_GRAPH_URL: teams.graphUrl,
  };
}
