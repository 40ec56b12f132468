import type { Card, CardAction, CardBlock, ListItem } from '../../core/src/cards/card.ts';
import type { Locale } from '../../core/src/domain/locale.ts';

// The neutral cards both renderers' tests render: each test states only the blocks it cares about.

export const card = (blocks: CardBlock[], title = 'Weekly hour', locale: Locale = 'en'): Card => ({
  locale,
  title,
  blocks,
  summary: 'Your weekly hour',
});

export const approve = (requestId: string): CardAction => ({
  id: 'membership_request.approve',
  label: 'Approve',
  value: requestId,
  style: 'primary',
});
export const deny = (requestId: string): CardAction => ({
  id: 'membership_request.deny',
  label: 'Deny',
  value: requestId,
  style: 'danger',
});

/** An action that asks for a line of text first: deny with a reason. */
export const denyWithReason = (requestId: string): CardAction => ({
  ...deny(requestId),
  input: {
    title: 'Deny the request',
    label: 'Reason (the requester sees it)',
    placeholder: 'Why not?',
    submit: 'Deny',
    required: false,
    maxLength: 500,
  },
});

/** Skip the week, with an optional short reason. */
export const skipWeek = (value: string): CardAction => ({
  id: 'weekly_hour.skip',
  label: 'Skip this week',
  value,
  input: { title: 'Skip this week', label: 'Reason (optional)', submit: 'Skip', required: false, maxLength: 100 },
});

export const welcome = (value: string): CardAction => ({
  id: 'member.welcome',
  label: 'Welcome them',
  value,
  style: 'primary',
});
export const keep = (value: string): CardAction => ({ id: 'content_item.keep', label: 'Keep', value });
export const archive = (value: string): CardAction => ({
  id: 'content_item.archive',
  label: 'Archive',
  value,
  style: 'danger',
});

export const items = (count: number, item: (n: number) => Partial<ListItem> = () => ({})): ListItem[] =>
  Array.from({ length: count }, (_, n) => ({ text: `Request ${n + 1}`, ...item(n) }));

/**
 * A weekly-hour card at its largest: an intro, then six lists of ten items each carrying one or two
 * actions (welcome; approve and deny with a reason; keep and archive; thank; nudge), each with a
 * link to the rest, then the card's own buttons.
 */
export function bigWeeklyHourCard(): Card {
  const list = (title: string, actions: (n: number) => CardAction[]): CardBlock => ({
    kind: 'list',
    title,
    moreLink: `https://steward.example/lists/${encodeURIComponent(title)}`,
    items: Array.from({ length: 10 }, (_, n) => ({
      text: `${title} ${n + 1} for @[Ada Lovelace](U0ADA)`,
      actions: actions(n),
    })),
  });
  return {
    locale: 'en',
    title: 'Your weekly hour',
    summary: 'Here is what your 3 groups need from you this week.',
    blocks: [
      { kind: 'text', text: 'Here is what your **3 groups** need from you this week.' },
      list('New members', (n) => [welcome(`m${n}`)]),
      list('Membership requests', (n) => [approve(`r${n}`), denyWithReason(`r${n}`)]),
      list('Content due for review', (n) => [keep(`c${n}`), archive(`c${n}`)]),
      list('Top contributors', (n) => [{ id: 'contributor.thank', label: 'Thank them', value: `t${n}` }]),
      list('Gone quiet', (n) => [{ id: 'member.nudge', label: 'Nudge', value: `q${n}` }]),
      list('Questions waiting', () => []),
      { kind: 'divider' },
      {
        kind: 'actions',
        actions: [
          { id: 'weekly_hour.done', label: 'Done', value: 'w1', style: 'primary' },
          { id: 'weekly_hour.snooze', label: 'Snooze until tomorrow', value: 'w1' },
          skipWeek('w1'),
          { id: 'weekly_hour.delegate', label: 'Hand to Bob', value: 'w1' },
        ],
      },
      { kind: 'context', text: 'Week 2026-W10 · due 6 March' },
    ],
  };
}

/**
 * A weekly-hour card for an owner of three busy groups, shaped as the core writes it: per group a
 * heading, a note, then six sections of the first three of seven items (the renderer says "and 4
 * more"; some sections have their own buttons after), then the week's buttons and the footer.
 */
export function threeGroupWeeklyHourCard(): Card {
  const groupBlocks = (g: number): CardBlock[] => {
    const list = (title: string, item: (n: number) => Partial<ListItem>): CardBlock => ({
      kind: 'list',
      title,
      moreLink: `https://steward.example/groups/${g}`,
      items: Array.from({ length: 3 }, (_, n) => ({ text: `${title} ${n + 1}`, ...item(n) })),
      total: 7,
    });
    return [
      { kind: 'divider' },
      { kind: 'text', text: `**[Group ${g}](https://steward.example/groups/${g})**` },
      { kind: 'context', text: `Group ${g} has a single owner: consider asking a member to co-own it.` },
      list('New members', () => ({})),
      { kind: 'actions', actions: [welcome(`g${g}`)] },
      list('Questions waiting more than 24 h', (n) => ({ link: `https://steward.example/q/${g}/${n}` })),
      list('Membership requests', (n) => ({ actions: [approve(`r${g}${n}`), denyWithReason(`r${g}${n}`)] })),
      list('Content due for review', (n) => ({ actions: [keep(`c${g}${n}`), archive(`c${g}${n}`)] })),
      list('Top contributors this week', () => ({})),
      { kind: 'actions', actions: [{ id: 'contributor.thank', label: 'Thank them', value: `g${g}` }] },
      list('Gone quiet', (n) => ({ actions: [{ id: 'member.nudge', label: 'Nudge', value: `q${g}${n}` }] })),
    ];
  };
  return {
    locale: 'en',
    title: 'Your weekly hour',
    summary: 'Here is what your 3 groups need from you this week.',
    blocks: [
      { kind: 'text', text: 'Here is what your 3 groups need from you this week.' },
      ...groupBlocks(1),
      ...groupBlocks(2),
      ...groupBlocks(3),
      { kind: 'divider' },
      {
        kind: 'actions',
        actions: [
          { id: 'weekly_hour.done', label: 'Done', value: 'w1', style: 'primary' },
          { id: 'weekly_hour.snooze', label: 'Snooze until tomorrow', value: 'w1' },
          skipWeek('w1'),
        ],
      },
      { kind: 'context', text: 'Week 2026-W10 · due 6 March' },
    ],
  };
}
