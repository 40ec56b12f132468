// The neutral card rendered as an Adaptive Card 1.5 with Universal Actions, for Teams.
// https://adaptivecards.io/explorer/
// https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/universal-actions-for-adaptive-cards/overview

import type {
  IActionSet,
  IAdaptiveCard,
  IChoiceSetInput,
  IContainer,
  IDateInput,
  IExecuteAction,
  IFactSet,
  IMention,
  IRefreshDefinition,
  IShowCardAction,
  ITextBlock,
  ITextInput,
  IToggleVisibilityAction,
} from '@microsoft/teams.cards';
import {
  type Card,
  type CardAction,
  type CardActionForm,
  type CardActionInput,
  type CardBlock,
  type CardRefresh,
  type FoldBlock,
  fitToBudget,
  formInputOf,
  LIST_ITEMS_SHOWN,
  type ListBlock,
  type ListItem,
  type Locale,
  listTotal,
  rowsOf,
  translate,
} from '@steward/core';
import { confirmFirst } from './confirm-action.ts';
import {
  ACTION_SET_MAX_ACTIONS,
  ACTIVITY_ENVELOPE_BYTES,
  ADAPTIVE_CARD_VERSION,
  MESSAGE_MAX_BYTES,
  REFRESH_MAX_USER_IDS,
} from './limits.ts';
import { escapeMarkdown, markdownLink, markupToPlainText, toMarkdown } from './markdown.ts';

export const ADAPTIVE_CARD_SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';

/**
 * Where an action's text arrives in the `adaptiveCard/action` data. Input ids must differ within a
 * card (the first input is `input`, the next `input.1`…), so the action's data names its own.
 */
export const INPUT_ID = 'input';
export const INPUT_ID_FIELD = 'inputId';
/** Where a menu's pick arrives: the data's `choiceId` names the input holding the picked action's value. */
export const CHOICE_ID_FIELD = 'choiceId';
export const VALUE_SUFFIX_FIELD = 'valueSuffix';
/** Where a form's day and pick arrive: the data's `formIds` names their two inputs, space apart. */
export const FORM_IDS_FIELD = 'formIds';
const CHOICE_ID = 'choice';

/** The id of the card's n-th input (from 0). */
export function inputIdOf(n: number): string {
  return n === 0 ? INPUT_ID : `${INPUT_ID}.${n}`;
}

/** The core's value a pressed action carries: its own, or the one picked in the menu its data names; '' for none. */
export function valueFrom(data: Readonly<Record<string, unknown>>): string {
  const own = data['value'];
  if (typeof own === 'string') return own;
  const named = data[CHOICE_ID_FIELD];
  const picked = typeof named === 'string' && /^choice(\.\d+)?$/.test(named) ? data[named] : undefined;
  const suffix = data[VALUE_SUFFIX_FIELD];
  return typeof picked === 'string' && picked !== '' ? picked + (typeof suffix === 'string' ? suffix : '') : '';
}

/** The text a pressed action carries: in the input its data names, else in `input`; null when blank. */
export function inputFrom(data: Readonly<Record<string, unknown>>): string | null {
  const form = data[FORM_IDS_FIELD];
  if (typeof form === 'string') return formFrom(data, form);
  const named = data[INPUT_ID_FIELD];
  // A menu's button names its input when it has one: another action's text on the same card is not its.
  if (named === undefined && CHOICE_ID_FIELD in data) return null;
  const id = typeof named === 'string' && /^input(\.\d+)?$/.test(named) ? named : INPUT_ID;
  const text = data[id];
  return typeof text === 'string' && text.trim() !== '' ? text.trim() : null;
}

/** A form's day and pick, from the two inputs its data names (a day, then a choice), as the core reads them. */
function formFrom(data: Readonly<Record<string, unknown>>, ids: string): string | null {
  const [dayId = '', pickId = ''] = ids.split(' ');
  const day = /^input(\.\d+)?$/.test(dayId) ? data[dayId] : undefined;
  const pick = /^choice(\.\d+)?$/.test(pickId) ? data[pickId] : undefined;
  return formInputOf(typeof day === 'string' ? day : null, typeof pick === 'string' ? pick : null);
}

