import { createRequire } from 'node:module';
import type { IActionSet, IChoiceSetInput, IExecuteAction, IShowCardAction } from '@microsoft/teams.cards';
import { describe, expect, it } from 'vitest';
import {
  ADAPTIVE_CARD_SCHEMA,
  type AdaptiveCard,
  inputFrom,
  type RenderOptions,
  renderAdaptiveCard,
  valueFrom,
} from '../../../apps/teams/src/render/adaptive-card.ts';
import {
  ACTION_SET_MAX_ACTIONS,
  MESSAGE_MAX_BYTES,
  REFRESH_MAX_USER_IDS,
} from '../../../apps/teams/src/render/limits.ts';
import {
  escapeMarkdown,
  markdownLink,
  markupToPlainText,
  toMarkdown,
} from '../../../apps/teams/src/render/markdown.ts';
import type { Card, CardAction, CardBlock } from '../../../core/src/cards/card.ts';
import { membershipRequestCard } from '../../../core/src/cards/membership-request-card.ts';
import type { MembershipRequest } from '../../../core/src/domain/membership-request.ts';
import { schemaErrors } from '../../support/adaptive-card-check.ts';
import {
  approve,
  bigWeeklyHourCard,
  card,
  deny,
  denyWithReason,
  items,
  skipWeek,
  threeGroupWeeklyHourCard,
} from '../../support/cards.ts';

// ---- what Teams accepts, checked on every card these tests render -------------------------------

function render(card: Card, options?: RenderOptions): AdaptiveCard {
  const rendered = renderAdaptiveCard(card, options);
  // What goes on the wire: JSON, with nothing (undefined, a class instance) that would not survive it.
  expect(JSON.parse(JSON.stringify(rendered))).toStrictEqual(rendered);
  expect(schemaErrors(rendered)).toStrictEqual([]);
  return rendered;
}

// ---- cards ---------------------------------------------------------------------------------------

const text = (markdown: string) => ({ type: 'TextBlock', text: markdown, wrap: true });

/** The button the renderer makes of `approve(requestId)`. */
const approveButton = (requestId: string) => ({
  type: 'Action.Execute',
  title: 'Approve',
  style: 'positive',
  verb: 'membership_request.approve',
  data: { value: requestId },
});
const denyButton = (requestId: string) => ({
  type: 'Action.Execute',
  title: 'Deny',
  style: 'destructive',
  verb: 'membership_request.deny',
  data: { value: requestId },
});

const body = (blocks: CardBlock[], options?: RenderOptions): unknown[] => render(card(blocks, ''), options).body;

// ---- one element at a time -------------------------------------------------------------------

