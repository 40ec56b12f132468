import type { PlatformIdentity, PlatformRef, SentCard } from '@steward/core';
import { renderCard } from '../../apps/slack/src/render/block-kit.ts';
import { SLACK_BOT_SCOPES } from '../../apps/slack/src/scopes.ts';
import { RateLimiter } from '../../apps/slack/src/web/rate-limiter.ts';
import { SlackPlatform } from '../../apps/slack/src/web/slack-platform.ts';
import { NEVER_WAITS, onTheFake } from '../support/fake-platform-subject.ts';
import { FakeSlack } from '../support/fake-slack/index.ts';
import { chatPlatformContract } from './chat-platform/index.ts';

// The Slack platform against the fake Slack, which follows the Web API's documented shapes
// (https://docs.slack.dev/reference/methods/chat.postMessage, chat.update, conversations.invite).
const WORKSPACE = { id: 'T0CONTRACT', token: 'xoxb-contract' };
const fake = new FakeSlack({ workspaces: [{ ...WORKSPACE, scopes: SLACK_BOT_SCOPES }] });
const person = (userId: string): PlatformIdentity => ({ platform: 'slack', workspaceId: WORKSPACE.id, userId });
const group: PlatformRef = { platform: 'slack', workspaceId: WORKSPACE.id, id: 'CGARDEN' };

chatPlatformContract(
  'Slack (fake Slack)',
  onTheFake(fake, async () => {
    fake.addUser({
      id: 'UALICE',
      realName: 'Alice Martin',
      email: 'alice@example.com',
      tz: 'Europe/Paris',
      locale: 'fr-FR',
    });
    fake.addUser({ id: 'UBOB', realName: 'Bob Ivanov', tz: 'Europe/Moscow', locale: 'ru-RU' });
    fake.addUser({ id: fake.botUserId, realName: 'Group Steward', isBot: true });
    fake.addChannel({ id: group.id, members: ['UALICE'], botIsMember: true });
    const platform = new SlackPlatform({
      tokenFor: async (workspaceId) => (workspaceId === WORKSPACE.id ? WORKSPACE.token : null),
      apiUrl: fake.url,
      render: renderCard,
      limiter: new RateLimiter(NEVER_WAITS),
    });
    return {
      platform,
      person: person('UALICE'),
      newcomer: person('UBOB'),
      unknownPerson: person('UNOBODY'),
      group,
      missingMessageId: '1600000000.000001',
      shownSummary: (sent: SentCard) => fake.message(sent.conversationId, sent.messageId)?.text ?? null,
      isMember: (where, who) => fake.channel(where.id).members.has(who.userId),
      addContent: (where) =>
        fake.addBookmark(where.id, {
          id: 'Bk0001',
          title: 'Handbook',
          link: 'https://example.com/handbook',
          createdAt: new Date('2026-01-02T00:00:00Z'),
        }),
      failNextSend: (fault) => fake.failNext('chat.postMessage', fault),
    };
  }),
);
