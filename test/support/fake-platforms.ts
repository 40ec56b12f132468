import { renderCard } from '../../apps/slack/src/render/block-kit.ts';
import { SlackPlatform } from '../../apps/slack/src/web/slack-platform.ts';
import { renderAdaptiveCard } from '../../apps/teams/src/render/adaptive-card.ts';
import { TeamsPlatform } from '../../apps/teams/src/web/teams-platform.ts';
import type { Store } from '../../core/src/index.ts';
import type { LocalBotFrameworkIssuer } from './bot-framework-auth.ts';
import type { FakeSlack } from './fake-slack/index.ts';
import { FAKE_APP, type FakeTeams } from './fake-teams/index.ts';
import { type TeamsFixtureName, teamsActivity } from './teams-activities.ts';

/** The outbox's ways to both fakes, built as the server builds them, for a test that drives the core on its own clock. */
export function platformsOnFakes(options: {
  slack: FakeSlack;
  slackToken: string;
  teams: FakeTeams;
  serviceUrl: string;
  store: Store;
}) {
  const { slack, slackToken, teams, serviceUrl, store } = options;
  return {
    slack: new SlackPlatform({ tokenFor: async () => slackToken, apiUrl: slack.url, render: renderCard }),
    teams: new TeamsPlatform({
      appId: FAKE_APP.id,
      appPassword: FAKE_APP.secret,
      tokenUrl: teams.tokenUrl,
      graphUrl: teams.graphUrl,
      conversations: store.conversations,
      serviceUrlFor: async () => serviceUrl,
      render: renderAdaptiveCard,
    }),
  };
}

/** A recorded activity from test/fixtures/teams, with its placeholders filled, as the JSON body to post. */
export function teamsFixture(name: TeamsFixtureName, fill: Record<string, string>): string {
  return JSON.stringify(teamsActivity(name, fill));
}

/** POSTs an activity to our Teams endpoint as the Bot Connector does, with its token for `serviceUrl`. */
export function postToTeamsEndpoint(
  url: string,
  issuer: LocalBotFrameworkIssuer,
  serviceUrl: string,
  body: string,
): Promise<Response> {
  return fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${issuer.serviceToken(FAKE_APP.id, serviceUrl)}`,
    },
    body,
  });
}