describe('Adaptive Card renderer: elements', () => {
  it('renders the title as a large bold TextBlock in a 1.5 card with the summary as fallback text', () => {
    expect(
      render({ locale: 'en', title: 'Weekly hour: **Design** & co', blocks: [], summary: '3 requests for **R&D**' }),
    ).toStrictEqual({
      type: 'AdaptiveCard',
      $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
      version: '1.5',
      fallbackText: '3 requests for R&D',
      body: [
        {
          type: 'TextBlock',
          text: 'Weekly hour: \\*\\*Design\\*\\* & co',
          wrap: true,
          size: 'Large',
          weight: 'Bolder',
        },
      ],
    });
  });

  it('renders a text block as a wrapping TextBlock of markdown', () => {
    expect(
      body([{ kind: 'text', text: '**3 requests** wait, see [the group](https://example.com/g/1)' }]),
    ).toStrictEqual([text('**3 requests** wait, see [the group](https://example.com/g/1)')]);
  });

  it('renders facts as a FactSet: the label as written, the value as markdown', () => {
    const facts = [
      { label: 'Members', value: '120' },
      { label: 'R&D_lab *', value: '**active**' },
    ];
    expect(body([{ kind: 'facts', facts }])).toStrictEqual([
      {
        type: 'FactSet',
        facts: [
          { title: 'Members', value: '120' },
          { title: 'R&D\\_lab \\*', value: '**active**' },
        ],
      },
    ]);
  });

  it('renders a list: bold title, one container per item with its link and its buttons', () => {
    const list: CardBlock = {
      kind: 'list',
      title: 'Requests',
      items: [
        { text: 'Ada wants to join', actions: [approve('r1')] },
        {
          text: '**Bob** wants to join',
          link: 'https://example.com/p/bob?a=1&b=2',
          actions: [approve('r2'), deny('r2')],
        },
        { text: 'Cy left' },
      ],
    };
    expect(body([list])).toStrictEqual([
      { type: 'TextBlock', text: 'Requests', wrap: true, weight: 'Bolder' },
      { type: 'Container', items: [text('Ada wants to join'), { type: 'ActionSet', actions: [approveButton('r1')] }] },
      {
        type: 'Container',
        items: [
          text('[Bob wants to join](https://example.com/p/bob?a=1&b=2)'),
          { type: 'ActionSet', actions: [approveButton('r2'), denyButton('r2')] },
        ],
      },
      { type: 'Container', items: [text('Cy left')] },
    ]);
  });

  it('renders actions as an ActionSet of Action.Execute buttons; one that asks to confirm opens a card with the question and the button that acts', () => {
    const actions: CardAction[] = [
      approve('r1'),
      { ...deny('r1'), confirm: { title: 'Deny Ada?', text: 'She will be told.', yes: 'Deny', no: 'Cancel' } },
      { id: 'membership_request.approve', label: 'Later', value: 'r1' },
    ];
    expect(body([{ kind: 'actions', actions }])).toStrictEqual([
      {
        type: 'ActionSet',
        actions: [
          approveButton('r1'),
          // Adaptive Cards 1.5 has no confirmation dialog for Execute: pressing the card's one button is the confirmation.
          {
            type: 'Action.ShowCard',
            title: 'Deny',
            style: 'destructive',
            card: {
              type: 'AdaptiveCard',
              body: [
                { type: 'TextBlock', text: 'Deny Ada?', wrap: true, weight: 'Bolder' },
                { type: 'TextBlock', text: 'She will be told.', wrap: true },
              ],
              actions: [denyButton('r1')],
            },
          },
          {
            type: 'Action.Execute',
            title: 'Later',
            verb: 'membership_request.approve',
            data: { value: 'r1' },
          },
        ],
      },
    ]);
  });

  it('renders a context block as small, subtle markdown', () => {
    expect(body([{ kind: 'context', text: 'Decided by **Ada** on 3 May' }])).toStrictEqual([
      { type: 'TextBlock', text: 'Decided by **Ada** on 3 May', wrap: true, size: 'Small', isSubtle: true },
    ]);
  });

  it('renders a divider as the separator line of the next element, and drops one with nothing above or below', () => {
    const blocks: CardBlock[] = [
      { kind: 'divider' },
      { kind: 'text', text: 'One' },
      { kind: 'divider' },
      { kind: 'divider' },
      { kind: 'text', text: ' ' },
      { kind: 'list', title: 'Requests', items: items(1) },
      { kind: 'divider' },
    ];
    expect(body(blocks)).toStrictEqual([
      text('One'),
      { type: 'TextBlock', text: 'Requests', wrap: true, weight: 'Bolder', separator: true },
      text('- Request 1'),
    ]);
  });

  it('leaves out a blank title, blank text, no facts and no actions, which show nothing', () => {
    const blocks: CardBlock[] = [
      { kind: 'text', text: ' ' },
      { kind: 'context', text: '' },
      { kind: 'facts', facts: [] },
      { kind: 'actions', actions: [] },
      { kind: 'list', title: ' ', items: [] },
    ];
    expect(render(card(blocks, ' ')).body).toStrictEqual([]);
  });
});

// ---- the card's markup as TextBlock markdown ---------------------------------------------------

describe('Adaptive Card renderer: markup', () => {
  it('keeps bold and web links, and escapes every other character markdown would read', () => {
    expect(toMarkdown('**Design** & [guide](https://example.com/a?x=1&y=2) for *all* _of_ `us` ~~now~~ <b> \\o/')).toBe(
      '**Design** & [guide](https://example.com/a?x=1&y=2) for \\*all\\* \\_of\\_ \\`us\\` \\~\\~now\\~\\~ \\<b> \\\\o/',
    );
  });

  it('escapes brackets, entities and date functions, which would turn words into something else', () => {
    expect(escapeMarkdown('[draft] AT&amp;T &#42; Q&A')).toBe('\\[draft\\] AT\\&amp;T \\&#42; Q&A');
    expect(escapeMarkdown('due {{DATE(2026-02-14T06:00:00Z, SHORT)}}')).toBe(
      'due \\{\\{DATE(2026-02-14T06:00:00Z, SHORT)}}',
    );
  });

  it('escapes what starts a heading, a quote or a list only where a line starts', () => {
    expect(escapeMarkdown('# Design\n> quoted\n- one\n+ two\n  3. three\n4) four\n===\na - b + c # d > e 5. f')).toBe(
      '\\# Design\n\\> quoted\n\\- one\n\\+ two\n  3\\. three\n4\\) four\n\\===\na - b + c # d > e 5. f',
    );
    expect(toMarkdown('**Ada**\n- joined')).toBe('**Ada**\n\\- joined');
  });

  it('makes links only of web addresses, and keeps a label or an address from breaking its link', () => {
    expect(toMarkdown('[click](javascript:alert(1))')).toBe('\\[click\\](javascript:alert(1))');
    expect(toMarkdown('[a [b] c](https://example.com/x)')).toBe('\\[a \\[b\\] c\\](https://example.com/x)');
    expect(markdownLink('https://example.com/a b/(c)<d>\\e', 'R&D [team]_1')).toBe(
      '[R&D \\[team\\]\\_1](https://example.com/a%20b/%28c%29%3Cd%3E%5Ce)',
    );
  });

  it('moves spaces out of bold, leaves unpaired markers as words, and reads the words out of markup', () => {
    expect(toMarkdown('** Ada ** joined')).toBe(' **Ada**  joined');
    expect(toMarkdown('** ** x')).toBe('  x');
    for (const [words, markdown] of [
      ['**open', '\\*\\*open'],
      ['a ** b', 'a \\*\\* b'],
      ['[label] (https://example.com)', '\\[label\\] (https://example.com)'],
    ]) {
      expect(toMarkdown(words ?? '')).toBe(markdown);
    }
    expect(markupToPlainText('**Bob** read [the guide](https://example.com)')).toBe('Bob read the guide');
  });

  it("writes a mention as the person's name, as written, when nothing keeps its entity", () => {
    expect(toMarkdown('Thanks @[Ada_L](aaaa-1)!')).toBe('Thanks Ada\\_L!');
    expect(markupToPlainText('Thanks @[Ada](aaaa-1)')).toBe('Thanks Ada');
  });

  it('uses the words of the summary, as written, for the fallback text', () => {
    expect(
      render({ locale: 'en', title: 'T', blocks: [], summary: '**Ada** asks to join [R_D](https://example.com) *now*' })
        .fallbackText,
    ).toBe('Ada asks to join R\\_D \\*now\\*');
  });
});