/** The elements this renderer writes. */
export type AdaptiveCardElement = ITextBlock | IFactSet | IContainer | IActionSet | IDateInput | IChoiceSetInput;

/** An Adaptive Card 1.5 as the Teams SDK types it, narrowed to what this renderer writes. */
export interface AdaptiveCard extends IAdaptiveCard {
  readonly $schema: typeof ADAPTIVE_CARD_SCHEMA;
  readonly version: typeof ADAPTIVE_CARD_VERSION;
  readonly fallbackText: string;
  body: AdaptiveCardElement[];
}

export interface RenderOptions {
  /** How many items of a list to show before "and N more"; 10 by default. */
  readonly maxListItems?: number;
}

interface Rendering {
  /** The reader's language, for the renderer's own words ("and N more"). */
  readonly locale: Locale;
  /** Card markup as markdown, its mentions kept as the card's entities. */
  readonly markdown: (markup: string) => string;
  /** The id of the next input on the card. */
  readonly nextInputId: () => string;
  /** From how many items with actions a list offers them in menus rather than under each item. */
  readonly menusFrom: number;
  /** The id of the next menu's choice of what to act on. */
  readonly nextChoiceId: () => string;
  /** The id of the next fold's container. */
  readonly nextFoldId: () => string;
}

/** A list as rendered: its items up to the cap, of which the first `shown` make it into the card. */
interface RenderedList {
  readonly list: ListBlock;
  readonly title: ITextBlock | null;
  readonly items: readonly ListItem[];
  /** How many items the list has in all, beyond the cap and beyond the items the card holds too. */
  readonly total: number;
  shown: number;
}

/** The card before it is fitted into one message: lists apart, as they can be cut. */
type Segment = (
  | { readonly block: Exclude<CardBlock, { kind: 'divider' | 'list' | 'fold' }> }
  | { readonly list: RenderedList }
  | { readonly fold: FoldBlock; readonly inner: Segment[] }
) & {
  /** Whether a divider came before it: its first element draws the line. */
  readonly separator: boolean;
};

export function renderAdaptiveCard(card: Card, options: RenderOptions = {}): AdaptiveCard {
  const mentions = new Map<string, IMention>();
  const maxListItems = options.maxListItems ?? LIST_ITEMS_SHOWN;
  const segments = segmentsOf(card.blocks, maxListItems);
  const lists = listsOf(segments);
  let menusFrom = MENUS_FROM_ITEMS;
  const assemble = (): AdaptiveCardElement[] => {
    let inputs = 0;
    let folds = 0;
    let choices = 0;
    const rendering: Rendering = {
      locale: card.locale,
      markdown: (markup) => toMarkdown(markup, (userId, name) => mention(mentions, userId, name)),
      menusFrom,
      nextInputId: () => inputIdOf(inputs++),
      nextChoiceId: () => {
        const n = choices++;
        return n === 0 ? CHOICE_ID : `${CHOICE_ID}.${n}`;
      },
      nextFoldId: () => `fold.${folds++}`,
    };
    return [...(card.title.trim() === '' ? [] : [title(card.title)]), ...bodyOf(segments, rendering)];
  };
  const shell: Omit<AdaptiveCard, 'body'> = {
    type: 'AdaptiveCard',
    $schema: ADAPTIVE_CARD_SCHEMA,
    version: ADAPTIVE_CARD_VERSION,
    // Shown by hosts older than 1.5 instead of the card; only words, as it stands alone.
    fallbackText: escapeMarkdown(markupToPlainText(card.summary)),
    ...(card.refresh ? { refresh: refresh(card.refresh) } : {}),
  };
  assemble(); // collects the mentions, which the envelope carries
  const entities = [...mentions.values()];
  // What the message holds besides the body: the activity, its summary, the card's other properties.
  const taken = ACTIVITY_ENVELOPE_BYTES + bytes(card.summary) + bytes({ ...shell, body: [], msteams: { entities } });
  const budget = MESSAGE_MAX_BYTES - taken;
  if (bytes(assemble()) > budget) menusFrom = MENUS_FROM_ITEMS_WHEN_SHORT_OF_ROOM;
  // The one rule of what goes first (core's budget.ts), measured in Teams' bytes.
  const counts = fitToBudget(
    lists.map(({ list, items }) => ({ priority: list.priority ?? 0, part: list.part, items: items.length })),
    budget,
    (shown) => {
      for (const [i, list] of lists.entries()) list.shown = shown[i] ?? 0;
      return bytes(assemble());
    },
  );
  for (const [i, list] of lists.entries()) list.shown = counts[i] ?? 0;
  const body = assemble();
  // Only the people the shown text still mentions.
  const shown = JSON.stringify(body);
  const mentioned = entities.filter((entity) => shown.includes(JSON.stringify(entity.text ?? '').slice(1, -1)));
  return { ...shell, body, ...(mentioned.length > 0 ? { msteams: { entities: mentioned } } : {}) };
}

