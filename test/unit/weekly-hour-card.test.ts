import { describe, expect, it } from 'vitest';
import type { ActionsBlock, Card, CardAction, CardBlock, FoldBlock, ListBlock } from '../../core/src/cards/card.ts';
import {
  SECTION_PRIORITY,
  type WeeklyHourCardInput,
  type WeeklyHourGroup,
  weeklyHourCard,
} from '../../core/src/cards/weekly-hour-card.ts';
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

/** The card's blocks, those inside folds included. */
const allBlocks = (card: Card): CardBlock[] => card.blocks.flatMap((b) => (b.kind === 'fold' ? [b, ...b.blocks] : [b]));
const lists = (card: Card) => allBlocks(card).filter((b): b is ListBlock => b.kind === 'list');
const actions = (card: Card): CardAction[] =>
  allBlocks(card).flatMap((b) =>
    b.kind === 'actions'
      ? [...(b as ActionsBlock).actions, ...(b.menu?.actions ?? [])]
      : b.kind === 'list'
        ? b.items.flatMap((i) => i.actions ?? [])
        : [],
  );
const texts = (card: Card) => allBlocks(card).flatMap((b) => ('text' in b ? [b.text] : []));

describe('the weekly-hour card', () => {
  it('offers done and snooze under the summary; done, skip with a reason, and "Hand to…" a co-owner at the bottom', () => {
    const card = aCard({
      coOwners: [
        { id: 'co', name: 'Chen Wei' },
        { id: 'co2', name: 'Maria Garcia' },
      ],
    });
    const rows = card.blocks.filter((b): b is ActionsBlock => b.kind === 'actions');
    const [top, bottom] = [rows[0], rows.at(-1)];
    expect(card.blocks.indexOf(top!)).toBe(1);
    expect(top?.actions.map((a) => [a.id, a.label])).toEqual([
      ['weekly_hour.done', 'Done'],
      ['weekly_hour.snooze', 'Snooze a day'],
    ]);
    expect(bottom?.actions.map((a) => [a.id, a.label])).toEqual([
      ['weekly_hour.done', 'Done'],
      ['weekly_hour.skip', 'Skip this week'],
    ]);
    expect(bottom?.actions.find((a) => a.id === 'weekly_hour.skip')?.input).toMatchObject({ required: false });
    // Co-owners by first name, and time off (menu.also), behind one menu: the row keeps room for Done.
    expect(bottom?.menu?.label).toBe('Hand to…');
    expect(bottom?.menu?.actions.map((a) => [a.id, a.label, a.value])).toEqual([
      ['weekly_hour.delegate', 'Chen', 'owner:2026-W48:co'],
      ['weekly_hour.delegate', 'Maria', 'owner:2026-W48:co2'],
    ]);
  });

  it('offers the owner "Time off…" with the menu: a last day, and the co-owners who may cover', () => {
    const card = aCard({
      coOwners: [
        { id: 'co', name: 'Chen Wei' },
        { id: 'co2', name: 'Maria Garcia' },
      ],
    });
    const [timeOff, ...others] = card.blocks.flatMap((b) => (b.kind === 'actions' ? (b.menu?.also ?? []) : []));
    expect(others).toEqual([]);
    expect(timeOff).toMatchObject({ id: 'weekly_hour.time_off', label: 'Time off…', value: 'owner|owner:2026-W48' });
    expect(timeOff?.form).toEqual({
      title: 'Time off',
      day: { label: 'Last day away' },
      pick: {
        label: 'Co-owner who covers (optional)',
        placeholder: 'Nobody',
        options: [
          { label: 'Chen Wei', value: 'co' },
          { label: 'Maria Garcia', value: 'co2' },
        ],
      },
      submit: 'Save',
    });
    // Without a co-owner, the menu is "Time off…" alone; in Russian, in Russian.
    const alone = aCard({ coOwners: [], locale: 'ru' }).blocks.flatMap((b) =>
      b.kind === 'actions' && b.menu ? [b.menu] : [],
    );
    expect(alone).toEqual([
      expect.objectContaining({
        label: 'Отсутствие…',
        actions: [],
        also: [expect.objectContaining({ id: 'weekly_hour.time_off' })],
      }),
    ]);
    expect(alone[0]?.also?.[0]?.form?.pick.options).toEqual([]);
  });

  it('names co-owners who share a first name in full', () => {
    const card = aCard({
      coOwners: [
        { id: 'co', name: 'Anna Petrova' },
        { id: 'co2', name: 'Anna Smith' },
        { id: 'co3', name: 'Chen' },
      ],
    });
    const menu = card.blocks.flatMap((b) => (b.kind === 'actions' && b.menu ? b.menu.actions : []));
    expect(menu.map((a) => a.label)).toEqual(['Anna Petrova', 'Anna Smith', 'Chen']);
  });

  it('sums up what needs the owner and when on top, and in the notification, most pressing first', () => {
    const card = aCard({
      groups: [
        aDigest({
          requests: { items: [{ id: 'r1', requesterName: 'Dee', requestedAt: now }], total: 3 },
          overdueQuestions: { items: [], total: 2 },
        }),
        aDigest({
          group: aGroup('t', ['owner', 'co'], { name: 'ops', purpose: 'x' }),
          dueContent: { items: [], total: 1 },
        }),
      ],
    });
    expect(card.summary).toBe('3 requests · 2 overdue questions · 1 item to review · due Mon 09:00');
    expect(card.blocks[0]).toEqual({ kind: 'text', text: `**${card.summary}**` });
    expect(aCard().summary).toBe('Nothing waits for you · due Mon 09:00');
    expect(aCard({ locale: 'ru' }).summary).toBe('Ничего не ждёт вас · срок пн 09:00');
  });

  it('heads each group with its link and counts', () => {
    const digest = aDigest({ requests: { items: [], total: 2 }, newMembers: { items: [], total: 1 } });
    expect(texts(aCard({ groups: [digest] }))).toContain(
      '[design](https://app.slack.com/client/T1/C1) · 2 requests · 1 new member',
    );
  });

  it('dates the week by its Monday, as the reader writes dates', () => {
    const footer = (input: Partial<WeeklyHourCardInput>) => aCard(input).blocks.at(-1);
    expect(footer({ timeZone: 'Europe/London' })).toEqual({
      kind: 'context',
      text: 'Week of 23 November · due Mon 23 Nov, 08:00',
    });
    expect(footer({ timeZone: 'America/New_York' })).toEqual({
      kind: 'context',
      text: 'Week of November 23 · due Mon, Nov 23, 03:00 AM',
    });
    expect(footer({ locale: 'fr' })).toEqual({
      kind: 'context',
      text: 'Semaine du 23 novembre · prévue lun. 23 nov., 09:00',
    });
    expect(footer({ locale: 'ru' })).toEqual({
      kind: 'context',
      text: 'Неделя с 23 ноября · срок пн, 23 нояб., 09:00',
    });
  });

  it('lists each section with its actions and says how many more there are', () => {
    const digest = aDigest();
    const card = aCard({
      groups: [
        aDigest({
          group: digest.group,
          newMembers: {
            items: [
              { name: 'Ann', joinedAt: now },
              { name: 'Bob', joinedAt: now },
              { name: 'Cy', joinedAt: now },
            ],
            total: 7,
          },
          requests: { items: [{ id: 'r1', requesterName: 'Dee', requestedAt: now }], total: 1 },
          inactiveMembers: { items: [{ personId: 'p9', name: 'Eve', lastDay: '2026-10-20' }], total: 1 },
        }),
      ],
    });
    // What needs the owner first, then what informs; each list knows its group and how soon it is cut.
    const [requests, newMembers, inactive] = lists(card);
    expect(newMembers?.items.map((i) => i.text)).toEqual([
      'Ann, joined 23 Nov',
      'Bob, joined 23 Nov',
      'Cy, joined 23 Nov',
    ]);
    expect(newMembers).toMatchObject({
      total: 7,
      moreLink: 'https://app.slack.com/client/T1/C1',
      part: digest.group.id,
      priority: SECTION_PRIORITY.newMembers,
    });
    expect(requests).toMatchObject({ part: digest.group.id, priority: SECTION_PRIORITY.requests });
    expect(requests?.items[0]?.actions?.map((a) => a.id)).toEqual([
      'membership_request.approve',
      'membership_request.deny',
    ]);
    expect(requests?.items[0]?.actions?.[1]?.input).toBeDefined();
    expect(inactive?.items[0]?.actions?.[0]).toMatchObject({
      id: 'member.nudge',
      value: `${digest.group.id}:p9|owner:2026-W48`,
    });
    expect(actions(card).map((a) => a.id)).toContain('member.welcome');
  });

  it('folds away what only informs: top contributors, with a thank-you, and members gone quiet', () => {
    const card = aCard({
      groups: [
        aDigest({
          topContributors: [{ name: 'Ann', score: 12 }],
          inactiveMembers: { items: [{ personId: 'p9', name: 'Eve', lastDay: '2026-10-20' }], total: 1 },
        }),
      ],
    });
    const folds = card.blocks.filter((b): b is FoldBlock => b.kind === 'fold');
    expect(folds).toHaveLength(1);
    expect(folds[0]?.title).toBe('Top contributors and members gone quiet');
    expect(folds[0]?.blocks.map((b) => (b.kind === 'list' ? b.title : b.kind))).toEqual([
      'Top contributors this week',
      'actions',
      'Gone quiet',
    ]);
    expect(card.blocks.some((b) => b.kind === 'list')).toBe(false);
  });

  it('says when a group has no purpose or a single owner, and when nothing needs the owner', () => {
    const card = aCard({ groups: [aDigest({ group: aGroup('t', ['owner'], { name: 'ops', purpose: null }) })] });
    // One line each under the group's heading.
    expect(texts(card)).toContain('ops has no purpose yet: say what it is for in the settings.');
    expect(texts(card)).toContain('ops has a single owner: consider asking a member to co-own it.');
    expect(texts(card)).toContain('Nothing needs you in ops this week.');
  });

  it('shows three groups and counts the others', () => {
    const card = aCard({
      groups: ['a', 'b', 'c', 'd', 'e'].map((name) =>
        aDigest({ group: aGroup('t', ['owner', 'co'], { name, purpose: 'x' }) }),
      ),
    });
    expect(texts(card).filter((t) => t.startsWith('['))).toHaveLength(3);
    expect(texts(card)).toContain('and 2 more groups');
  });

  it('turns into a short thank-you once done, dated in the owner’s language and zone', () => {
    const card = aCard({
      locale: 'fr',
      record: { ...record, status: 'done', doneAt: new Date('2026-11-23T09:15:00Z') },
    });
    expect(card.summary).toBe('Merci ! Votre heure hebdomadaire est enregistrée (lun. 23 nov., 10:15).');
    expect(actions(card)).toEqual([]);
  });

  it('tells the owner who has the week when it was handed over, and lets that co-owner act', () => {
    const handed = { ...record, status: 'delegated' as const, delegateId: 'co' };
    expect(aCard({ record: handed, delegateName: 'Chen' }).summary).toBe('Handed to Chen for this week.');
    const theirs = aCard({ record: handed, viewerId: 'co', delegateName: 'Chen' });
    expect(theirs.title).toBe('Weekly hour of Olga');
    // Done on top and at the bottom; no snooze and no hand-over of a week that was handed to them.
    expect(
      actions(theirs)
        .filter((a) => a.id.startsWith('weekly_hour.'))
        .map((a) => a.id),
    ).toEqual(['weekly_hour.done', 'weekly_hour.done', 'weekly_hour.skip']);
    expect(texts(theirs)).toContain('Olga handed you their weekly hour for this week.');
    // Nor the owner's time off: it is not theirs to take.
    expect(theirs.blocks.some((b) => b.kind === 'actions' && b.menu !== undefined)).toBe(false);
  });

  it('is refreshed as it now stands for everyone it went to', () => {
    expect(aCard().refresh).toEqual({
      id: 'weekly_hour.view',
      value: 'owner:2026-W48',
      audience: [{ platform: 'slack', workspaceId: 'T1', userId: 'U1' }],
    });
  });
});
