import { describe, expect, it } from 'vitest';
import { historyActivities } from '../../apps/slack/src/events/from-history.ts';

const GROUP = { platform: 'slack' as const, workspaceId: 'T0PAST', id: 'C0PAST' };

// Messages as conversations.history returns them (https://docs.slack.dev/reference/methods/conversations.history).
describe('a Slack history message as activity', () => {
  it('makes a post with its reactions (one per person and emoji) and files, keyed by what names them in the channel', () => {
    const activities = historyActivities(GROUP, {
      type: 'message',
      user: 'U0ANA',
      text: 'Where is the plan?',
      ts: '1772445600.000100',
      thread_ts: '1772445600.000100',
      reply_count: 2,
      reactions: [{ name: 'eyes', users: ['U0BORIS', 'U0CHLOE'], count: 2 }],
      files: [{ id: 'F0PLAN', name: 'plan.pdf' }],
    });
    expect(activities.map((a) => [a.kind, a.actor.userId, a.platformEventId, a.threadId])).toEqual([
      ['post', 'U0ANA', 'message:C0PAST:1772445600.000100', '1772445600.000100'],
      ['reaction', 'U0BORIS', 'reaction:C0PAST:1772445600.000100:U0BORIS:eyes', null],
      ['reaction', 'U0CHLOE', 'reaction:C0PAST:1772445600.000100:U0CHLOE:eyes', null],
      ['file', 'U0ANA', 'file:C0PAST:F0PLAN', null],
    ]);
    expect(activities.every((a) => a.occurredAt.getTime() === 1_772_445_600_000)).toBe(true);
    expect(activities[0]?.text).toBe('Where is the plan?');
  });

  it('makes a thread message a reply in its parent’s thread', () => {
    const [reply] = historyActivities(GROUP, {
      type: 'message',
      user: 'U0BORIS',
      text: 'Here.',
      ts: '1772449200.000200',
      thread_ts: '1772445600.000100',
    });
    expect(reply).toMatchObject({ kind: 'reply', threadId: '1772445600.000100' });
  });

  it('counts no bot, no join and nothing without a ts', () => {
    expect(historyActivities(GROUP, { type: 'message', subtype: 'bot_message', bot_id: 'B0', ts: '1.000001' })).toEqual(
      [],
    );
    expect(historyActivities(GROUP, { type: 'message', subtype: 'channel_join', user: 'U0', ts: '1.000002' })).toEqual(
      [],
    );
    expect(historyActivities(GROUP, { type: 'message', user: 'U0', text: 'hi' })).toEqual([]);
  });
});