function segmentsOf(blocks: readonly CardBlock[], maxListItems: number): Segment[] {
  const segments: Segment[] = [];
  // A divider is the separator line drawn above whatever comes next, rather than an empty Container
  // carrying it, which would add a gap with nothing in it; with nothing above or below it, it goes.
  let separated = false;
  for (const block of blocks) {
    if (block.kind === 'divider') {
      separated = segments.length > 0;
      continue;
    }
    const separator = separated;
    separated = false;
    if (block.kind === 'list') segments.push({ list: renderedList(block, maxListItems), separator });
    else if (block.kind === 'fold')
      segments.push({ fold: block, inner: segmentsOf(block.blocks, maxListItems), separator });
    else segments.push({ block, separator });
  }
  return segments;
}

function listsOf(segments: readonly Segment[]): RenderedList[] {
  return segments.flatMap((segment) =>
    'list' in segment ? [segment.list] : 'fold' in segment ? listsOf(segment.inner) : [],
  );
}

function bodyOf(segments: readonly Segment[], rendering: Rendering): AdaptiveCardElement[] {
  const body: AdaptiveCardElement[] = [];
  // A divider before something that shows nothing draws its line above what comes next.
  let separator = false;
  for (const segment of segments) {
    const [first, ...rest] =
      'list' in segment
        ? listElements(segment.list, rendering)
        : 'fold' in segment
          ? foldElements(segment.fold, segment.inner, rendering)
          : elementsOf(segment.block, rendering);
    separator ||= segment.separator;
    if (first === undefined) continue;
    body.push(separator && body.length > 0 ? { ...first, separator: true } : first, ...rest);
    separator = false;
  }
  return body;
}

/**
 * A fold: its title as a button that shows and hides what it holds (`Action.ToggleVisibility`),
 * hidden at first.
 */
function foldElements(fold: FoldBlock, inner: readonly Segment[], rendering: Rendering): AdaptiveCardElement[] {
  const id = rendering.nextFoldId();
  const items = bodyOf(inner, rendering);
  if (items.length === 0) return [];
  const toggle: IToggleVisibilityAction = {
    type: 'Action.ToggleVisibility',
    title: `${fold.title} ▾`,
    targetElements: [id],
  };
  return [
    { type: 'ActionSet', actions: [toggle] },
    { type: 'Container', id, isVisible: false, items },
  ];
}

function bytes(value: unknown): number {
  return Buffer.byteLength(typeof value === 'string' ? value : JSON.stringify(value));
}

/**
 * `<at>Name</at>` in the text, and the entity that tells Teams whom it names: the person's Entra
 * object id, which Teams takes as the mentioned id in a bot's Adaptive Card
 * (https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/cards-format,
 * "Microsoft Entra Object ID and UPN in user mention"). The text must match the entity's exactly,
 * so the name keeps no angle brackets and no markdown escapes.
 */
