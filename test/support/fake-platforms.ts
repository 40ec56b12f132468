import { renderCard } from '../../apps/slack/src/render/block-kit.ts';
import { SlackPlatform } from '../../apps/slack/src/web/slack-platform.ts';
import { renderAdaptiveCard } from '../../apps/teams/src/render/adaptive-card.ts';
import { TeamsPlatform } from '../../apps/teams/src/web/teams-platform.ts';
import type { Store } from '../../core/src/ports/store/index.ts';
import type { FakeSlack } from './fake-slack/index.ts';
import { FAKE_APP, type FakeTeams } from './fake-teams/index.ts';

/**
 * The real Slack and Teams platform clients, pointed at the fakes, with one bot token and the fake
 * Bot Connector's service URL: what a test delivers the outbox through when the server is down.
 */
export function platformsOnFakes(slack: FakeSlack, slackToken: string, teams: FakeTeams, store: Store) {
  return {
    slack: new SlackPlatform({ tokenFor: async () => slackToken, apiUrl: slack.url, render: renderCard }),
    teams: new TeamsPlatform({
      appId: FAKE_APP.id,
      appPassword: FAKE_APP.secret,
      tokenUrl: teams.tokenUrl,
      graphUrl: teams.graphUrl,
      conversations: store.conversations,
      serviceUrlFor: async () => teams.serviceUrl(),
      render: renderAdaptiveCard,
    }),
  };
}
