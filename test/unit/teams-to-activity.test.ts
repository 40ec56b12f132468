import { describe, expect, it } from 'vitest';
import { senderFallback, type TeamsActivity, toActivities } from '../../apps/teams/src/events/to-activity.ts';
import { teamsActivity as recorded, type TeamsFixtureName } from '../support/teams-activities.ts';

const TENANT = '11111111-2222-4333-8444-555555555555';
const TEAM = '99999999-8888-4777-8666-555555555555';
const fixture = (name: TeamsFixtureName): TeamsActivity =>
  recorded(name, { __TENANT__: TENANT, __TEAM__: TEAM, __SERVICE_URL__: 'https://smba.trafficmanager.net/emea/' });

describe('Teams activities as activity', () => {
  it('makes a top-level channel message a post in its own thread, by its author’s Entra id', () => {
    expect(toActivities(fixture('channel-message.json'))).toEqual([
      {
        kind: 'post',
        group: { platform: 'teams', workspaceId: TENANT, id: TEAM },
        actor: { platform: 'teams', workspaceId: TENANT, userId: 'aaaaaaaa-0000-4000-8000-000000000001' },
        occurredAt: new Date('2026-03-02T10:00:00.123Z'),
        platformEventId: 'message:19:design-general@thread.tacv2:1772445600123',
        threadId: '1772445600123',
        text: 'Does anyone know where the Q3 roadmap lives?',
        // What the message says of its author, for when Graph says nothing of them.
        actorFallback: { locale: 'fr-FR', timeZone: 'Europe/Paris' },
      },
    ]);
  });

  it('makes a message in a thread a reply in that thread', () => {
    expect(toActivities(fixture('channel-reply.json'))).toMatchObject([
      { kind: 'reply', threadId: '1772445600123', actor: { userId: 'bbbbbbbb-0000-4000-8000-000000000002' } },
    ]);
  });

  it('makes team members added joins', () => {
    expect(toActivities(fixture('team-member-added.json'))).toMatchObject([
      {
        kind: 'join',
        group: { id: TEAM },
        actor: { userId: 'cccccccc-0000-4000-8000-000000000003' },
        occurredAt: new Date('2026-03-02T09:00:00.000Z'),
      },
    ]);
  });

  it('keeps the team’s thread id when a channel message carries no group id, for the store to resolve', () => {
    const general = { platform: 'teams', workspaceId: TENANT, id: '19:design-general@thread.tacv2' };
    expect(toActivities(fixture('channel-message-thread-ids.json'))).toMatchObject([
      { kind: 'post', group: general, threadId: '1772452800111' },
    ]);
    expect(toActivities(fixture('channel-reply-thread-ids.json'))).toMatchObject([
      {
        kind: 'reply',
        group: general,
        threadId: '1772452800111',
        actor: { userId: 'bbbbbbbb-0000-4000-8000-000000000002' },
      },
    ]);
    // With no channelData.team at all, the conversation's own thread, its ";messageid=" dropped.
    const bare = fixture('channel-message-thread-ids.json');
    expect(toActivities({ ...bare, channelData: { tenant: { id: TENANT } } })).toMatchObject([
      { kind: 'post', group: general },
    ]);
  });

  it('makes a reaction added a reaction by its author, once per person, message and kind', () => {
    const reaction = fixture('message-reaction.json') as TeamsActivity & { replyToId: string };
    const [made] = toActivities({ ...reaction, replyToId: '1772452800999' });
    expect(made).toEqual({
      kind: 'reaction',
      group: { platform: 'teams', workspaceId: TENANT, id: '19:design-general@thread.tacv2' },
      actor: { platform: 'teams', workspaceId: TENANT, userId: 'cccccccc-0000-4000-8000-000000000003' },
      occurredAt: new Date('2026-03-02T14:00:00.333Z'),
      platformEventId:
        'reaction:19:design-general@thread.tacv2:1772452800999:cccccccc-0000-4000-8000-000000000003:like',
      threadId: null,
    });
    expect(toActivities({ ...reaction, reactionsAdded: [] })).toEqual([]);
  });

  it('keeps apart two channels’ messages of the same millisecond (their ids are times)', () => {
    const message = fixture('channel-message.json');
    const elsewhere = {
      ...message,
      conversation: { ...message.conversation, id: '19:design-random@thread.tacv2;messageid=1772445600123' },
    };
    const [first] = toActivities(message);
    const [second] = toActivities(elsewhere);
    expect(first?.platformEventId).not.toBe(second?.platformEventId);
  });

  it('passes on an unreadable time for the core to park, rather than dropping the message', () => {
    const [made] = toActivities({ ...fixture('channel-message.json'), timestamp: 'abc' });
    expect(Number.isNaN(made?.occurredAt.getTime())).toBe(true);
  });

  it('counts nothing outside a team’s channels', () => {
    const personal = fixture('channel-message.json') as TeamsActivity & { conversation: { conversationType: string } };
    expect(
      toActivities({ ...personal, conversation: { ...personal.conversation, conversationType: 'personal' } }),
    ).toEqual([]);
    expect(
      toActivities({
        ...personal,
        conversation: { conversationType: 'personal' },
        channelData: { tenant: { id: TENANT } },
      }),
    ).toEqual([]);
  });
});

// What a message or invoke says of its sender: msteams sends `locale` and `localTimezone`, and a
// `clientInfo` entity (microsoft/teams.net TeamsActivityTests.cs; PLATFORMS.md Wave 2 §13).
describe('what a Teams activity says of its sender', () => {
  const personal = fixture('personal-message.json');

  it('takes the activity’s locale and local time zone', () => {
    expect(senderFallback(personal)).toEqual({ locale: 'fr-FR', timeZone: 'Europe/Paris' });
    expect(senderFallback(fixture('card-action.json'))).toEqual({ locale: 'fr-FR', timeZone: 'Europe/Paris' });
  });

  it('falls back on the clientInfo entity, and says nothing when neither is there', () => {
    const { locale: _locale, localTimezone: _zone, ...bare } = personal;
    expect(senderFallback(bare)).toEqual({ locale: 'fr-FR', timeZone: 'Europe/Paris' });
    expect(
      senderFallback({ ...bare, entities: [{ type: 'clientInfo', locale: 42, timezone: { $gt: '' } }] }),
    ).toBeUndefined();
    expect(senderFallback({ ...bare, entities: [] })).toBeUndefined();
  });
});