function mention(mentions: Map<string, IMention>, userId: string, name: string): string {
  const shown = name.replace(/[<>]/g, '').trim() || userId;
  const text = `<at>${shown}</at>`;
  const key = `${userId}\u0000${text}`;
  if (!mentions.has(key)) mentions.set(key, { type: 'mention', text, mentioned: { id: userId, name: shown } });
  return text;
}

function elementsOf(
  block: Exclude<CardBlock, { kind: 'divider' | 'list' | 'fold' }>,
  rendering: Rendering,
): AdaptiveCardElement[] {
  switch (block.kind) {
    case 'text':
      // An empty paragraph says nothing.
      return block.text.trim() === '' ? [] : [textBlock(rendering.markdown(block.text))];
    case 'facts':
      return block.facts.length === 0
        ? []
        : [
            {
              type: 'FactSet',
              facts: block.facts.map(({ label, value }) => ({
                title: escapeMarkdown(label),
                value: rendering.markdown(value),
              })),
            },
          ];
    case 'actions': {
      const menu = block.menu
        ? menuButtons(block.menu.label, block.menu.actions, block.menu.also ?? [], rendering)
        : [];
      return rowsOf([...block.actions.map((action) => button(action, rendering)), ...menu], ACTION_SET_MAX_ACTIONS).map(
        (row) => ({ type: 'ActionSet', actions: row }),
      );
    }
    case 'context':
      return block.text.trim() === ''
        ? []
        : [{ ...textBlock(rendering.markdown(block.text)), size: 'Small', isSubtle: true }];
  }
}

function renderedList(list: ListBlock, maxListItems: number): RenderedList {
  const items = list.items.slice(0, Math.max(0, maxListItems));
  const title =
    list.title.trim() === '' ? null : { ...textBlock(escapeMarkdown(list.title)), weight: 'Bolder' as const };
  return { list, title, items, total: listTotal(list), shown: items.length };
}

// From this many items with actions, a list's actions are one menu each ("Approve…", listing the
// items) rather than buttons under every item: ten requests would otherwise take 13 KB of 28. A
// card too big even so has menus from two items before it gives up any item.
const MENUS_FROM_ITEMS = 4;
const MENUS_FROM_ITEMS_WHEN_SHORT_OF_ROOM = 2;
// Actions a menu's button names; the card it opens shows them all.
const MENU_LABEL_ACTIONS = 2;

/** The list's title, its shown items (a container each, or lines and a menu per action), then "and N more". */
function listElements(rendered: RenderedList, rendering: Rendering): AdaptiveCardElement[] {
  const { list, title, total } = rendered;
  const shown = rendered.items.slice(0, rendered.shown);
  const hidden = total - shown.length;
  if (title === null && shown.length === 0 && hidden === 0) return [];
  const acting = shown.filter((item) => (item.actions ?? []).length > 0);
  const lines: AdaptiveCardElement[] =
    shown.length === 0 ? [] : [textBlock(shown.map((item) => `- ${itemLine(item, rendering)}`).join('\n'))];
  const items: AdaptiveCardElement[] =
    acting.length === 0
      ? lines
      : acting.length >= rendering.menusFrom
        ? [...lines, { type: 'ActionSet', actions: itemMenus(acting, list.title, rendering) }]
        : shown.map((item) => itemContainer(item, rendering));
  const elements: AdaptiveCardElement[] = [...(title ? [title] : []), ...items];
  if (hidden > 0) {
    const words = translate(rendering.locale, 'card.more', { count: hidden });
    const text = list.moreLink === undefined ? escapeMarkdown(words) : markdownLink(list.moreLink, words);
    elements.push({ ...textBlock(text), isSubtle: true });
  }
  return elements;
}

/** An item's words as markdown, linked when it has a link (a link cannot hold another, so only the words). */
function itemLine(item: ListItem, rendering: Rendering): string {
  return item.link === undefined
    ? rendering.markdown(item.text)
    : markdownLink(item.link, markupToPlainText(item.text));
}

/** An item's line and its buttons below it, kept together in one container. */
function itemContainer(item: ListItem, rendering: Rendering): IContainer {
  return {
    type: 'Container',
    items: [textBlock(itemLine(item, rendering)), ...actionSets(item.actions ?? [], rendering)],
  };
}