// ---- mentions -------------------------------------------------------------------------------------

describe('Adaptive Card renderer: mentions', () => {
  const mention = (name: string, id: string) => ({
    type: 'mention',
    text: `<at>${name}</at>`,
    mentioned: { id, name },
  });

  it('writes <at>Name</at> in the text and names the person, by Entra object id, in msteams.entities', () => {
    const rendered = render(card([{ kind: 'text', text: 'Welcome @[Ada Lovelace](aaaa-1111) to **Design**!' }], ''));
    expect(rendered.body).toStrictEqual([text('Welcome <at>Ada Lovelace</at> to **Design**!')]);
    expect(rendered.msteams).toStrictEqual({ entities: [mention('Ada Lovelace', 'aaaa-1111')] });
  });

  it('mentions people in facts, list items and small print, each once, and keeps only the name inside a link', () => {
    const rendered = render(
      card(
        [
          { kind: 'facts', facts: [{ label: 'Owner', value: '@[Bob](bbbb-2)' }] },
          {
            kind: 'list',
            title: 'New',
            items: [
              { text: '@[Cy](cccc-3) and @[Bob](bbbb-2)' },
              { text: '@[Di](dddd-4)', link: 'https://example.com/di' },
            ],
          },
          { kind: 'context', text: 'Decided by @[Bob](bbbb-2)' },
        ],
        '',
      ),
    );
    expect(rendered.body).toStrictEqual([
      { type: 'FactSet', facts: [{ title: 'Owner', value: '<at>Bob</at>' }] },
      { type: 'TextBlock', text: 'New', wrap: true, weight: 'Bolder' },
      text('- <at>Cy</at> and <at>Bob</at>\n- [Di](https://example.com/di)'),
      { ...text('Decided by <at>Bob</at>'), size: 'Small', isSubtle: true },
    ]);
    expect(rendered.msteams?.entities).toStrictEqual([mention('Bob', 'bbbb-2'), mention('Cy', 'cccc-3')]);
  });

  it('keeps angle brackets out of a mention, whose text must match its entity exactly', () => {
    const rendered = render(card([{ kind: 'text', text: 'Hi @[<Ada>](aaaa-1) and @[<>](bbbb-2)' }], ''));
    expect(rendered.body).toStrictEqual([text('Hi <at>Ada</at> and <at>bbbb-2</at>')]);
    expect(rendered.msteams?.entities).toStrictEqual([mention('Ada', 'aaaa-1'), mention('bbbb-2', 'bbbb-2')]);
  });

  it('leaves msteams out of a card that mentions nobody', () => {
    expect('msteams' in render(card([{ kind: 'text', text: 'Nobody [here](https://example.com)' }]))).toBe(false);
  });
});

// ---- actions that ask for text first --------------------------------------------------------------

