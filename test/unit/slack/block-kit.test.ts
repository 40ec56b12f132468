import { describe, expect, it } from 'vitest';
import {
  actionIdOf,
  readButton,
  renderCard,
  type RenderOptions,
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
  SECTION_TEXT_MAX_LENGTH,
} from '../../../apps/slack/src/render/limits.ts';
import { expectValidSlackMessage } from '../../support/slack-message-check.ts';
import { escapeMrkdwn, markupToPlainText, toMrkdwn } from '../../../apps/slack/src/render/mrkdwn.ts';
import { truncateMrkdwn } from '../../../apps/slack/src/render/truncate.ts';
import type { Card, CardBlock } from '../../../core/src/cards/card.ts';
import { approve, bigWeeklyHourCard, card, deny, denyWithReason, items, skipWeek, threeGroupWeeklyHourCard, welcome } from '../../support/cards.ts';

function render(card: Card, options?: RenderOptions): SlackMessage {
  const message = renderCard(card, options);
  expectValidSlackMessage(message);
  return message;
}

// ---- cards ---------------------------------------------------------------------------------------


const mrkdwnSection = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });
const contextLine = (text: string) => ({ type: 'context', elements: [{ type: 'mrkdwn', text }] });
const plain = (text: string) => ({ type: 'plain_text', text });

// ---- one element at a time -------------------------------------------------------------------