/**
 * The items' actions as menus: items offering the same actions share one button ("Approve / Deny…")
 * whose card lists them once, with a button per action under the list. Bytes are scarce: a card of
 * 28 KB holds ten requests with buttons under each, or fifty in menus.
 */
function itemMenus(items: readonly ListItem[], title: string, rendering: Rendering): IShowCardAction[] {
  const bySet = new Map<string, ListItem[]>();
  for (const item of items) {
    const key = (item.actions ?? []).map((action) => action.id).join(' ');
    bySet.set(key, [...(bySet.get(key) ?? []), item]);
  }
  // Actions whose values differ for one item (they act on different things) each get their own menu.
  const menus = [...bySet.values()].flatMap((same) => {
    const actionCount = same[0]?.actions?.length ?? 0;
    const shared = same.every((item) =>
      (item.actions ?? []).every((action) => action.value === item.actions?.[0]?.value),
    );
    return shared
      ? [same]
      : Array.from({ length: actionCount }, (_, n) =>
          same.map((item) => ({ ...item, actions: item.actions?.slice(n, n + 1) ?? [] })),
        );
  });
  return menus.slice(0, ACTION_SET_MAX_ACTIONS).map((same) => chooser(same, title, rendering));
}

/**
 * One button for the items' actions: the card it shows lets the person pick an item, write the line
 * of text an action needs (if one does), and press the action. The picked item's value for that
 * action arrives in the input the data's `choiceId` names (`valueFrom` reads it); what all values
 * end with rides once in the data rather than in every choice.
 */
function chooser(items: readonly ListItem[], title: string, rendering: Rendering): IShowCardAction {
  const [first] = items;
  const actions = first?.actions ?? [];
  if (first === undefined || actions.length === 0) throw new Error('A menu needs items with actions.');
  // Every action of an item acts on the same value (itemMenus sees to it): the item's own part is
  // picked, and each action's button adds its verb and the end all the values share.
  const keyed = items.map((item) => item.actions?.[0]?.value ?? '');
  const suffix = items.length > 1 ? commonSuffix(keyed) : '';
  const choiceId = rendering.nextChoiceId();
  const choices: IChoiceSetInput = {
    type: 'Input.ChoiceSet',
    id: choiceId,
    style: 'compact',
    // A required input has a label and says what is wrong (the library warns otherwise).
    label: title.trim() === '' ? translate(rendering.locale, 'card.choose') : title,
    isRequired: true,
    errorMessage: translate(rendering.locale, 'card.pick_one'),
    placeholder: translate(rendering.locale, 'card.choose'),
    choices: items.map((item, n) => ({
      title: markupToPlainText(item.text),
      value: (keyed[n] ?? '').slice(0, (keyed[n] ?? '').length - suffix.length),
    })),
  };
  const fields: ITextInput[] = [];
  const buttons = actions.map((action) => {
    const field = action.input === undefined ? null : inputField(action.input, rendering.nextInputId());
    if (field) fields.push(field);
    return pickedExecute(action, action.label, { choiceId, suffix, inputId: field?.id });
  });
  // "Approve / Deny…"; of more actions the first two and "…", as the button must read whole in a row.
  const words = actions.map((action) => action.label.replace(/…$/, ''));
  const label =
    words.length > MENU_LABEL_ACTIONS
      ? `${words.slice(0, MENU_LABEL_ACTIONS).join(' / ')} / …`
      : `${words.join(' / ')}…`;
  const style =
    actions.length === 1 && first.actions?.[0]?.style !== undefined
      ? { style: ACTION_STYLES[first.actions[0].style] }
      : {};
  return {
    type: 'Action.ShowCard',
    title: label,
    ...style,
    card: { type: 'AdaptiveCard', body: [choices, ...fields], actions: buttons },
  };
}