describe('Adaptive Card renderer: actions that ask for text first', () => {
  it("renders the action as Action.ShowCard: a card with the field, and the action's Execute sending the text", () => {
    expect(body([{ kind: 'actions', actions: [approve('r1'), denyWithReason('r1')] }])).toStrictEqual([
      {
        type: 'ActionSet',
        actions: [
          approveButton('r1'),
          {
            type: 'Action.ShowCard',
            title: 'Deny',
            style: 'destructive',
            card: {
              type: 'AdaptiveCard',
              body: [
                { type: 'TextBlock', text: 'Deny the request', wrap: true, weight: 'Bolder' },
                {
                  type: 'Input.Text',
                  id: 'input',
                  label: 'Reason (the requester sees it)',
                  placeholder: 'Why not?',
                  isRequired: false,
                  maxLength: 500,
                  isMultiline: true,
                },
              ],
              actions: [
                {
                  type: 'Action.Execute',
                  title: 'Deny',
                  style: 'destructive',
                  verb: 'membership_request.deny',
                  data: { value: 'r1', inputId: 'input' },
                },
              ],
            },
          },
        ],
      },
    ]);
  });

  it("gives every input of the card its own id, which the action's data names, on list items too", () => {
    const rendered = render(
      card([
        {
          kind: 'list',
          title: 'Requests',
          items: items(2, (n) => ({ actions: [approve(`r${n}`), denyWithReason(`r${n}`)] })),
        },
        {
          kind: 'actions',
          actions: [{ ...skipWeek('w1'), input: { ...skipWeek('w1').input!, required: true, placeholder: ' ' } }],
        },
      ]),
    );
    const shown = JSON.stringify(rendered.body);
    expect([...shown.matchAll(/"type":"Input.Text","id":"([^"]+)"/g)].map((match) => match[1])).toStrictEqual([
      'input',
      'input.1',
      'input.2',
    ]);
    expect(
      [...shown.matchAll(/"data":\{"value":"([^"]+)","inputId":"([^"]+)"\}/g)].map(
        (match) => `${match[1]} ${match[2]}`,
      ),
    ).toStrictEqual(['r0 input', 'r1 input.1', 'w1 input.2']);
    expect(shown).toContain(
      '"id":"input.2","label":"Reason (optional)","isRequired":true,"maxLength":100,"isMultiline":false',
    );
  });

  it('reads the text from the input the data names, trimmed, and nothing from a blank or foreign one', () => {
    expect(inputFrom({ value: 'r1', inputId: 'input', input: '  Reviewers only ' })).toBe('Reviewers only');
    expect(inputFrom({ value: 'r1', inputId: 'input.2', input: 'not this one', 'input.2': 'This one' })).toBe(
      'This one',
    );
    expect(inputFrom({ value: 'r1', input: 'No id given' })).toBe('No id given');
    expect(inputFrom({ value: 'r1', inputId: 'value', input: 'Only input ids count' })).toBe('Only input ids count');
    expect(inputFrom({ value: 'r1', inputId: 'input', input: '   ' })).toBeNull();
    expect(inputFrom({ value: 'r1' })).toBeNull();
    expect(inputFrom({ value: 'r1', input: 42 })).toBeNull();
  });
});

// ---- lists and buttons --------------------------------------------------------------------------

describe('Adaptive Card renderer: lists and buttons', () => {
  it('shows the first 10 items of a long list as lines, then "and N more"', () => {
    const elements = body([{ kind: 'list', title: 'Requests', items: items(14) }]);
    expect(elements).toStrictEqual([
      { type: 'TextBlock', text: 'Requests', wrap: true, weight: 'Bolder' },
      text(Array.from({ length: 10 }, (_, n) => `- Request ${n + 1}`).join('\n')),
      { ...text('and 4 more'), isSubtle: true },
    ]);
  });

  it('links "and N more" to the list\'s page, in the card\'s language and the cap it is given', () => {
    const list: CardBlock = {
      kind: 'list',
      title: 'Requests',
      items: items(14),
      moreLink: 'https://example.com/requests?all=1&x',
    };
    const elements = render(card([list], '', 'fr'), { maxListItems: 5 }).body;
    expect(elements).toHaveLength(3);
    expect(elements[2]).toStrictEqual({
      ...text('[et 9 de plus](https://example.com/requests?all=1&x)'),
      isSubtle: true,
    });
    expect(body([{ ...list, items: items(3) }], { maxListItems: 0 })).toStrictEqual([
      { type: 'TextBlock', text: 'Requests', wrap: true, weight: 'Bolder' },
      { ...text('[and 3 more](https://example.com/requests?all=1&x)'), isSubtle: true },
    ]);
  });

  it('says "and N more" in Russian for a Russian reader, whatever the count', () => {
    const more = (count: number) =>
      render(card([{ kind: 'list', title: 'Заявки', items: items(count + 1) }], '', 'ru'), { maxListItems: 1 }).body.at(
        -1,
      );
    for (const count of [1, 3, 5, 21])
      expect(more(count), `${count}`).toStrictEqual({ ...text(`и ещё ${count}`), isSubtle: true });
  });

  it('counts in "and N more" the items the card leaves out, from the list\'s total', () => {
    const list: CardBlock = {
      kind: 'list',
      title: 'Requests',
      items: items(3),
      total: 7,
      moreLink: 'https://example.com/r',
    };
    expect(body([list])).toStrictEqual([
      { type: 'TextBlock', text: 'Requests', wrap: true, weight: 'Bolder' },
      text('- Request 1\n- Request 2\n- Request 3'),
      { ...text('[and 4 more](https://example.com/r)'), isSubtle: true },
    ]);
    // Cut to the cap, the list counts those left out by the card and by the cap alike.
    expect(render(card([list], '', 'fr'), { maxListItems: 2 }).body.at(-1)).toStrictEqual({
      ...text('[et 5 de plus](https://example.com/r)'),
      isSubtle: true,
    });
    expect(body([list], { maxListItems: 0 })).toStrictEqual([
      { type: 'TextBlock', text: 'Requests', wrap: true, weight: 'Bolder' },
      { ...text('[and 7 more](https://example.com/r)'), isSubtle: true },
    ]);
    // A list of none of its items still says how many there are, even untitled; a total below the items given counts the items.
    expect(body([{ kind: 'list', title: '', items: [], total: 5 }])).toStrictEqual([
      { ...text('and 5 more'), isSubtle: true },
    ]);
    expect(body([{ kind: 'list', title: 'Requests', items: items(14), total: 3 }]).at(-1)).toStrictEqual({
      ...text('and 4 more'),
      isSubtle: true,
    });
    expect(body([{ kind: 'list', title: 'Requests', items: items(3), total: 3 }])).toHaveLength(2);
  });

  it(`puts at most ${ACTION_SET_MAX_ACTIONS} buttons in an ActionSet, which is all Teams shows, and the rest in the next ones`, () => {
    const actions = Array.from({ length: 14 }, (_, n) => approve(`r${n}`));
    const elements = body([{ kind: 'actions', actions }]) as { type: string; actions: unknown[] }[];
    expect(elements.map((element) => [element.type, element.actions.length])).toStrictEqual([
      ['ActionSet', 6],
      ['ActionSet', 6],
      ['ActionSet', 2],
    ]);
    expect(elements[2]?.actions[1]).toStrictEqual(approveButton('r13'));
  });

  it('makes every button an Action.Execute whose verb is the core action, with no Action.Submit fallback (a 1.5 card needs none)', () => {
    const rendered = render(
      card([
        { kind: 'list', title: 'Requests', items: items(3, (n) => ({ actions: [approve(`r${n}`), deny(`r${n}`)] })) },
        {
          kind: 'actions',
          actions: [approve('all'), deny('all'), { id: 'membership_request.approve', label: 'Plain', value: 'p' }],
        },
      ]),
    );
    const buttons: unknown[] = [];
    const collect = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(collect);
      else if (typeof value === 'object' && value !== null) {
        const { type, actions, items: children } = value as { type?: unknown; actions?: unknown; items?: unknown };
        if (type === 'ActionSet') buttons.push(...(actions as unknown[]));
        collect(children);
      }
    };
    collect(rendered.body);
    expect(buttons).toHaveLength(9);
    for (const button of buttons) {
      const { type, title, verb, data, fallback } = button as Record<string, unknown>;
      expect(type).toBe('Action.Execute');
      expect(['membership_request.approve', 'membership_request.deny']).toContain(verb);
      expect(title).toBeTypeOf('string');
      expect(data).toMatchObject({ value: expect.any(String) });
      expect(fallback).toBeUndefined();
    }
  });
});

