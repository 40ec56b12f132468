import type { PlatformIdentity, PlatformRef, SentCard } from '@steward/core';
import { renderAdaptiveCard } from '../../apps/teams/src/render/adaptive-card.ts';
import { RateLimiter } from '../../apps/teams/src/web/rate-limiter.ts';
import { TeamsPlatform } from '../../apps/teams/src/web/teams-platform.ts';
import { NEVER_WAITS, onTheFake } from '../support/fake-platform-subject.ts';
import { FAKE_APP, FAKE_TENANT, FakeTeams } from '../support/fake-teams/index.ts';
import { MemoryConversations } from '../support/memory-conversations.ts';
import { chatPlatformContract } from './chat-platform/index.ts';

// The Teams platform against the fake Bot Connector and Graph, which follow Microsoft's documented
// shapes (msteams-docs "Send proactive messages", Graph "Add member to team", "List tabs").
const TENANT = FAKE_TENANT.id;
const ALICE = 'a11ce000-0000-4000-8000-0000000000c1';
const BOB = 'b0b00000-0000-4000-8000-0000000000c2';
const TEAM = 'c0ffee00-0000-4000-8000-0000000000ca';
const GENERAL = '19:contract0000@thread.tacv2';
const fake = new FakeTeams();
const person = (userId: string): PlatformIdentity => ({ platform: 'teams', workspaceId: TENANT, userId });
const group: PlatformRef = { platform: 'teams', workspaceId: TENANT, id: TEAM };

/** The activity the fake holds under the SentCard, in the person's 1:1 or the team's channel. */
function activityOf(sent: SentCard) {
  const threads = [fake.conversationWith(ALICE), fake.conversationWith(BOB)].filter(
    (thread) => thread?.id === sent.conversationId,
  );
  const activities =
    sent.conversationId === GENERAL
      ? fake.channelPosts(GENERAL)
      : threads.flatMap((thread) => thread?.activities ?? []);
  return activities.find((activity) => activity.id === sent.messageId);
}

chatPlatformContract(
  'Teams (fake Bot Connector and Graph)',
  onTheFake(fake, async () => {
    fake.addUser({
      id: ALICE,
      tenantId: TENANT,
      displayName: 'Alice Martin',
      mail: 'alice@example.com',
      preferredLanguage: 'fr-FR',
      timeZone: 'Romance Standard Time',
    });
    fake.addUser({ id: BOB, tenantId: TENANT, displayName: 'Bob Ivanov', timeZone: 'Russian Standard Time' });
    fake.addTeam({
      id: TEAM,
      tenantId: TENANT,
      displayName: 'Gardeners',
      members: [ALICE],
      channels: [{ id: GENERAL, displayName: 'General' }],
    });
    const conversations = new MemoryConversations();
    // The edge saves the team's General channel from the team's activities: here, by hand.
    await conversations.save({
      platform: 'teams',
      workspaceId: TENANT,
      key: `team:${TEAM}`,
      conversationId: GENERAL,
      serviceUrl: fake.serviceUrl(),
      updatedAt: new Date(),
    });
    const platform = new TeamsPlatform({
      appId: FAKE_APP.id,
      appPassword: FAKE_APP.secret,
      tokenUrl: fake.tokenUrl,
      graphUrl: fake.graphUrl,
      conversations,
      serviceUrlFor: async (tenantId) => (tenantId === TENANT ? fake.serviceUrl() : null),
      render: renderAdaptiveCard,
      limiter: new RateLimiter(NEVER_WAITS),
    });
    return {
      platform,
      person: person(ALICE),
      newcomer: person(BOB),
      unknownPerson: person('00000000-dead-4000-8000-000000000000'),
      group,
      missingMessageId: '1699999999999',
      shownSummary: (sent: SentCard) => {
        const summary = activityOf(sent)?.body['summary'];
        return typeof summary === 'string' ? summary : null;
      },
      isMember: (where, who) => fake.team(where.id).members.has(who.userId),
      addContent: (where) =>
        fake
          .team(where.id)
          .channels.get(GENERAL)!
          .tabs.push({ id: 'tab-1', displayName: 'Handbook', websiteUrl: 'https://example.com/handbook' }),
      failNextSend: (fault) => fake.failNext('sendActivity', fault),
    };
  }),
);
