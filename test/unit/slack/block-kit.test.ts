import { describe, expect, it } from 'vitest';
import {
  actionIdOf,
  type RenderOptions,
  readButton,
  renderCard,
  type SlackMessage,
} from '../../../apps/slack/src/render/block-kit.ts';
import {
  BUTTON_TEXT_MAX_LENGTH,
  BUTTON_VALUE_MAX_LENGTH,
  CONFIRM_BUTTON_TEXT_MAX_LENGTH,
  CONFIRM_TEXT_MAX_LENGTH,
  CONFIRM_TITLE_MAX_LENGTH,
  HEADER_TEXT_MAX_LENGTH,
  MESSAGE_MAX_BLOCKS,
  MESSAGE_TEXT_MAX_LENGTH,
  OPTION_VALUE_MAX_LENGTH,
  SECTION_TEXT_MAX_LENGTH,
} from '../../../apps/slack/src/render/limits.ts';
import { escapeMrkdwn, markupToPlainText, toMrkdwn } from '../../../apps/slack/src/render/mrkdwn.ts';
import { truncateMrkdwn } from '../../../apps/slack/src/render/truncate.ts';
import type { Card, CardAction, CardBlock } from '../../../core/src/cards/card.ts';
import {
  approve,
  bigWeeklyHourCard,
  card,
  deny,
  denyWithReason,
  items,
  keep,
  skipWeek,
  threeGroupWeeklyHourCard,
} from '../../support/cards.ts';
import { expectValidSlackMessage } from '../../support/slack-message-check.ts';

function render(card: Card, options?: RenderOptions): SlackMessage {
  const message = renderCard(card, options);
  expectValidSlackMessage(message);
  return message;
}

// ---- cards ---------------------------------------------------------------------------------------

const mrkdwnSection = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });
const contextLine = (text: string) => ({ type: 'context', elements: [{ type: 'mrkdwn', text }] });
const plain = (text: string) => ({ type: 'plain_text', text });
/** A menu as the renderer writes it: its options' words and values. */
const select = (actionId: string, placeholder: string, options: [string, string][]) => ({
  type: 'static_select',
  action_id: actionId,
  placeholder: plain(placeholder),
  options: options.map(([text, value]) => ({ text: plain(text), value })),
});

// ---- one element at a time -------------------------------------------------------------------