// ---- Universal Actions refresh ------------------------------------------------------------------

describe('Adaptive Card renderer: refresh', () => {
  const teamsPerson = (userId: string) => ({ platform: 'teams' as const, workspaceId: 'tenant-1', userId });
  const withRefresh = (audience: ReturnType<typeof teamsPerson>[]) => ({
    ...card([]),
    refresh: { id: 'membership_request.view' as const, value: 'r1', audience },
  });

  it('asks Teams to fetch the card as it stands for every Teams person of the audience, and not at all without one', () => {
    const audience = [
      teamsPerson('aaaa-1'),
      { platform: 'slack' as const, workspaceId: 'T1', userId: 'U1' },
      teamsPerson('bbbb-2'),
    ];
    expect(render(withRefresh(audience as ReturnType<typeof teamsPerson>[])).refresh).toStrictEqual({
      action: { type: 'Action.Execute', verb: 'membership_request.view', data: { value: 'r1' } },
      userIds: ['8:orgid:aaaa-1', '8:orgid:bbbb-2'],
    });
    expect(render(card([])).refresh).toBeUndefined();
    expect('refresh' in render(card([]))).toBe(false);
  });

  it(`names up to ${REFRESH_MAX_USER_IDS} people, the most Teams takes, and nobody above: then every member of a small chat gets it`, () => {
    const people = (count: number) => Array.from({ length: count }, (_, n) => teamsPerson(`user-${n}`));
    expect(render(withRefresh(people(60))).refresh?.userIds).toHaveLength(60);
    for (const count of [61, 100]) {
      expect(render(withRefresh(people(count))).refresh).toStrictEqual({
        action: { type: 'Action.Execute', verb: 'membership_request.view', data: { value: 'r1' } },
      });
    }
  });

  it.each([61, 100])(
    'renders the membership request card of a team of %i owners, its buttons and its refresh',
    (count) => {
      const owners = Array.from({ length: count }, (_, n) =>
        teamsPerson(`00000000-0000-4000-8000-${String(n).padStart(12, '0')}`),
      );
      const request: MembershipRequest = {
        id: 'r1',
        tenantId: 't1',
        groupId: 'g1',
        requesterId: 'p1',
        requestedAt: new Date(),
        note: null,
        status: 'pending',
        decidedBy: null,
        decidedAt: null,
        reason: null,
        deadlineStep: null,
        deadlineAt: null,
      };
      const rendered = render(
        membershipRequestCard({
          locale: 'en',
          request,
          groupName: 'Design',
          requesterName: 'Chloé Dubois',
          deciderName: null,
          owners,
        }),
      );
      expect(rendered.refresh).toStrictEqual({
        action: { type: 'Action.Execute', verb: 'membership_request.view', data: { value: 'r1' } },
      });
      expect(JSON.stringify(rendered.body)).toContain('"verb":"membership_request.approve"');
    },
  );
});

// ---- the checks themselves ------------------------------------------------------------------------

