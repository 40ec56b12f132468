import { type CoreDeps, deliverOutbox, type Store } from '@steward/core';
import { renderCard } from '../../apps/slack/src/render/block-kit.ts';
import { SlackPlatform } from '../../apps/slack/src/web/slack-platform.ts';
import { renderAdaptiveCard } from '../../apps/teams/src/render/adaptive-card.ts';
import { TeamsPlatform } from '../../apps/teams/src/web/teams-platform.ts';
import type { FakeSlack } from './fake-slack/index.ts';
import { FAKE_APP, FAKE_TENANT, type FakeTeams } from './fake-teams/index.ts';
import { silentLogger } from './silent-logger.ts';
import type { WallClock } from './wall-clock.ts';

export type FakePlatforms = { slack: SlackPlatform; teams: TeamsPlatform };

/** The real Slack and Teams adapters, pointed at the fakes: one Slack workspace, the fake's Entra tenant. */
export function platformsOnFakes(
  store: Store,
  slack: FakeSlack,
  workspace: { id: string; token: string },
  teams: FakeTeams,
): FakePlatforms {
  return {
    slack: new SlackPlatform({
      tokenFor: async (w) => (w === workspace.id ? workspace.token : null),
      apiUrl: slack.url,
      render: renderCard,
    }),
    teams: new TeamsPlatform({
      appId: FAKE_APP.id,
      appPassword: FAKE_APP.secret,
      tokenUrl: teams.tokenUrl,
      graphUrl: teams.graphUrl,
      conversations: store.conversations,
      serviceUrlFor: async (tenantId) => (tenantId === FAKE_TENANT.id ? teams.serviceUrl() : null),
      render: renderAdaptiveCard,
    }),
  };
}

/** Delivers the outbox until nothing is due, moving the test's clock past each backoff. */
export async function deliverUntilEmpty(
  deps: CoreDeps & { clock: WallClock },
  platforms: FakePlatforms,
): Promise<void> {
  for (let round = 0; round < 50; round++) {
    if ((await deliverOutbox(deps, platforms, silentLogger)) === 0) {
      deps.clock.advance(20 * 60_000);
      if ((await deliverOutbox(deps, platforms, silentLogger)) === 0) return;
    }
  }
  throw new Error('the outbox never emptied');
}
