import { describe, expect, it } from 'vitest';
import { toActivity } from '../../apps/slack/src/events/to-activity.ts';
import { slackFixture } from '../support/slack-requests.ts';

const envelope = (name: string) => JSON.parse(slackFixture(name));
const at = (seconds: number) => new Date(seconds * 1000);

describe('Slack events as activity', () => {
  it('makes a top-level message a post whose thread is itself, text kept only for the question test', () => {
    expect(toActivity(envelope('message.json'))).toEqual({
      kind: 'post',
      group: { platform: 'slack', workspaceId: 'T0STEWARD', id: 'C0DESIGN' },
      actor: { platform: 'slack', workspaceId: 'T0STEWARD', userId: 'U0ALICE' },
      occurredAt: at(1772445600.0001),
      platformEventId: 'Ev0MESSAGE1',
      threadId: '1772445600.000100',
      text: 'Does anyone know where the Q3 roadmap lives?',
    });
  });

  it('makes a thread message a reply in its parent’s thread', () => {
    expect(toActivity(envelope('thread-reply.json'))).toMatchObject({
      kind: 'reply',
      actor: { userId: 'U0BORIS' },
      threadId: '1772445600.000100',
      platformEventId: 'Ev0REPLY1',
    });
  });

  it('maps reactions, files, joins and leaves', () => {
    expect(toActivity(envelope('reaction-added.json'))).toMatchObject({
      kind: 'reaction',
      actor: { userId: 'U0CHLOE' },
      group: { id: 'C0DESIGN' },
    });
    expect(toActivity(envelope('file-shared.json'))).toMatchObject({
      kind: 'file',
      actor: { userId: 'U0BORIS' },
      group: { id: 'C0DESIGN' },
    });
    expect(toActivity(envelope('member-joined-channel.json'))).toMatchObject({
      kind: 'join',
      occurredAt: at(1772442000.00005),
    });
    expect(toActivity(envelope('member-left-channel.json'))).toMatchObject({
      kind: 'leave',
      platformEventId: 'Ev0LEAVE1',
    });
  });

  it('counts no edit, no bot message and no event it does not know', () => {
    expect(toActivity(envelope('message-changed.json'))).toBeNull();
    const bot = envelope('message.json');
    bot.event.bot_id = 'B0OTHER';
    expect(toActivity(bot)).toBeNull();
    expect(toActivity({ team_id: 'T1', event_id: 'Ev1', event: { type: 'channel_rename' } })).toBeNull();
  });
});