describe('Adaptive Card renderer: the checks', () => {
  const valid = renderAdaptiveCard({
    ...card([{ kind: 'actions', actions: [approve('r1')] }]),
    refresh: {
      id: 'membership_request.view',
      value: 'r1',
      audience: [{ platform: 'teams', workspaceId: 't', userId: 'aaaa-1' }],
    },
  });

  it('has a schema that refuses what the 1.5 specification or Teams refuses', () => {
    expect(schemaErrors(valid)).toStrictEqual([]);
    expect(ADAPTIVE_CARD_SCHEMA).toBe('http://adaptivecards.io/schemas/adaptive-card.json');
    const broken: [string, unknown][] = [
      ['a later version', { ...valid, version: '1.6' }],
      ['no version', { ...valid, version: undefined }],
      ['an unknown card property', { ...valid, msteams: { width: 'Full' } }],
      ['an unknown element', { ...valid, body: [{ type: 'Table', rows: [] }] }],
      ['a TextBlock without text', { ...valid, body: [{ type: 'TextBlock', wrap: true }] }],
      ['an unknown size', { ...valid, body: [{ type: 'TextBlock', text: 'x', size: 'huge' }] }],
      ['a Fact without value', { ...valid, body: [{ type: 'FactSet', facts: [{ title: 'x' }] }] }],
      [
        'an unknown action style',
        { ...valid, body: [{ type: 'ActionSet', actions: [{ type: 'Action.Execute', style: 'primary' }] }] },
      ],
      [
        '7 buttons in a set',
        { ...valid, body: [{ type: 'ActionSet', actions: Array.from({ length: 7 }, () => valid.refresh?.action) }] },
      ],
      ['61 people to refresh for', { ...valid, refresh: { userIds: Array.from({ length: 61 }, (_, n) => `29:${n}`) } }],
      [
        'a mention not written <at>…</at>',
        { ...valid, msteams: { entities: [{ type: 'mention', text: 'Ada', mentioned: { id: 'a', name: 'Ada' } }] } },
      ],
      [
        'a mention naming nobody',
        { ...valid, msteams: { entities: [{ type: 'mention', text: '<at>Ada</at>', mentioned: { name: 'Ada' } }] } },
      ],
      [
        'an input without id',
        {
          ...valid,
          body: [
            {
              type: 'ActionSet',
              actions: [{ type: 'Action.ShowCard', card: { type: 'AdaptiveCard', body: [{ type: 'Input.Text' }] } }],
            },
          ],
        },
      ],
      ['an input outside a shown card', { ...valid, body: [{ type: 'Input.Text', id: 'input' }] }],
    ];
    for (const [what, json] of broken)
      expect(schemaErrors(JSON.parse(JSON.stringify(json))), what).not.toStrictEqual([]);
    // Enumerations are case-insensitive in the specification.
    expect(
      schemaErrors({ ...valid, body: [{ type: 'TextBlock', text: 'x', size: 'EXTRALARGE', weight: 'bolder' }] }),
    ).toStrictEqual([]);
  });

  // The Adaptive Cards JavaScript library parses without a DOM (its bundled build in dist/; lib/ is
  // ESM without file extensions, which Node does not load). It is not a dependency yet.
  const adaptiveCards = loadAdaptiveCards();

  it('fits a weekly-hour card of six lists of ten items with actions into a Teams message, every item shown, actions in menus', () => {
    const full = bigWeeklyHourCard();
    const rendered = render(full);
    // Teams refuses a bot message above 28 KB: the card leaves room for the activity around it.
    const activity = {
      type: 'message',
      summary: full.summary,
      attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: rendered }],
    };
    expect(Buffer.byteLength(JSON.stringify(activity))).toBeLessThanOrEqual(MESSAGE_MAX_BYTES);
    // Each list keeps its title and all ten items as lines, then one menu for its items' actions.
    const titles = [
      'New members',
      'Membership requests',
      'Content due for review',
      'Top contributors',
      'Gone quiet',
      'Questions waiting',
    ];
    const at = (title: string) =>
      rendered.body.findIndex((element) => element.type === 'TextBlock' && element.text === title);
    for (const title of titles) {
      const lines = rendered.body[at(title) + 1];
      expect(lines?.type === 'TextBlock' ? lines.text.split('\n') : [], title).toHaveLength(10);
      if (title !== 'Questions waiting')
        expect(rendered.body[at(title) + 2], title).toMatchObject({
          type: 'ActionSet',
          actions: [{ type: 'Action.ShowCard' }],
        });
    }
    const menu = rendered.body[at('Membership requests') + 2] as IActionSet;
    expect(menu.actions[0]).toMatchObject({
      title: 'Approve / Deny…',
      card: {
        body: [
          {
            type: 'Input.ChoiceSet',
            id: 'choice.1',
            style: 'compact',
            label: 'Membership requests',
            isRequired: true,
            errorMessage: 'Pick one first.',
            placeholder: 'Choose…',
          },
          { type: 'Input.Text', id: 'input', label: 'Reason (the requester sees it)' },
        ],
        actions: [
          {
            type: 'Action.Execute',
            title: 'Approve',
            verb: 'membership_request.approve',
            data: { choiceId: 'choice.1' },
          },
          {
            type: 'Action.Execute',
            title: 'Deny',
            verb: 'membership_request.deny',
            data: { choiceId: 'choice.1', inputId: 'input' },
          },
        ],
      },
    });
    // What comes after the lists is all there, the divider drawn above the card's own buttons.
    expect(rendered.body.slice(-2)).toMatchObject([
      { type: 'ActionSet', separator: true },
      { type: 'TextBlock', size: 'Small' },
    ]);
    expect(rendered.msteams?.entities).toStrictEqual([
      { type: 'mention', text: '<at>Ada Lovelace</at>', mentioned: { id: 'U0ADA', name: 'Ada Lovelace' } },
    ]);
    expect(parseWithoutWarnings(rendered)).toStrictEqual([]);
  });

  it("reads the value picked in a menu, with the end all its values share, and never another action's text", () => {
    const list: CardBlock = {
      kind: 'list',
      title: 'Requests',
      items: items(4, (n) => ({ actions: [approve(`r${n}|owner:2026-W10`), denyWithReason(`r${n}|owner:2026-W10`)] })),
    };
    const [, , set] = body([list]);
    const shown = (set as IActionSet).actions[0] as IShowCardAction;
    const [choices] = shown.card?.body ?? [];
    // The choices carry only what differs; the buttons carry the rest once.
    expect((choices as IChoiceSetInput).choices.map((choice) => choice.value)).toStrictEqual(['r0', 'r1', 'r2', 'r3']);
    const [approveButton, denyButton] = (shown.card?.actions ?? []) as IExecuteAction[];
    expect(approveButton?.data).toStrictEqual({ choiceId: 'choice', valueSuffix: '|owner:2026-W10' });
    // What Teams sends: the button's data and every input of the card.
    const sent = (button: IExecuteAction | undefined) => ({
      ...(button?.data as Record<string, unknown>),
      choice: 'r2',
      input: 'Not this time',
    });
    expect(valueFrom(sent(approveButton))).toBe('r2|owner:2026-W10');
    expect(inputFrom(sent(approveButton))).toBeNull();
    expect(valueFrom(sent(denyButton))).toBe('r2|owner:2026-W10');
    expect(inputFrom(sent(denyButton))).toBe('Not this time');
    // Nothing picked, a foreign input named, or a plain button's value.
    expect(valueFrom({ choiceId: 'choice', valueSuffix: '|x' })).toBe('');
    expect(valueFrom({ choiceId: 'input', input: 'r1' })).toBe('');
    expect(valueFrom({ value: 'r7' })).toBe('r7');
  });

  it('keeps buttons under each item of a short list, and puts them in menus when the card is short of room', () => {
    const short: CardBlock = {
      kind: 'list',
      title: 'Requests',
      items: items(3, (n) => ({ actions: [approve(`r${n}`)] })),
    };
    expect(
      render(card([short], ''))
        .body.slice(1)
        .map((element) => element.type),
    ).toStrictEqual(['Container', 'Container', 'Container']);
    // A paragraph that leaves the card 40 bytes over Teams' limit with a button under each item; the
    // list in a menu takes about 80 fewer, so it fits whole.
    const over = 40;
    const base = Buffer.byteLength(JSON.stringify(render(card([short, { kind: 'text', text: 'x' }]))));
    // What the renderer keeps free besides the body: the activity, the summary, the mentions' envelope.
    const reserved = 1024 + Buffer.byteLength('Your weekly hour') + Buffer.byteLength(',"msteams":{"entities":[]}');
    const length = MESSAGE_MAX_BYTES - reserved - 2 - base + 1 + over;
    const padding: CardBlock[] = [{ kind: 'text', text: 'x'.repeat(length) }];
    const crowded = render(card([short, ...padding])).body;
    expect(crowded[2]).toStrictEqual(text('- Request 1\n- Request 2\n- Request 3'));
    expect(crowded[3]).toMatchObject({ type: 'ActionSet', actions: [{ type: 'Action.ShowCard', title: 'Approve…' }] });
  });

  it('folds a fold away: its title toggles a container hidden at first', () => {
    const elements = body([
      { kind: 'text', text: 'Group' },
      {
        kind: 'fold',
        title: 'People',
        blocks: [
          { kind: 'list', title: 'Top', items: items(2) },
          { kind: 'actions', actions: [{ id: 'contributor.thank', label: 'Thank them', value: 'g1' }] },
        ],
      },
      { kind: 'fold', title: 'More people', blocks: [{ kind: 'text', text: 'Quiet' }] },
    ]);
    expect(elements.slice(1, 3)).toMatchObject([
      {
        type: 'ActionSet',
        actions: [{ type: 'Action.ToggleVisibility', title: 'People ▾', targetElements: ['fold.0'] }],
      },
      {
        type: 'Container',
        id: 'fold.0',
        isVisible: false,
        items: [{ type: 'TextBlock', text: 'Top' }, text('- Request 1\n- Request 2'), { type: 'ActionSet' }],
      },
    ]);
    expect(elements[4]).toMatchObject({ type: 'Container', id: 'fold.1', isVisible: false });
  });

  it('puts the actions behind a menu ("Hand to…") in a card shown under the row', () => {
    const handTo = (name: string, id: string): CardAction => ({
      id: 'weekly_hour.delegate',
      label: name,
      value: `w1:${id}`,
    });
    const [row] = body([
      {
        kind: 'actions',
        actions: [{ id: 'weekly_hour.done', label: 'Done', value: 'w1', style: 'primary' }],
        menu: { label: 'Hand to…', actions: [handTo('Chen', 'c'), handTo('Maria', 'm')] },
      },
    ]);
    expect(row).toMatchObject({
      type: 'ActionSet',
      actions: [
        { type: 'Action.Execute', title: 'Done', verb: 'weekly_hour.done' },
        {
          type: 'Action.ShowCard',
          title: 'Hand to…',
          card: {
            body: [
              {
                type: 'ActionSet',
                actions: [
                  { title: 'Chen', verb: 'weekly_hour.delegate', data: { value: 'w1:c' } },
                  { title: 'Maria', data: { value: 'w1:m' } },
                ],
              },
            ],
          },
        },
      ],
    });
  });

  it("renders a card of three groups of six lists within a Teams message, the week's buttons last", () => {
    const rendered = render(threeGroupWeeklyHourCard());
    expect(Buffer.byteLength(JSON.stringify(rendered))).toBeLessThanOrEqual(MESSAGE_MAX_BYTES - 1024);
    // Each of the 18 lists shows its 3 items and counts the other 4 of its 7.
    const more = rendered.body.filter(
      (element) => element.type === 'TextBlock' && element.isSubtle === true && !element.size,
    );
    expect(more).toHaveLength(18);
    for (const element of more)
      expect(element).toMatchObject({
        text: expect.stringMatching(/^\[and 4 more\]\(https:\/\/steward\.example\/groups\/[123]\)$/),
      });
    expect(rendered.body.slice(-2)).toMatchObject([
      { type: 'ActionSet', separator: true },
      { type: 'TextBlock', text: 'Week 2026-W10 · due 6 March' },
    ]);
    expect(parseWithoutWarnings(rendered)).toStrictEqual([]);
  });

  it('names only the people the shown items still mention', () => {
    const list: CardBlock = { kind: 'list', title: 'New', items: items(3, (n) => ({ text: `@[P${n}](id-${n})` })) };
    expect(
      render(card([list]), { maxListItems: 2 }).msteams?.entities?.map((entity) => entity.mentioned?.id),
    ).toStrictEqual(['id-0', 'id-1']);
  });

  it('gives cards the adaptivecards library parses without a warning', () => {
    const rendered = render({
      locale: 'en',
      title: 'Weekly hour',
      summary: 'Your weekly hour',
      blocks: [
        { kind: 'text', text: '**3 requests** wait, see [the group](https://example.com/g/1)' },
        { kind: 'facts', facts: [{ label: 'Members', value: '120' }] },
        { kind: 'divider' },
        {
          kind: 'list',
          title: 'Requests',
          items: items(12, (n) => ({ actions: [approve(`r${n}`), deny(`r${n}`)] })),
          moreLink: 'https://example.com/r',
        },
        {
          kind: 'actions',
          actions: [...Array.from({ length: 8 }, (_, n) => approve(`all${n}`)), denyWithReason('all'), skipWeek('w1')],
        },
        { kind: 'context', text: 'Decided by **Ada**' },
      ],
      refresh: {
        id: 'membership_request.view',
        value: 'r1',
        audience: [{ platform: 'teams', workspaceId: 't', userId: 'aaaa-1' }],
      },
    });
    expect(parseWithoutWarnings(rendered)).toStrictEqual([]);
  });

  /** What the library says, parsing the card as Teams' host config has it and validating it (duplicate ids included). */
  function parseWithoutWarnings(rendered: AdaptiveCard): string[] {
    const parsed = new adaptiveCards.AdaptiveCard();
    // Teams' host config shows 6 buttons in a set; the library's default is 5.
    parsed.hostConfig = new adaptiveCards.HostConfig({ actions: { maxActions: ACTION_SET_MAX_ACTIONS } });
    const context = new adaptiveCards.SerializationContext();
    // The library knows no `msteams`, Teams' own property; it would only drop it.
    const { msteams: _, ...standard } = rendered;
    parsed.parse(standard, context);
    const events = Array.from({ length: context.eventCount }, (_, n) => context.getEventAt(n).message);
    expect(parsed.toJSON()).toMatchObject({ version: '1.5' });
    return [...events, ...parsed.validateProperties().validationEvents.map((event) => event.message)];
  }
});

/** The part of the adaptivecards library these tests use. */
interface AdaptiveCardsLibrary {
  AdaptiveCard: new () => {
    hostConfig: unknown;
    parse(json: unknown, context: InstanceType<AdaptiveCardsLibrary['SerializationContext']>): void;
    validateProperties(): { validationEvents: { message: string }[] };
    toJSON(): unknown;
  };
  HostConfig: new (json: object) => unknown;
  SerializationContext: new () => { eventCount: number; getEventAt(index: number): { message: string } };
}

/** Its Node-loadable build (the `lib/` one wants a DOM). */
function loadAdaptiveCards(): AdaptiveCardsLibrary {
  return createRequire(import.meta.url)('adaptivecards/dist/adaptivecards.js') as AdaptiveCardsLibrary;
}