function commonSuffix(values: readonly string[]): string {
  const [shortest = ''] = [...values].sort((a, b) => a.length - b.length);
  let length = 0;
  while (
    length < shortest.length &&
    values.every((value) => value[value.length - 1 - length] === shortest[shortest.length - 1 - length])
  )
    length += 1;
  // Every choice keeps at least one character: an empty value reads as no choice.
  return length === shortest.length ? shortest.slice(1) : shortest.slice(shortest.length - length);
}

/**
 * A menu of actions (all ready to send, such as "Hand to" a co-owner): a button showing a row of
 * them, and under it the actions offered with the menu ("Time off…", its form open in the same
 * card, as Teams shows a card in a shown card poorly). With nothing to hand to, those alone.
 */
function menuButtons(
  label: string,
  actions: readonly CardAction[],
  also: readonly CardAction[],
  rendering: Rendering,
): (IExecuteAction | IShowCardAction)[] {
  if (actions.length === 0) return also.map((action) => button(action, rendering));
  const rows: IActionSet[] = rowsOf(actions, ACTION_SET_MAX_ACTIONS).map((row) => ({
    type: 'ActionSet',
    actions: row.map((action) => button(action, rendering)),
  }));
  const more = also.flatMap((action): AdaptiveCardElement[] =>
    action.form
      ? formElements(action, action.form, rendering)
      : [{ type: 'ActionSet', actions: [button(action, rendering)] }],
  );
  return [
    {
      type: 'Action.ShowCard',
      title: label,
      card: {
        type: 'AdaptiveCard',
        body: [...rows, ...more.map((element, n) => (n === 0 ? { ...element, separator: true } : element))],
      },
    },
  ];
}

/** A form's fields and the button that sends them: its title, a day, a pick (optional), then the button. */
function formElements(action: CardAction, form: CardActionForm, rendering: Rendering): AdaptiveCardElement[] {
  const day: IDateInput = {
    type: 'Input.Date',
    id: rendering.nextInputId(),
    label: form.day.label,
    isRequired: true,
    errorMessage: translate(rendering.locale, 'card.pick_one'),
  };
  const pick: IChoiceSetInput = {
    type: 'Input.ChoiceSet',
    id: rendering.nextChoiceId(),
    style: 'compact',
    label: form.pick.label,
    placeholder: form.pick.placeholder,
    choices: form.pick.options.map((option) => ({ title: option.label, value: option.value })),
  };
  const send = executeWith({ ...action, label: form.submit }, form.submit, {
    value: action.value,
    [FORM_IDS_FIELD]: `${day.id} ${pick.id}`,
  });
  return [
    { ...textBlock(escapeMarkdown(form.title)), weight: 'Bolder' },
    day,
    ...(form.pick.options.length > 0 ? [pick] : []),
    { type: 'ActionSet', actions: [send] },
  ];
}

function button(action: CardAction, rendering: Rendering): IExecuteAction | IShowCardAction {
  if (action.form !== undefined) {
    const [heading, ...fields] = formElements(action, action.form, rendering);
    return {
      type: 'Action.ShowCard',
      title: action.label,
      card: { type: 'AdaptiveCard', body: [...(heading ? [heading] : []), ...fields] },
    };
  }
  if (action.input !== undefined) return showInput(action, action.input, rendering);
  return action.confirm ? confirmFirst({ ...action, confirm: action.confirm }, execute) : execute(action, action.label);
}

function actionSets(actions: readonly CardAction[], rendering: Rendering): IActionSet[] {
  return rowsOf(actions, ACTION_SET_MAX_ACTIONS).map((row) => ({
    type: 'ActionSet',
    actions: row.map((action) => button(action, rendering)),
  }));
}

/**
 * A button that sends `adaptiveCard/action` with the core's action id as the verb. It carries no
 * `Action.Submit` fallback: Microsoft advises one for cards of a version below 1.5, whereas a client
 * too old for Universal Actions cannot show a 1.5 card at all and shows its `fallbackText`
 * (https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/universal-actions-for-adaptive-cards/work-with-universal-actions-for-adaptive-cards,
 * "Schema for Universal Actions"); and a submit would reach the bot as a chat message, which it
 * never read as a button. The bytes go to the card's items instead. Adaptive Cards 1.5 has no
 * confirmation dialog for Execute: an action with `confirm` goes through `confirmFirst` instead.
 * The core checks every decision again anyway.
 */