describe('Block Kit renderer: elements', () => {
  it('renders the title as a plain-text header', () => {
    expect(render(card([], 'Weekly hour: <Design> & co')).blocks).toStrictEqual([
      { type: 'header', text: plain('Weekly hour: <Design> & co') },
    ]);
  });

  it('renders a text block as a mrkdwn section', () => {
    expect(
      render(card([{ kind: 'text', text: '**3 requests** wait, see [the group](https://example.com/g/1)' }], ''))
        .blocks,
    ).toStrictEqual([mrkdwnSection('*3 requests* wait, see <https://example.com/g/1|the group>')]);
  });

  it('renders facts as section fields, label in bold above the value', () => {
    const blocks = render(
      card(
        [
          {
            kind: 'facts',
            facts: [
              { label: 'Members', value: '120' },
              { label: 'R&D <lab>', value: '**active**' },
            ],
          },
        ],
        '',
      ),
    ).blocks;
    expect(blocks).toStrictEqual([
      {
        type: 'section',
        fields: [
          { type: 'mrkdwn', text: '*Members*\n120' },
          { type: 'mrkdwn', text: '*R&amp;D &lt;lab&gt;*\n*active*' },
        ],
      },
    ]);
  });

  it('renders a list as one section: bold title, a line per item (linked), and a menu per action below', () => {
    const blocks = render(
      card(
        [
          {
            kind: 'list',
            title: 'Requests',
            items: [
              { text: 'Ada wants to join', actions: [approve('r1'), deny('r1')] },
              {
                text: '**Bob** wants to join',
                link: 'https://example.com/p/bob?a=1&b=2',
                actions: [approve('r2'), deny('r2')],
              },
              { text: 'Cy left' },
            ],
          },
        ],
        '',
      ),
    ).blocks;
    expect(blocks).toStrictEqual([
      mrkdwnSection(
        '*Requests*\n• Ada wants to join\n• <https://example.com/p/bob?a=1&amp;b=2|Bob wants to join>\n• Cy left',
      ),
      {
        type: 'actions',
        elements: [
          select('membership_request.approve#0', 'Approve…', [
            ['Ada wants to join', 'r1'],
            ['Bob wants to join', 'r2'],
          ]),
          select('membership_request.deny#1', 'Deny…', [
            ['Ada wants to join', 'r1'],
            ['Bob wants to join', 'r2'],
          ]),
        ],
      },
    ]);
  });

  it('keeps the button of a list of one item beside it, and its several buttons below', () => {
    const one = (actions: CardAction[]) =>
      render(card([{ kind: 'list', title: 'Requests', items: [{ text: 'Ada wants to join', actions }] }], '')).blocks;
    expect(one([approve('r1')])).toStrictEqual([
      {
        ...mrkdwnSection('*Requests*\n• Ada wants to join'),
        accessory: {
          type: 'button',
          action_id: 'membership_request.approve#0',
          text: plain('Approve'),
          value: 'r1',
          style: 'primary',
        },
      },
    ]);
    expect(one([approve('r1'), deny('r1')])).toStrictEqual([
      mrkdwnSection('*Requests*\n• Ada wants to join'),
      {
        type: 'actions',
        elements: [
          {
            type: 'button',
            action_id: 'membership_request.approve#0',
            text: plain('Approve'),
            value: 'r1',
            style: 'primary',
          },
          { type: 'button', action_id: 'membership_request.deny#1', text: plain('Deny'), value: 'r1', style: 'danger' },
        ],
      },
    ]);
  });

  it('renders actions as an actions block of buttons, with style and confirmation dialog', () => {
    const blocks = render(
      card(
        [
          {
            kind: 'actions',
            actions: [
              approve('r1'),
              { ...deny('r1'), confirm: { title: 'Deny Ada?', text: 'She will be told.', yes: 'Deny', no: 'Cancel' } },
              { id: 'membership_request.approve', label: 'Later', value: 'r1' },
            ],
          },
        ],
        '',
      ),
    ).blocks;
    expect(blocks).toStrictEqual([
      {
        type: 'actions',
        elements: [
          {
            type: 'button',
            action_id: 'membership_request.approve#0',
            text: plain('Approve'),
            value: 'r1',
            style: 'primary',
          },
          {
            type: 'button',
            action_id: 'membership_request.deny#1',
            text: plain('Deny'),
            value: 'r1',
            style: 'danger',
            confirm: {
              title: plain('Deny Ada?'),
              text: plain('She will be told.'),
              confirm: plain('Deny'),
              deny: plain('Cancel'),
              style: 'danger',
            },
          },
          { type: 'button', action_id: 'membership_request.approve#2', text: plain('Later'), value: 'r1' },
        ],
      },
    ]);
  });

  it('renders a context block as mrkdwn small print', () => {
    expect(render(card([{ kind: 'context', text: 'Decided by **Ada** on 3 May' }], '')).blocks).toStrictEqual([
      contextLine('Decided by *Ada* on 3 May'),
    ]);
  });

  it('renders a divider', () => {
    expect(render(card([{ kind: 'divider' }], '')).blocks).toStrictEqual([{ type: 'divider' }]);
  });

  it('leaves out blank text, which Slack would refuse', () => {
    expect(
      render(
        card(
          [
            { kind: 'text', text: ' ' },
            { kind: 'context', text: '' },
          ],
          ' ',
        ),
      ).blocks,
    ).toStrictEqual([]);
  });
});

