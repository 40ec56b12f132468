import { renderCard } from '../../apps/slack/src/render/block-kit.ts';
import { SlackPlatform } from '../../apps/slack/src/web/slack-platform.ts';
import { renderAdaptiveCard } from '../../apps/teams/src/render/adaptive-card.ts';
import { TeamsPlatform } from '../../apps/teams/src/web/teams-platform.ts';
import type { ChatPlatform, ConversationRepository, Platform } from '../../core/src/index.ts';
import type { FakeSlack } from './fake-slack/index.ts';
import { FAKE_APP, type FakeTeams } from './fake-teams/index.ts';

/**
 * The real Slack and Teams platform clients, with their real renderers, pointed at the fakes: what
 * the server's outbox talks to. Slack's token of a workspace comes from `tokenFor`; Teams keeps its
 * conversations in `conversations` (the store's, as the server does).
 */
export function platformClientsFor(
  fakes: { readonly slack: FakeSlack; readonly teams: FakeTeams },
  options: {
    readonly tokenFor: (workspaceId: string) => Promise<string | null>;
    readonly conversations: ConversationRepository;
  },
): Record<Platform, ChatPlatform> {
  return {
    slack: new SlackPlatform({ tokenFor: options.tokenFor, apiUrl: fakes.slack.url, render: renderCard }),
    teams: new TeamsPlatform({
      appId: FAKE_APP.id,
      appPassword: FAKE_APP.secret,
      tokenUrl: fakes.teams.tokenUrl,
      graphUrl: fakes.teams.graphUrl,
      conversations: options.conversations,
      serviceUrlFor: async () => fakes.teams.serviceUrl(),
      render: renderAdaptiveCard,
    }),
  };
}