function execute(action: CardAction, title: string, inputId?: string): IExecuteAction {
  return executeWith(action, title, {
    value: action.value,
    ...(inputId === undefined ? {} : { [INPUT_ID_FIELD]: inputId }),
  });
}

/** The button of a menu: its value is the one picked (and the end all share). */
function pickedExecute(
  action: CardAction,
  title: string,
  picked: { choiceId: string; suffix: string; inputId: string | undefined },
): IExecuteAction {
  return executeWith(action, title, {
    [CHOICE_ID_FIELD]: picked.choiceId,
    ...(picked.suffix === '' ? {} : { [VALUE_SUFFIX_FIELD]: picked.suffix }),
    ...(picked.inputId === undefined ? {} : { [INPUT_ID_FIELD]: picked.inputId }),
  });
}

function executeWith(action: CardAction, title: string, data: Record<string, string>): IExecuteAction {
  const style = action.style === undefined ? {} : { style: ACTION_STYLES[action.style] };
  return { type: 'Action.Execute', title, ...style, verb: action.id, data };
}

/**
 * An action that needs a line of text first: its button opens a card under it with the field and a
 * button that sends the action, as any other, with the text in its data (`inputFrom` reads it).
 */
function showInput(action: CardAction, input: CardActionInput, rendering: Rendering): IShowCardAction {
  const field = inputField(input, rendering.nextInputId());
  const style = action.style === undefined ? {} : { style: ACTION_STYLES[action.style] };
  return {
    type: 'Action.ShowCard',
    title: action.label,
    ...style,
    card: {
      type: 'AdaptiveCard',
      body: [{ ...textBlock(escapeMarkdown(input.title)), weight: 'Bolder' }, field],
      actions: [execute(action, input.submit, field.id)],
    },
  };
}

function inputField(input: CardActionInput, id: string): ITextInput & { id: string } {
  const placeholder = input.placeholder?.trim() ? { placeholder: input.placeholder } : {};
  return {
    type: 'Input.Text',
    id,
    label: input.label,
    ...placeholder,
    isRequired: input.required,
    maxLength: Math.max(1, input.maxLength),
    isMultiline: input.maxLength > MULTILINE_FROM_LENGTH,
  };
}

// Longer than this, the person gets several lines to write in (as in Slack's modal).
const MULTILINE_FROM_LENGTH = 150;

const ACTION_STYLES = { primary: 'positive', danger: 'destructive' } as const satisfies Record<
  NonNullable<CardAction['style']>,
  IExecuteAction['style']
>;

/**
 * Teams fetches the card as it now stands (the refresh verb, with its value) when one of the
 * audience sees it; people are named by their Teams MRI, built from their Entra object id.
 *
 * Teams takes at most 60 of them. A larger audience (a team of more than 60 owners) is left out
 * rather than cut: each owner's card is in their own 1:1 chat with the bot, and without `userIds`
 * Teams refreshes a card for every member of a conversation of 60 or fewer, whereas an owner left
 * off a list of 60 would see their copy go stale. In a larger conversation people then refresh it
 * from the message's menu (user-specific-views, "Refresh behavior").
 */
function refresh(card: CardRefresh): IRefreshDefinition {
  const action = { type: 'Action.Execute' as const, verb: card.id, data: { value: card.value } };
  const userIds = card.audience
    .filter((person) => person.platform === 'teams')
    .map((person) => `8:orgid:${person.userId}`);
  return userIds.length > REFRESH_MAX_USER_IDS ? { action } : { action, userIds };
}

function title(text: string): ITextBlock {
  return { ...textBlock(escapeMarkdown(text)), size: 'Large', weight: 'Bolder' };
}

/** Text that wraps: a TextBlock cuts its text at one line by default. */
function textBlock(markdown: string): ITextBlock {
  return { type: 'TextBlock', text: markdown, wrap: true };
}