describe('Block Kit renderer: markup', () => {
  it('turns bold and links into mrkdwn and escapes &, < and > everywhere else', () => {
    expect(toMrkdwn('**Design** & <UX> [guide](https://example.com/a?x=1&y=2) > all')).toBe(
      '*Design* &amp; &lt;UX&gt; <https://example.com/a?x=1&amp;y=2|guide> &gt; all',
    );
  });

  it('keeps Slack control sequences written by people from acting', () => {
    expect(toMrkdwn('ping <!here> and <@U123>')).toBe('ping &lt;!here&gt; and &lt;@U123&gt;');
    expect(escapeMrkdwn('a & b')).toBe('a &amp; b');
  });

  it('makes links only of web addresses, and keeps a link label from escaping its link', () => {
    expect(toMrkdwn('[click](javascript:alert(1))')).toBe('[click](javascript:alert(1))');
    expect(toMrkdwn('[a > b](https://example.com/x|y)')).toBe('<https://example.com/x%7Cy|a &gt; b>');
  });

  it('mentions a Slack user by id, which Slack shows as their name and notifies', () => {
    expect(toMrkdwn('Welcome @[Ada Lovelace](U0ADA) and @[Grace](W0GRACE)!')).toBe('Welcome <@U0ADA> and <@W0GRACE>!');
    // An id that is not a Slack user's (a card written for Teams) keeps the name, shown as written.
    expect(toMrkdwn('Thanks @[R&D <team>](aaaa-1111)')).toBe('Thanks R&amp;D &lt;team&gt;');
    expect(markupToPlainText('Thanks @[Ada](U0ADA)')).toBe('Thanks Ada');
  });

  it('mentions people in text, facts, list items and small print, and keeps only the name inside a link', () => {
    const blocks = render(
      card(
        [
          { kind: 'text', text: '@[Ada](U0ADA) joined' },
          { kind: 'facts', facts: [{ label: 'Owner', value: '@[Bob](U0BOB)' }] },
          {
            kind: 'list',
            title: 'New',
            items: [{ text: '@[Cy](U0CY)' }, { text: '@[Di](U0DI), joined', link: 'https://example.com/di' }],
          },
          { kind: 'context', text: 'Decided by @[Ada](U0ADA)' },
        ],
        '',
      ),
    ).blocks;
    expect(blocks).toStrictEqual([
      mrkdwnSection('<@U0ADA> joined'),
      { type: 'section', fields: [{ type: 'mrkdwn', text: '*Owner*\n<@U0BOB>' }] },
      mrkdwnSection('*New*\n• <@U0CY>\n• <https://example.com/di|Di, joined>'),
      contextLine('Decided by <@U0ADA>'),
    ]);
  });

  it('leaves unpaired markers as they are and reads the words out of markup', () => {
    for (const words of ['**open', 'a ** b', '[label] (https://example.com)']) expect(toMrkdwn(words)).toBe(words);
    expect(markupToPlainText('**Bob** read [the guide](https://example.com)')).toBe('Bob read the guide');
  });
});

describe('Block Kit renderer: folds and menus', () => {
  it('shows a fold as one compact line per list and one row of its actions, as Slack has no block that folds', () => {
    const nudge = (id: string): CardAction => ({ id: 'member.nudge', label: 'Nudge', value: id });
    const blocks = render(
      card(
        [
          {
            kind: 'fold',
            title: 'Top contributors and members gone quiet',
            blocks: [
              {
                kind: 'list',
                title: 'Top contributors',
                items: [{ text: 'Ann: 12 points' }, { text: 'Bob: 9 points' }],
              },
              { kind: 'actions', actions: [{ id: 'contributor.thank', label: 'Thank them', value: 'g1' }] },
              {
                kind: 'list',
                title: 'Gone quiet',
                items: [
                  { text: 'Eve, last seen 20 Oct', actions: [nudge('p1')] },
                  { text: 'Fay, last seen 2 Oct', actions: [nudge('p2')] },
                ],
                total: 4,
                moreLink: 'https://example.com/g1',
              },
            ],
          },
        ],
        '',
      ),
    ).blocks;
    expect(blocks).toStrictEqual([
      {
        type: 'context',
        elements: [
          { type: 'mrkdwn', text: '*Top contributors* Ann: 12 points · Bob: 9 points' },
          {
            type: 'mrkdwn',
            text: '*Gone quiet* Eve, last seen 20 Oct · Fay, last seen 2 Oct · <https://example.com/g1|and 2 more>',
          },
        ],
      },
      {
        type: 'actions',
        elements: [
          { type: 'button', action_id: 'contributor.thank#0', text: plain('Thank them'), value: 'g1' },
          select('member.nudge#1', 'Nudge…', [
            ['Eve, last seen 20 Oct', 'p1'],
            ['Fay, last seen 2 Oct', 'p2'],
          ]),
        ],
      },
    ]);
  });

  it('puts the actions behind a menu ("Hand to…") in a select beside the row\'s buttons', () => {
    const handTo = (name: string, id: string): CardAction => ({
      id: 'weekly_hour.delegate',
      label: name,
      value: `w1:${id}`,
    });
    const [row] = render(
      card(
        [
          {
            kind: 'actions',
            actions: [{ id: 'weekly_hour.done', label: 'Done', value: 'w1', style: 'primary' }],
            menu: { label: 'Hand to…', actions: [handTo('Chen', 'c'), handTo('Maria', 'm')] },
          },
        ],
        '',
      ),
    ).blocks;
    expect(row).toStrictEqual({
      type: 'actions',
      elements: [
        { type: 'button', action_id: 'weekly_hour.done#0', text: plain('Done'), value: 'w1', style: 'primary' },
        select('weekly_hour.delegate#1', 'Hand to…', [
          ['Chen', 'w1:c'],
          ['Maria', 'w1:m'],
        ]),
      ],
    });
    expect(readButton('weekly_hour.delegate#1', 'w1:m')).toStrictEqual({
      id: 'weekly_hour.delegate',
      value: 'w1:m',
      input: null,
    });
  });

  it('lets small print that follows small print share its block', () => {
    const blocks = render(
      card(
        [
          { kind: 'context', text: 'One' },
          { kind: 'context', text: 'Two' },
          { kind: 'text', text: 'Three' },
          { kind: 'context', text: 'Four' },
        ],
        '',
      ),
    ).blocks;
    expect(blocks).toStrictEqual([
      {
        type: 'context',
        elements: [
          { type: 'mrkdwn', text: 'One' },
          { type: 'mrkdwn', text: 'Two' },
        ],
      },
      mrkdwnSection('Three'),
      contextLine('Four'),
    ]);
  });
});

