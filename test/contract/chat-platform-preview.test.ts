import type { PlatformIdentity, PlatformRef, SentCard } from '@steward/core';
import { PreviewInbox } from '../../apps/server/src/preview/preview-inbox.ts';
import { chatPlatformContract } from './chat-platform/index.ts';

// The preview inbox stands in for Slack and Teams in the demo: it keeps cards in memory, invites
// and archives nothing (it records the calls), lists no content and knows no profiles.
const person = (userId: string): PlatformIdentity => ({ platform: 'slack', workspaceId: 'TPREVIEW', userId });
const group: PlatformRef = { platform: 'slack', workspaceId: 'TPREVIEW', id: 'CPREVIEW' };

chatPlatformContract('preview inbox', {
  start: async () => {},
  stop: async () => {},
  fixture: async () => {
    const inbox = new PreviewInbox();
    const kept = (sent: SentCard) =>
      [...inbox.cardsTo([person('UALICE'), person('UBOB'), person('UNOBODY')]), ...inbox.postsIn(group)].find(
        (card) => card.sent.conversationId === sent.conversationId && card.sent.messageId === sent.messageId,
      );
    return {
      platform: inbox.platform('slack'),
      capabilities: {
        invitesMembers: false,
        listsContent: false,
        readsProfiles: false,
        refusesUnknownPeople: false,
        throttles: false,
      },
      person: person('UALICE'),
      newcomer: person('UBOB'),
      unknownPerson: person('UNOBODY'),
      group,
      missingMessageId: 'no-such-card',
      shownSummary: (sent) => kept(sent)?.card.summary ?? null,
      // The inbox records the invitation, to show it, and makes no one a member.
      isMember: () => false,
      addContent: () => {
        throw new Error('the preview inbox lists no content');
      },
      failNextSend: () => {
        throw new Error('nothing can fail between the preview and its inbox');
      },
    };
  },
});
