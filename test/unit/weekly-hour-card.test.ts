import { describe, expect, it } from 'vitest';
import type { ActionsBlock, Card, CardAction, ListBlock } from '../../core/src/cards/card.ts';
import { weeklyHourCard, type WeeklyHourCardInput, type WeeklyHourGroup } from '../../core/src/cards/weekly-hour-card.ts';
import { newWeeklyHourRecord } from '../../core/src/domain/weekly-hour.ts';
import { aGroup } from '../support/factories.ts';

const now = new Date('2026-11-23T08:00:00Z');
const record = newWeeklyHourRecord('t', 'owner', '2026-W48', now);

function aDigest(overrides: Partial<WeeklyHourGroup> = {}): WeeklyHourGroup {
  const none = { items: [], total: 0 };
  return {
    group: aGroup('t', ['owner', 'co'], { name: 'design', purpose: 'Design crits' }),
    link: 'https://app.slack.com/client/T1/C1',
    newMembers: none,
    overdueQuestions: none,
    requests: none,
    dueContent: none,
    topContributors: [],
    inactiveMembers: none,
    ...overrides,
  };
}

function aCard(overrides: Partial<WeeklyHourCardInput> = {}): Card {
  return weeklyHourCard({
    locale: 'en',
    timeZone: 'Europe/Paris',
    viewerId: 'owner',
    record,
    dueAt: now,
    ownerName: 'Olga',
    delegateName: null,
    groups: [aDigest()],
    coOwners: [{ id: 'co', name: 'Chen' }],
    notice: null,
    audience: [{ platform: 'slack', workspaceId: 'T1', userId: 'U1' }],
    ...overrides,
  });
}

const lists = (card: Card) => card.blocks.filter((b): b is ListBlock => b.kind === 'list');
const actions = (card: Card): CardAction[] => card.blocks.flatMap((b) => (b.kind === 'actions' ? (b as ActionsBlock).actions : b.kind === 'list' ? b.items.flatMap((i) => i.actions ?? []) : []));

describe('the weekly-hour card', () => {
  it('offers done, snooze, skip with a reason, and a hand-over to each co-owner', () => {
    const week = actions(aCard()).filter((a) => a.id.startsWith('weekly_hour.'));
    expect(week.map((a) => [a.id, a.label])).toEqual([
      ['weekly_hour.done', 'Done'],
      ['weekly_hour.snooze', 'Snooze until tomorrow'],
      ['weekly_hour.skip', 'Skip this week'],
      ['weekly_hour.delegate', 'Hand to Chen'],
    ]);
    expect(week.find((a) => a.id === 'weekly_hour.skip')?.input).toMatchObject({ required: false });
    expect(week.find((a) => a.id === 'weekly_hour.delegate')?.value).toBe('owner:2026-W48:co');
  });

  it('lists each section with its actions and says how many more there are', () => {
    const digest = aDigest();
    const card = aCard({
      groups: [
        aDigest({
          group: digest.group,
          newMembers: { items: [{ name: 'Ann', joinedAt: now }, { name: 'Bob', joinedAt: now }, { name: 'Cy', joinedAt: now }], total: 7 },
          requests: { items: [{ id: 'r1', requesterName: 'Dee', requestedAt: now }], total: 1 },
          inactiveMembers: { items: [{ personId: 'p9', name: 'Eve', lastDay: '2026-10-20' }], total: 1 },
        }),
      ],
    });
    const [newMembers, requests, inactive] = lists(card);
    expect(newMembers?.items.map((i) => i.text)).toEqual(['Ann, joined Nov 23', 'Bob, joined Nov 23', 'Cy, joined Nov 23']);
    expect(newMembers).toMatchObject({ total: 7, moreLink: 'https://app.slack.com/client/T1/C1' });
    expect(requests?.items[0]?.actions?.map((a) => a.id)).toEqual(['membership_request.approve', 'membership_request.deny']);
    expect(requests?.items[0]?.actions?.[1]?.input).toBeDefined();
    expect(inactive?.items[0]?.actions?.[0]).toMatchObject({ id: 'member.nudge', value: `${digest.group.id}:p9|owner:2026-W48` });
    expect(actions(card).map((a) => a.id)).toContain('member.welcome');
  });

  it('says when a group has no purpose or a single owner, and when nothing needs the owner', () => {
    const card = aCard({ groups: [aDigest({ group: aGroup('t', ['owner'], { name: 'ops', purpose: null }) })] });
    const texts = card.blocks.flatMap((b) => ('text' in b ? [b.text] : []));
    expect(texts).toContain('ops has no purpose yet: say what it is for in the settings. ops has a single owner: consider asking a member to co-own it.');
    expect(texts).toContain('Nothing needs you in ops this week.');
  });

  it('shows three groups and counts the others', () => {
    const card = aCard({ groups: ['a', 'b', 'c', 'd', 'e'].map((name) => aDigest({ group: aGroup('t', ['owner', 'co'], { name, purpose: 'x' }) })) });
    const texts = card.blocks.flatMap((b) => ('text' in b ? [b.text] : []));
    expect(texts.filter((t) => t.startsWith('['))).toHaveLength(3);
    expect(texts).toContain('and 2 more groups');
  });

  it('turns into a short thank-you once done, dated in the owner’s language and zone', () => {
    const card = aCard({ locale: 'fr', record: { ...record, status: 'done', doneAt: new Date('2026-11-23T09:15:00Z') } });
    expect(card.summary).toBe('Merci ! Votre heure hebdomadaire est enregistrée (lun. 23 nov., 10:15).');
    expect(actions(card)).toEqual([]);
  });

  it('tells the owner who has the week when it was handed over, and lets that co-owner act', () => {
    const handed = { ...record, status: 'delegated' as const, delegateId: 'co' };
    expect(aCard({ record: handed, delegateName: 'Chen' }).summary).toBe('Handed to Chen for this week.');
    const theirs = aCard({ record: handed, viewerId: 'co', delegateName: 'Chen' });
    expect(theirs.title).toBe('Weekly hour of Olga');
    expect(actions(theirs).filter((a) => a.id.startsWith('weekly_hour.')).map((a) => a.id)).toEqual(['weekly_hour.done', 'weekly_hour.skip']);
  });

  it('is refreshed as it now stands for everyone it went to', () => {
    expect(aCard().refresh).toEqual({ id: 'weekly_hour.view', value: 'owner:2026-W48', audience: [{ platform: 'slack', workspaceId: 'T1', userId: 'U1' }] });
  });
});