describe('Block Kit renderer: actions that ask for text first', () => {
  it("marks the button and packs the input's wording with the value, which a click reads back", () => {
    const [block] = render(card([{ kind: 'actions', actions: [approve('r1'), denyWithReason('r1')] }], '')).blocks as {
      elements: { action_id: string; value: string; style?: string }[];
    }[];
    const [plainButton, inputButton] = block!.elements;
    expect(plainButton).toMatchObject({ action_id: 'membership_request.approve#0', value: 'r1' });
    expect(inputButton).toMatchObject({ action_id: 'membership_request.deny#1:input', style: 'danger' });
    expect(readButton(inputButton!.action_id, inputButton!.value)).toStrictEqual({
      id: 'membership_request.deny',
      value: 'r1',
      input: denyWithReason('r1').input,
    });
  });

  it("does so on a list item's button beside it, and carries the wording in the action id of a menu", () => {
    const beside = render(
      card([{ kind: 'list', title: 'Week', items: [{ text: 'Skip?', actions: [skipWeek('w1')] }] }], ''),
    ).blocks as {
      accessory?: { action_id: string };
    }[];
    expect(beside[0]?.accessory?.action_id).toBe('weekly_hour.skip#0:input');
    const menus = render(
      card(
        [
          {
            kind: 'list',
            title: 'Requests',
            items: items(2, (n) => ({ actions: [approve(`r${n}`), denyWithReason(`r${n}`)] })),
          },
        ],
        '',
      ),
    ).blocks as {
      elements?: { action_id: string; options: { value: string }[] }[];
    }[];
    const [approveMenu, denyMenu] = menus[1]?.elements ?? [];
    expect(approveMenu?.action_id).toBe('membership_request.approve#0');
    // An option carries at most 150 characters: the value, not the wording.
    expect(denyMenu?.action_id).toMatch(/^membership_request\.deny#1:input=\[/);
    expect(readButton(denyMenu!.action_id, denyMenu!.options[1]!.value)).toStrictEqual({
      id: 'membership_request.deny',
      value: 'r1',
      input: denyWithReason('r1').input,
    });
    expect(readButton(approveMenu!.action_id, approveMenu!.options[0]!.value)).toStrictEqual({
      id: 'membership_request.approve',
      value: 'r0',
      input: null,
    });
    // Wording it did not write is no input.
    expect(readButton('membership_request.deny#1:input=["x"]', 'r1')).toBeNull();
    expect(readButton('membership_request.deny#1=[]', 'r1')).toBeNull();
  });

  it('refuses an input action whose packed value Slack cannot carry', () => {
    const long = { ...denyWithReason('r'.repeat(BUTTON_VALUE_MAX_LENGTH - 100)) };
    expect(() => renderCard(card([{ kind: 'actions', actions: [long] }]))).toThrow(/Slack buttons carry at most 2000/);
  });
});

describe('Block Kit renderer: limits', () => {
  it('cuts a long title to the header limit with an ellipsis', () => {
    const [header] = render(card([], 'x'.repeat(200))).blocks;
    expect(header).toStrictEqual({ type: 'header', text: plain(`${'x'.repeat(HEADER_TEXT_MAX_LENGTH - 1)}…`) });
  });

  it('cuts a long paragraph, a long label and a long confirmation to their limits', () => {
    const blocks = render(
      card(
        [
          { kind: 'text', text: 'y'.repeat(3500) },
          {
            kind: 'actions',
            actions: [
              {
                ...approve('r1'),
                label: 'z'.repeat(100),
                confirm: { title: 't'.repeat(120), text: 'u'.repeat(400), yes: 'v'.repeat(40), no: 'No' },
              },
            ],
          },
        ],
        '',
      ),
    ).blocks;
    expect(blocks[0]).toStrictEqual(mrkdwnSection(`${'y'.repeat(SECTION_TEXT_MAX_LENGTH - 1)}…`));
    const cut = (letter: string, max: number) => `${letter.repeat(max - 1)}…`;
    expect(blocks[1]).toMatchObject({
      elements: [
        {
          text: plain(cut('z', BUTTON_TEXT_MAX_LENGTH)),
          confirm: {
            title: plain(cut('t', CONFIRM_TITLE_MAX_LENGTH)),
            text: plain(cut('u', CONFIRM_TEXT_MAX_LENGTH)),
            confirm: plain(cut('v', CONFIRM_BUTTON_TEXT_MAX_LENGTH)),
            deny: plain('No'),
          },
        },
      ],
    });
  });

  it('never cuts a link, an entity or an emoji in half', () => {
    expect(truncateMrkdwn('see <https://example.com|the guide>', 20)).toBe('see …');
    expect(truncateMrkdwn('a &amp; b', 5)).toBe('a …');
    expect(truncateMrkdwn('ab😀cd', 4)).toBe('ab…');
  });

  it('puts at most 10 facts in a section and the rest in the next ones', () => {
    const facts = Array.from({ length: 23 }, (_, n) => ({ label: `L${n}`, value: `${n}` }));
    const blocks = render(card([{ kind: 'facts', facts }], '')).blocks as { fields: { text: string }[] }[];
    expect(blocks.map((block) => block.fields.length)).toEqual([10, 10, 3]);
    expect(blocks[2]?.fields[2]?.text).toBe('*L22*\n22');
  });

  it('shows the first 10 items of a long list, then "and N more"', () => {
    const blocks = render(card([{ kind: 'list', title: 'Requests', items: items(14) }], '')).blocks;
    const lines = Array.from({ length: 10 }, (_, n) => `• Request ${n + 1}`);
    expect(blocks).toStrictEqual([mrkdwnSection(['*Requests*', ...lines, 'and 4 more'].join('\n'))]);
  });

  it('links "and N more" to the list\'s page, in the card\'s language and the cap it is given', () => {
    const list: CardBlock = {
      kind: 'list',
      title: 'Requests',
      items: items(14),
      moreLink: 'https://example.com/requests?all=1&x',
    };
    const [section] = render(card([list], '', 'fr'), { maxListItems: 5 }).blocks as { text: { text: string } }[];
    expect(section?.text.text.split('\n')).toHaveLength(7);
    expect(section?.text.text.split('\n').at(-1)).toBe('<https://example.com/requests?all=1&amp;x|et 9 de plus>');
  });

  it('says "and N more" in Russian for a Russian reader, whatever the count', () => {
    const more = (count: number) => {
      const [section] = render(card([{ kind: 'list', title: 'Заявки', items: items(count + 1) }], '', 'ru'), {
        maxListItems: 1,
      }).blocks as { text: { text: string } }[];
      return section?.text.text.split('\n').at(-1);
    };
    for (const count of [1, 3, 5, 21]) expect(more(count), `${count}`).toBe(`и ещё ${count}`);
  });

  it('counts in "and N more" the items the card leaves out, from the list\'s total', () => {
    const list: CardBlock = {
      kind: 'list',
      title: 'Requests',
      items: items(3),
      total: 7,
      moreLink: 'https://example.com/r',
    };
    expect(render(card([list], '')).blocks).toStrictEqual([
      mrkdwnSection('*Requests*\n• Request 1\n• Request 2\n• Request 3\n<https://example.com/r|and 4 more>'),
    ]);
    // Cut to the cap, the list counts those left out by the card and by the cap alike.
    expect(JSON.stringify(render(card([list], '', 'fr'), { maxListItems: 2 }).blocks)).toContain(
      '<https://example.com/r|et 5 de plus>',
    );
    expect(render(card([list], ''), { maxListItems: 0 }).blocks).toStrictEqual([
      mrkdwnSection('*Requests*\n<https://example.com/r|and 7 more>'),
    ]);
    // A list of none of its items still says how many there are; a total below the items given counts the items.
    expect(render(card([{ kind: 'list', title: 'Requests', items: [], total: 5 }], '')).blocks).toStrictEqual([
      mrkdwnSection('*Requests*\nand 5 more'),
    ]);
    expect(
      JSON.stringify(render(card([{ kind: 'list', title: 'Requests', items: items(14), total: 3 }], '')).blocks),
    ).toContain('and 4 more');
    expect(
      JSON.stringify(render(card([{ kind: 'list', title: 'Requests', items: items(3), total: 3 }], '')).blocks),
    ).not.toContain('more');
  });

  it("keeps a list's section within Slack's 3000 characters, counting what it leaves out", () => {
    const long = items(10, (n) => ({ text: `${String(n).padStart(2, '0')} ${'x'.repeat(400)}` }));
    const [section] = render(card([{ kind: 'list', title: 'Long', items: long }], '')).blocks as {
      text: { text: string };
    }[];
    expect(section?.text.text.length).toBeLessThanOrEqual(SECTION_TEXT_MAX_LENGTH);
    expect(section?.text.text.split('\n').at(-1)).toBe('and 4 more');
  });

  it('splits more than 10 actions into rows of 10', () => {
    const actions = Array.from({ length: 23 }, (_, n) => approve(`r${n}`));
    const blocks = render(card([{ kind: 'actions', actions }], '')).blocks as { type: string; elements: unknown[] }[];
    expect(blocks.map((block) => [block.type, block.elements.length])).toEqual([
      ['actions', 10],
      ['actions', 10],
      ['actions', 3],
    ]);
  });

  it('gives every button and menu its own action id, which parses back to the core action', () => {
    const message = render(
      card([
        { kind: 'list', title: 'Requests', items: items(3, (n) => ({ actions: [approve(`r${n}`), deny(`r${n}`)] })) },
        { kind: 'actions', actions: [approve('all'), deny('all')] },
      ]),
    );
    const elements = message.blocks.flatMap((block) => (block.type === 'actions' ? block.elements : []));
    const actionIds = elements.map((element) => ('action_id' in element ? element.action_id : undefined));
    expect(elements.map((element) => element.type)).toEqual(['static_select', 'static_select', 'button', 'button']);
    expect(new Set(actionIds).size).toBe(4);
    expect(actionIds.map((actionId) => readButton(actionId ?? '', 'r1')?.id)).toEqual(
      Array.from({ length: 2 }, () => ['membership_request.approve', 'membership_request.deny']).flat(),
    );
    expect(readButton(actionIdOf('membership_request.deny', 41), 'r9')).toStrictEqual({
      id: 'membership_request.deny',
      value: 'r9',
      input: null,
    });
  });

  it('parses no action id it did not write, and no input button whose value it did not pack', () => {
    for (const foreign of [
      'membership_request.approve',
      'membership_request.approve#',
      'membership_request.approve#x',
      'group.delete#1',
      '#1',
      '',
    ]) {
      expect(readButton(foreign, 'r1'), foreign).toBeNull();
    }
    const asksInput = actionIdOf('weekly_hour.skip', 0, true);
    for (const value of [
      'r1',
      '{}',
      '{"value":"r1"}',
      '{"value":"r1","input":{"title":"T","label":"L","submit":"S","required":"no","maxLength":5}}',
    ]) {
      expect(readButton(asksInput, value), value).toBeNull();
    }
  });

  it('cuts a card of more than 50 blocks at 49 and says how many more there are', () => {
    const texts: CardBlock[] = Array.from({ length: 60 }, (_, n) => ({ kind: 'text', text: `Paragraph ${n + 1}` }));
    const blocks = render(card(texts)).blocks;
    expect(blocks).toHaveLength(MESSAGE_MAX_BLOCKS);
    expect(blocks[48]).toStrictEqual(mrkdwnSection('Paragraph 48'));
    expect(blocks[49]).toStrictEqual(contextLine('and 12 more'));
    expect(render(card(texts, 'Недельный час', 'ru')).blocks[49]).toStrictEqual(contextLine('и ещё 12'));
  });

  it('counts a cut list by its total in the line that ends a cut card', () => {
    const texts: CardBlock[] = Array.from({ length: 60 }, (_, n) => ({ kind: 'text', text: `Paragraph ${n + 1}` }));
    // The list gives up its items, then the cut takes 12 paragraphs and the list: 12 and its 7.
    const blocks = render(
      card([...texts, { kind: 'list', title: 'Requests', items: items(3), total: 7 }], 'Heure hebdomadaire', 'fr'),
    ).blocks;
    expect(blocks).toHaveLength(MESSAGE_MAX_BLOCKS);
    expect(blocks[48]).toStrictEqual(mrkdwnSection('Paragraph 48'));
    expect(blocks[49]).toStrictEqual(contextLine('et 19 de plus'));
  });

  it('gives up items by priority when the card is more than 50 blocks: what informs first, each group keeping one', () => {
    const texts: CardBlock[] = Array.from({ length: 46 }, (_, n) => ({ kind: 'text', text: `Paragraph ${n + 1}` }));
    const list = (title: string, priority: number, part: string): CardBlock => ({
      kind: 'list',
      title,
      priority,
      part,
      moreLink: `https://example.com/${part}`,
      items: items(5, (n) => ({ text: `${title} ${n + 1}`, actions: [approve(`${title}${n}`), deny(`${title}${n}`)] })),
    });
    // 1 header + 46 paragraphs + two lists of two blocks each is 51: the content of g1 goes, the requests stay whole.
    const blocks = render(card([...texts, list('Requests', 0, 'g1'), list('Content', 2, 'g1')])).blocks;
    expect(blocks).toHaveLength(MESSAGE_MAX_BLOCKS);
    expect(blocks.at(-1)).toStrictEqual(mrkdwnSection('*Content*\n<https://example.com/g1|and 5 more>'));
    expect(JSON.stringify(blocks)).toContain('Requests 5');
    // The content of another group keeps its first item, with its button beside it (one block, not two).
    const keepOnly = (part: string): CardBlock =>
      ({
        ...list('Content', 2, part),
        items: items(5, (n) => ({ text: `Content ${n + 1}`, actions: [keep(`c${n}`)] })),
      }) as CardBlock;
    const other = render(card([...texts, list('Requests', 0, 'g1'), keepOnly('g2')])).blocks;
    expect(other).toHaveLength(MESSAGE_MAX_BLOCKS);
    expect(other.at(-1)).toMatchObject({
      ...mrkdwnSection('*Content*\n• Content 1\n<https://example.com/g2|and 4 more>'),
      accessory: { value: 'c0' },
    });
    expect(JSON.stringify(other)).toContain('Requests 5');
  });

  it('fits a weekly-hour card of six lists of ten items with actions, every item with its actions in a menu', () => {
    const message = render(bigWeeklyHourCard());
    const blocks = message.blocks;
    expect(blocks.length).toBeLessThanOrEqual(MESSAGE_MAX_BLOCKS);
    const json = JSON.stringify(blocks);
    const lists = [
      'New members',
      'Membership requests',
      'Content due for review',
      'Top contributors',
      'Gone quiet',
      'Questions waiting',
    ];
    for (const title of lists)
      for (let n = 1; n <= 10; n += 1) expect(json, `${title} ${n}`).toContain(`${title} ${n} for <@U0ADA>`);
    const menus = blocks
      .flatMap((block) => (block.type === 'actions' ? block.elements : []))
      .filter((element) => element.type === 'static_select');
    expect(menus.map((menu) => ('options' in menu ? (menu.options?.length ?? 0) : 0))).toStrictEqual([
      10, 10, 10, 10, 10, 10, 10,
    ]);
    expect(menus.filter((menu) => /^membership_request\.deny#\d+:input=/.test(menu.action_id ?? ''))).toHaveLength(1);
    // What comes after the lists is all there: the divider, the card's own buttons, the small print.
    expect(blocks.slice(-3).map((block) => block.type)).toStrictEqual(['divider', 'actions', 'context']);
    expect(JSON.stringify(blocks.at(-2))).toContain('weekly_hour.skip#');
  });

  it("keeps the week's own buttons and footer on a card of three groups of six lists, each list cut to what fits", () => {
    const blocks = render(threeGroupWeeklyHourCard()).blocks;
    expect(blocks.length).toBeLessThanOrEqual(MESSAGE_MAX_BLOCKS);
    const json = JSON.stringify(blocks);
    for (const g of [1, 2, 3]) expect(json).toContain(`Group ${g} has a single owner`);
    // Every list is still there, at least as its title over "and N more", counting its 7 in all.
    expect(json.match(/\*Membership requests\*/g)).toHaveLength(3);
    expect(json.match(/\*Gone quiet\*/g)).toHaveLength(3);
    const hidden = [...json.matchAll(/\|and (\d+) more>/g)].map(([, count]) => Number(count));
    expect(hidden).toHaveLength(18);
    expect(hidden.every((count) => count === 4)).toBe(true);
    expect(blocks.slice(-3).map((block) => block.type)).toStrictEqual(['divider', 'actions', 'context']);
    expect(JSON.stringify(blocks.at(-2))).toContain('weekly_hour.skip#');
    expect(blocks.at(-1)).toStrictEqual(contextLine('Week 2026-W10 · due 6 March'));
  });

  it('shows a list cut to no item as one block: its title over "and N more"', () => {
    const list: CardBlock = { kind: 'list', title: 'Requests', items: items(3), moreLink: 'https://example.com/r' };
    expect(render(card([list], ''), { maxListItems: 0 }).blocks).toStrictEqual([
      mrkdwnSection('*Requests*\n<https://example.com/r|and 3 more>'),
    ]);
  });

  it('cuts the longest list of a rank first, and leaves short lists whole', () => {
    const texts: CardBlock[] = Array.from({ length: 46 }, (_, n) => ({ kind: 'text', text: `Paragraph ${n + 1}` }));
    const blocks = render(
      card([
        ...texts,
        { kind: 'list', title: 'Long', items: items(10, (n) => ({ actions: [approve(`a${n}`), deny(`a${n}`)] })) },
        { kind: 'list', title: 'Short', items: items(2, (n) => ({ actions: [approve(`b${n}`), deny(`b${n}`)] })) },
      ]),
    ).blocks;
    // 1 header + 46 paragraphs + two lists of two blocks: "Long" gives up all its items, "Short" keeps both.
    expect(blocks).toHaveLength(MESSAGE_MAX_BLOCKS);
    expect(blocks[47]).toStrictEqual(mrkdwnSection('*Long*\nand 10 more'));
    expect(blocks[48]).toStrictEqual(mrkdwnSection('*Short*\n• Request 1\n• Request 2'));
  });

  it('refuses a menu option value longer than Slack carries', () => {
    const long = items(2, (n) => ({ actions: [approve(`${n}`.repeat(OPTION_VALUE_MAX_LENGTH + 1))] }));
    expect(() => renderCard(card([{ kind: 'list', title: 'Requests', items: long }]))).toThrow(/at most 150/);
  });

  it('refuses a button value longer than Slack carries: a bug in the card, not text to cut', () => {
    const tooLong = card([{ kind: 'actions', actions: [approve('r'.repeat(BUTTON_VALUE_MAX_LENGTH + 1))] }]);
    expect(() => renderCard(tooLong)).toThrow(/at most 2000/);
    render(card([{ kind: 'actions', actions: [approve('r'.repeat(BUTTON_VALUE_MAX_LENGTH))] }]));
  });

  it('uses the words of the summary, escaped, as the fallback text, cut to the message limit', () => {
    expect(render({ locale: 'en', title: 'T', blocks: [], summary: '3 requests for R&D <new>' }).text).toBe(
      '3 requests for R&amp;D &lt;new&gt;',
    );
    expect(
      render({ locale: 'en', title: 'T', blocks: [], summary: '**Ada** asks to join [R&D](https://example.com)' }).text,
    ).toBe('Ada asks to join R&amp;D');
    const long = render({
      locale: 'en',
      title: 'T',
      blocks: [],
      summary: 's'.repeat(MESSAGE_TEXT_MAX_LENGTH + 10),
    }).text;
    expect(long).toHaveLength(MESSAGE_TEXT_MAX_LENGTH);
    expect(long.endsWith('…')).toBe(true);
  });
});