describe('Block Kit renderer: elements', () => {
  it('renders the title as a plain-text header', () => {
    expect(render(card([], 'Weekly hour: <Design> & co')).blocks).toStrictEqual([
      { type: 'header', text: plain('Weekly hour: <Design> & co') },
    ]);
  });

  it('renders a text block as a mrkdwn section', () => {
    expect(render(card([{ kind: 'text', text: '**3 requests** wait, see [the group](https://example.com/g/1)' }], '')).blocks).toStrictEqual([
      mrkdwnSection('*3 requests* wait, see <https://example.com/g/1|the group>'),
    ]);
  });

  it('renders facts as section fields, label in bold above the value', () => {
    const blocks = render(
      card([{ kind: 'facts', facts: [{ label: 'Members', value: '120' }, { label: 'R&D <lab>', value: '**active**' }] }], ''),
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

  it('renders a list: bold title, one section per item, links, one action beside, several below', () => {
    const blocks = render(
      card(
        [
          {
            kind: 'list',
            title: 'Requests',
            items: [
              { text: 'Ada wants to join', actions: [approve('r1')] },
              { text: '**Bob** wants to join', link: 'https://example.com/p/bob?a=1&b=2', actions: [approve('r2'), deny('r2')] },
              { text: 'Cy left' },
            ],
          },
        ],
        '',
      ),
    ).blocks;
    expect(blocks).toStrictEqual([
      mrkdwnSection('*Requests*'),
      {
        ...mrkdwnSection('Ada wants to join'),
        accessory: { type: 'button', action_id: 'membership_request.approve#0', text: plain('Approve'), value: 'r1', style: 'primary' },
      },
      mrkdwnSection('<https://example.com/p/bob?a=1&amp;b=2|Bob wants to join>'),
      {
        type: 'actions',
        elements: [
          { type: 'button', action_id: 'membership_request.approve#1', text: plain('Approve'), value: 'r2', style: 'primary' },
          { type: 'button', action_id: 'membership_request.deny#2', text: plain('Deny'), value: 'r2', style: 'danger' },
        ],
      },
      mrkdwnSection('Cy left'),
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
          { type: 'button', action_id: 'membership_request.approve#0', text: plain('Approve'), value: 'r1', style: 'primary' },
          {
            type: 'button',
            action_id: 'membership_request.deny#1',
            text: plain('Deny'),
            value: 'r1',
            style: 'danger',
            confirm: { title: plain('Deny Ada?'), text: plain('She will be told.'), confirm: plain('Deny'), deny: plain('Cancel'), style: 'danger' },
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
    expect(render(card([{ kind: 'text', text: ' ' }, { kind: 'context', text: '' }], ' ')).blocks).toStrictEqual([]);
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
          { kind: 'list', title: 'New', items: [{ text: '@[Cy](U0CY)' }, { text: '@[Di](U0DI), joined', link: 'https://example.com/di' }] },
          { kind: 'context', text: 'Decided by @[Ada](U0ADA)' },
        ],
        '',
      ),
    ).blocks;
    expect(blocks).toStrictEqual([
      mrkdwnSection('<@U0ADA> joined'),
      { type: 'section', fields: [{ type: 'mrkdwn', text: '*Owner*\n<@U0BOB>' }] },
      mrkdwnSection('*New*'),
      mrkdwnSection('<@U0CY>'),
      mrkdwnSection('<https://example.com/di|Di, joined>'),
      contextLine('Decided by <@U0ADA>'),
    ]);
  });

  it('leaves unpaired markers as they are and reads the words out of markup', () => {
    for (const words of ['**open', 'a ** b', '[label] (https://example.com)']) expect(toMrkdwn(words)).toBe(words);
    expect(markupToPlainText('**Bob** read [the guide](https://example.com)')).toBe('Bob read the guide');
  });
});

describe('Block Kit renderer: actions that ask for text first', () => {
  it('marks the button and packs the input\'s wording with the value, which a click reads back', () => {
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

  it('does so on a list item\'s button too, beside the item or below it', () => {
    const blocks = render(
      card([{ kind: 'list', title: 'Week', items: [{ text: 'Skip?', actions: [skipWeek('w1')] }, { text: 'Ada', actions: [welcome('m1'), skipWeek('w2')] }] }], ''),
    ).blocks as { accessory?: { action_id: string }; elements?: { action_id: string }[] }[];
    expect(blocks[1]?.accessory?.action_id).toBe('weekly_hour.skip#0:input');
    expect(blocks[3]?.elements?.map((element) => element.action_id)).toStrictEqual(['member.welcome#1', 'weekly_hour.skip#2:input']);
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
              { ...approve('r1'), label: 'z'.repeat(100), confirm: { title: 't'.repeat(120), text: 'u'.repeat(400), yes: 'v'.repeat(40), no: 'No' } },
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
    expect(blocks).toHaveLength(12);
    expect(blocks[10]).toStrictEqual(mrkdwnSection('Request 10'));
    expect(blocks[11]).toStrictEqual(contextLine('and 4 more'));
  });

  it('links "and N more" to the list\'s page, in the card\'s language and the cap it is given', () => {
    const list: CardBlock = { kind: 'list', title: 'Requests', items: items(14), moreLink: 'https://example.com/requests?all=1&x' };
    const blocks = render(card([list], '', 'fr'), { maxListItems: 5 }).blocks;
    expect(blocks).toHaveLength(7);
    expect(blocks[6]).toStrictEqual(contextLine('<https://example.com/requests?all=1&amp;x|et 9 de plus>'));
  });

  it('says "and N more" in Russian for a Russian reader, whatever the count', () => {
    const more = (count: number) => render(card([{ kind: 'list', title: 'Заявки', items: items(count + 1) }], '', 'ru'), { maxListItems: 1 }).blocks.at(-1);
    for (const count of [1, 3, 5, 21]) expect(more(count), `${count}`).toStrictEqual(contextLine(`и ещё ${count}`));
  });

  it('counts in "and N more" the items the card leaves out, from the list\'s total', () => {
    const list: CardBlock = { kind: 'list', title: 'Requests', items: items(3), total: 7, moreLink: 'https://example.com/r' };
    expect(render(card([list], '')).blocks).toStrictEqual([
      mrkdwnSection('*Requests*'),
      mrkdwnSection('Request 1'),
      mrkdwnSection('Request 2'),
      mrkdwnSection('Request 3'),
      contextLine('<https://example.com/r|and 4 more>'),
    ]);
    // Cut to the cap, the list counts those left out by the card and by the cap alike.
    expect(render(card([list], '', 'fr'), { maxListItems: 2 }).blocks.at(-1)).toStrictEqual(contextLine('<https://example.com/r|et 5 de plus>'));
    expect(render(card([list], ''), { maxListItems: 0 }).blocks).toStrictEqual([mrkdwnSection('*Requests*\n<https://example.com/r|and 7 more>')]);
    // A list of none of its items still says how many there are; a total below the items given counts the items.
    expect(render(card([{ kind: 'list', title: 'Requests', items: [], total: 5 }], '')).blocks).toStrictEqual([mrkdwnSection('*Requests*\nand 5 more')]);
    expect(render(card([{ kind: 'list', title: 'Requests', items: items(14), total: 3 }], '')).blocks.at(-1)).toStrictEqual(contextLine('and 4 more'));
    expect(render(card([{ kind: 'list', title: 'Requests', items: items(3), total: 3 }], '')).blocks).toHaveLength(4);
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

  it('gives every button its own action id, which parses back to the core action', () => {
    const message = render(
      card([
        { kind: 'list', title: 'Requests', items: items(3, (n) => ({ actions: [approve(`r${n}`), deny(`r${n}`)] })) },
        { kind: 'actions', actions: [approve('all'), deny('all')] },
      ]),
    );
    const buttons = message.blocks.flatMap((block) => (block.type === 'actions' ? block.elements : []));
    const actionIds = buttons.map((button) => ('action_id' in button ? button.action_id : undefined));
    expect(actionIds).toHaveLength(8);
    expect(new Set(actionIds).size).toBe(8);
    expect(actionIds.map((actionId) => readButton(actionId ?? '', 'r1')?.id)).toEqual(
      Array.from({ length: 4 }, () => ['membership_request.approve', 'membership_request.deny']).flat(),
    );
    expect(readButton(actionIdOf('membership_request.deny', 41), 'r9')).toStrictEqual({ id: 'membership_request.deny', value: 'r9', input: null });
  });

  it('parses no action id it did not write, and no input button whose value it did not pack', () => {
    for (const foreign of ['membership_request.approve', 'membership_request.approve#', 'membership_request.approve#x', 'group.delete#1', '#1', '']) {
      expect(readButton(foreign, 'r1'), foreign).toBeNull();
    }
    const asksInput = actionIdOf('weekly_hour.skip', 0, true);
    for (const value of ['r1', '{}', '{"value":"r1"}', '{"value":"r1","input":{"title":"T","label":"L","submit":"S","required":"no","maxLength":5}}']) {
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
    const blocks = render(card([...texts, { kind: 'list', title: 'Requests', items: items(3), total: 7 }], 'Heure hebdomadaire', 'fr')).blocks;
    expect(blocks).toHaveLength(MESSAGE_MAX_BLOCKS);
    expect(blocks[48]).toStrictEqual(mrkdwnSection('Paragraph 48'));
    expect(blocks[49]).toStrictEqual(contextLine('et 19 de plus'));
  });

  it('never separates an item from its buttons, and counts hidden items, linked to the list', () => {
    const list: CardBlock = {
      kind: 'list',
      title: 'Requests',
      items: items(40, (n) => ({ actions: [approve(`r${n}`), deny(`r${n}`)] })),
      moreLink: 'https://example.com/requests',
    };
    // Header, title, "and N more" and the divider after the list leave 46 blocks: 23 items of two
    // blocks each. The other 17 (7 cut here, 10 beyond the cap of 30) are "and 17 more".
    const blocks = render(card([list, { kind: 'divider' }]), { maxListItems: 30 }).blocks;
    expect(blocks).toHaveLength(MESSAGE_MAX_BLOCKS);
    expect(blocks[46]).toStrictEqual(mrkdwnSection('Request 23'));
    expect(blocks[47]?.type).toBe('actions');
    expect(blocks[48]).toStrictEqual(contextLine('<https://example.com/requests|and 17 more>'));
    expect(blocks[49]).toStrictEqual({ type: 'divider' });
    // With 100 in all, the 60 the card leaves out are counted too.
    const ofHundred = render(card([{ ...list, total: 100 }, { kind: 'divider' }]), { maxListItems: 30 }).blocks;
    expect(ofHundred.slice(0, 48)).toStrictEqual(blocks.slice(0, 48));
    expect(ofHundred[48]).toStrictEqual(contextLine('<https://example.com/requests|and 77 more>'));
  });

  it('fits a weekly-hour card of six lists of ten items with actions into 50 blocks, each list cut alike', () => {
    const message = render(bigWeeklyHourCard());
    const blocks = message.blocks;
    expect(blocks).toHaveLength(MESSAGE_MAX_BLOCKS);
    const texts = blocks.map((block) => (block.type === 'section' || block.type === 'context' ? JSON.stringify(block) : ''));
    const at = (text: string) => texts.findIndex((json) => json.includes(text));
    // Every list keeps its title, its first items with their buttons, and says how many it left out.
    const lists = ['New members', 'Membership requests', 'Content due for review', 'Top contributors', 'Gone quiet', 'Questions waiting'];
    const shown = lists.map((title) => texts.filter((json) => json.includes(`${title} `) && json.includes('U0ADA')).length);
    expect(shown).toStrictEqual([5, 4, 4, 4, 4, 4]);
    lists.forEach((title, n) => {
      expect(at(`*${title}*`), title).toBeGreaterThan(0);
      expect(at(`lists/${encodeURIComponent(title)}|and ${10 - (shown[n] ?? 0)} more>`), title).toBeGreaterThan(at(`*${title}*`));
    });
    // Lists of 25 in all are cut alike, and count the 15 the card leaves out.
    const ofTwentyFive = bigWeeklyHourCard();
    const withTotals = { ...ofTwentyFive, blocks: ofTwentyFive.blocks.map((block) => (block.kind === 'list' ? { ...block, total: 25 } : block)) };
    const json = JSON.stringify(render(withTotals).blocks);
    lists.forEach((title, n) => expect(json, title).toContain(`lists/${encodeURIComponent(title)}|and ${25 - (shown[n] ?? 0)} more>`));
    // The requests keep both their buttons, the deny one asking for a reason.
    const requestButtons = blocks.flatMap((block) => (block.type === 'actions' ? block.elements : [])).map((element) => ('action_id' in element ? (element.action_id ?? '') : ''));
    expect(requestButtons.filter((id) => id.startsWith('membership_request.deny') && id.endsWith(':input'))).toHaveLength(4);
    // What comes after the lists is all there: the divider, the card's own buttons, the small print.
    expect(blocks.slice(-3).map((block) => block.type)).toStrictEqual(['divider', 'actions', 'context']);
    expect(JSON.stringify(blocks.at(-2))).toContain('weekly_hour.skip#');
  });

  it('keeps the week\'s own buttons and footer on a card of three groups of six lists, each list cut to what fits', () => {
    const blocks = render(threeGroupWeeklyHourCard()).blocks;
    expect(blocks.length).toBeLessThanOrEqual(MESSAGE_MAX_BLOCKS);
    const json = JSON.stringify(blocks);
    for (const g of [1, 2, 3]) expect(json).toContain(`Group ${g} has a single owner`);
    // Every list is still there, at least as its title over "and N more", counting its 7 in all.
    expect(json.match(/\*Membership requests\*/g)).toHaveLength(3);
    expect(json.match(/\*Gone quiet\*/g)).toHaveLength(3);
    const hidden = [...json.matchAll(/\|and (\d+) more>/g)].map(([, count]) => Number(count));
    expect(hidden).toHaveLength(18);
    expect(hidden.every((count) => count >= 4 && count <= 7)).toBe(true);
    expect(blocks.slice(-3).map((block) => block.type)).toStrictEqual(['divider', 'actions', 'context']);
    expect(JSON.stringify(blocks.at(-2))).toContain('weekly_hour.skip#');
    expect(blocks.at(-1)).toStrictEqual(contextLine('Week 2026-W10 · due 6 March'));
  });

  it('shows a list cut to no item as one block: its title over "and N more"', () => {
    const list: CardBlock = { kind: 'list', title: 'Requests', items: items(3), moreLink: 'https://example.com/r' };
    expect(render(card([list], ''), { maxListItems: 0 }).blocks).toStrictEqual([mrkdwnSection('*Requests*\n<https://example.com/r|and 3 more>')]);
  });

  it('cuts the longest list first, and leaves short lists whole', () => {
    const texts: CardBlock[] = Array.from({ length: 30 }, (_, n) => ({ kind: 'text', text: `Paragraph ${n + 1}` }));
    const blocks = render(
      card([
        ...texts,
        { kind: 'list', title: 'Long', items: items(10, (n) => ({ actions: [approve(`a${n}`), deny(`a${n}`)] })) },
        { kind: 'list', title: 'Short', items: items(2) },
      ]),
    ).blocks;
    // 1 header + 30 paragraphs + "Long", its "and N more", "Short" and its 2 items leave 14 blocks: 7 requests.
    expect(blocks).toHaveLength(MESSAGE_MAX_BLOCKS);
    expect(blocks[46]).toStrictEqual(contextLine('and 3 more'));
    expect(blocks.slice(-3)).toStrictEqual([mrkdwnSection('*Short*'), mrkdwnSection('Request 1'), mrkdwnSection('Request 2')]);
  });

  it('refuses a button value longer than Slack carries: a bug in the card, not text to cut', () => {
    const tooLong = card([{ kind: 'actions', actions: [approve('r'.repeat(BUTTON_VALUE_MAX_LENGTH + 1))] }]);
    expect(() => renderCard(tooLong)).toThrow(/at most 2000/);
    render(card([{ kind: 'actions', actions: [approve('r'.repeat(BUTTON_VALUE_MAX_LENGTH))] }]));
  });

  it('uses the words of the summary, escaped, as the fallback text, cut to the message limit', () => {
    expect(render({ locale: 'en', title: 'T', blocks: [], summary: '3 requests for R&D <new>' }).text).toBe('3 requests for R&amp;D &lt;new&gt;');
    expect(render({ locale: 'en', title: 'T', blocks: [], summary: '**Ada** asks to join [R&D](https://example.com)' }).text).toBe('Ada asks to join R&amp;D');
    const long = render({ locale: 'en', title: 'T', blocks: [], summary: 's'.repeat(MESSAGE_TEXT_MAX_LENGTH + 10) }).text;
    expect(long).toHaveLength(MESSAGE_TEXT_MAX_LENGTH);
    expect(long.endsWith('…')).toBe(true);
  });
});
