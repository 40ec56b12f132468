// The neutral card rendered as an Adaptive Card 1.5 with Universal Actions, for Teams.
// https://adaptivecards.io/explorer/
// https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/universal-actions-for-adaptive-cards/overview

import type {
  IActionSet,
  IAdaptiveCard,
  IContainer,
  IExecuteAction,
  IFactSet,
  IMention,
  IRefreshDefinition,
  IShowCardAction,
  ISubmitAction,
  ITextBlock,
  ITextInput,
} from '@microsoft/teams.cards';
import { translate, type Card, type CardAction, type CardActionInput, type CardBlock, type CardRefresh, type ListBlock, type ListItem, type Locale } from '@steward/core';
import { ACTION_SET_MAX_ACTIONS, ACTIVITY_ENVELOPE_BYTES, ADAPTIVE_CARD_VERSION, MESSAGE_MAX_BYTES, REFRESH_MAX_USER_IDS } from './limits.ts';
import { confirmFirst } from './confirm-action.ts';
import { escapeMarkdown, markdownLink, markupToPlainText, toMarkdown } from './markdown.ts';

export const ADAPTIVE_CARD_SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';

/**
 * Where an action's text arrives in the `adaptiveCard/action` data. Input ids must differ within a
 * card (the first input is `input`, the next `input.1`…), so the action's data names its own.
 */
export const INPUT_ID = 'input';
export const INPUT_ID_FIELD = 'inputId';

/** The id of the card's n-th input (from 0). */
export function inputIdOf(n: number): string {
  return n === 0 ? INPUT_ID : `${INPUT_ID}.${n}`;
}

/** The text a pressed action carries: in the input its data names, else in `input`; null when blank. */
export function inputFrom(data: Readonly<Record<string, unknown>>): string | null {
  const named = data[INPUT_ID_FIELD];
  const id = typeof named === 'string' && /^input(\.\d+)?$/.test(named) ? named : INPUT_ID;
  const text = data[id];
  return typeof text === 'string' && text.trim() !== '' ? text.trim() : null;
}

/** The elements this renderer writes. */
export type AdaptiveCardElement = ITextBlock | IFactSet | IContainer | IActionSet;

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

// Our choice, as on Slack: a list of more than 10 items is more than an owner reads in a message.
const DEFAULT_MAX_LIST_ITEMS = 10;

interface Rendering {
  /** The reader's language, for the renderer's own words ("and N more"). */
  readonly locale: Locale;
  readonly maxListItems: number;
  /** Card markup as markdown, its mentions kept as the card's entities. */
  readonly markdown: (markup: string) => string;
  /** The id of the next input on the card. */
  readonly nextInputId: () => string;
}

export function renderAdaptiveCard(card: Card, options: RenderOptions = {}): AdaptiveCard {
  const mentions = new Map<string, IMention>();
  let inputs = 0;
  const rendering: Rendering = {
    locale: card.locale,
    maxListItems: options.maxListItems ?? DEFAULT_MAX_LIST_ITEMS,
    markdown: (markup) => toMarkdown(markup, (userId, name) => mention(mentions, userId, name)),
    nextInputId: () => inputIdOf(inputs++),
  };
  const segments: Segment[] = card.title.trim() === '' ? [] : [{ elements: [title(card.title)], separator: false }];
  // A divider is the separator line drawn above whatever comes next, rather than an empty Container
  // carrying it, which would add a gap with nothing in it; with nothing above or below it, it goes.
  let separated = false;
  for (const block of card.blocks) {
    if (block.kind === 'divider') {
      separated = segments.length > 0;
      continue;
    }
    const segment: Segment =
      block.kind === 'list' ? { list: renderList(block, rendering), separator: separated } : { elements: elementsOf(block, rendering), separator: separated };
    if ('list' in segment ? segment.list.title === null && segment.list.total === 0 : segment.elements.length === 0) continue;
    segments.push(segment);
    separated = false;
  }
  const shell: Omit<AdaptiveCard, 'body'> = {
    type: 'AdaptiveCard',
    $schema: ADAPTIVE_CARD_SCHEMA,
    version: ADAPTIVE_CARD_VERSION,
    // Shown by hosts older than 1.5 instead of the card; only words, as it stands alone.
    fallbackText: escapeMarkdown(markupToPlainText(card.summary)),
    ...(card.refresh ? { refresh: refresh(card.refresh) } : {}),
  };
  const entities = [...mentions.values()];
  // What the message holds besides the body: the activity, its summary, the card's other properties.
  const taken = ACTIVITY_ENVELOPE_BYTES + bytes(card.summary) + bytes({ ...shell, body: [], msteams: { entities } });
  shareAmongLists(segments, MESSAGE_MAX_BYTES - taken, rendering.locale);
  const body = segments.flatMap((segment) => {
    const [first, ...rest] = 'list' in segment ? listElements(segment.list, rendering.locale) : segment.elements;
    return first === undefined ? [] : [segment.separator ? { ...first, separator: true } : first, ...rest];
  });
  // Only the people the shown text still mentions.
  const shown = JSON.stringify(body);
  const mentioned = entities.filter((entity) => shown.includes(JSON.stringify(entity.text ?? '').slice(1, -1)));
  return { ...shell, body, ...(mentioned.length > 0 ? { msteams: { entities: mentioned } } : {}) };
}

/** The card as rendered before it is fitted into one message: lists apart, as they can be cut. */
type Segment = ({ readonly elements: AdaptiveCardElement[] } | { readonly list: RenderedList }) & {
  /** Whether a divider came before it: its first element draws the line. */
  readonly separator: boolean;
};

/** A list's title and its items up to the cap, of which the first `shown` make it into the card. */
interface RenderedList {
  readonly title: ITextBlock | null;
  readonly items: readonly IContainer[];
  /** How many items the list has in all, beyond the cap and beyond the items the card holds too. */
  readonly total: number;
  readonly moreLink: string | undefined;
  shown: number;
}

function bytes(value: unknown): number {
  return Buffer.byteLength(typeof value === 'string' ? value : JSON.stringify(value));
}

/**
 * When the card is more than a Teams message holds, its lists give up items one at a time, the
 * longest list first (of equally long ones, the later): every list keeps as many items as the
 * others, each with its buttons, and says "and N more" for the rest.
 */
function shareAmongLists(segments: readonly Segment[], budget: number, locale: Locale): void {
  const sizeOf = (segment: Segment) => bytes('list' in segment ? listElements(segment.list, locale) : segment.elements);
  const lists = segments.flatMap((segment) => ('list' in segment ? [{ segment, list: segment.list, size: sizeOf(segment) }] : []));
  let total = segments.reduce((sum, segment) => sum + ('list' in segment ? 0 : sizeOf(segment)), 0) + lists.reduce((sum, { size }) => sum + size, 0);
  while (total > budget) {
    const longest = lists.reduce<(typeof lists)[number] | null>((found, entry) => (entry.list.shown > 0 && entry.list.shown >= (found?.list.shown ?? 0) ? entry : found), null);
    if (longest === null) return;
    longest.list.shown -= 1;
    const size = sizeOf(longest.segment);
    total += size - longest.size;
    longest.size = size;
  }
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

function elementsOf(block: Exclude<CardBlock, { kind: 'divider' | 'list' }>, rendering: Rendering): AdaptiveCardElement[] {
  switch (block.kind) {
    case 'text':
      // An empty paragraph says nothing.
      return block.text.trim() === '' ? [] : [textBlock(rendering.markdown(block.text))];
    case 'facts':
      return block.facts.length === 0
        ? []
        : [{ type: 'FactSet', facts: block.facts.map(({ label, value }) => ({ title: escapeMarkdown(label), value: rendering.markdown(value) })) }];
    case 'actions':
      return actionSets(block.actions, rendering);
    case 'context':
      return block.text.trim() === '' ? [] : [{ ...textBlock(rendering.markdown(block.text)), size: 'Small', isSubtle: true }];
  }
}

function renderList(list: ListBlock, rendering: Rendering): RenderedList {
  const items = list.items.slice(0, Math.max(0, rendering.maxListItems)).map((item) => itemContainer(item, rendering));
  const title = list.title.trim() === '' ? null : { ...textBlock(escapeMarkdown(list.title)), weight: 'Bolder' as const };
  return { title, items, total: totalOf(list), moreLink: list.moreLink, shown: items.length };
}

/** How many items a list has in all: its `total` when the card holds only the first ones, never fewer than it holds. */
function totalOf(list: ListBlock): number {
  return Math.max(list.total ?? 0, list.items.length);
}

/** The list's title, one container per shown item, then "and N more" for the rest. */
function listElements(list: RenderedList, locale: Locale): AdaptiveCardElement[] {
  const hidden = list.total - list.shown;
  const elements: AdaptiveCardElement[] = [...(list.title ? [list.title] : []), ...list.items.slice(0, list.shown)];
  if (hidden > 0) {
    const words = translate(locale, 'card.more', { count: hidden });
    const text = list.moreLink === undefined ? escapeMarkdown(words) : markdownLink(list.moreLink, words);
    elements.push({ ...textBlock(text), isSubtle: true });
  }
  return elements;
}

/** An item's line and its buttons below it, kept together in one container. */
function itemContainer(item: ListItem, rendering: Rendering): IContainer {
  // A link cannot hold another link, so a linked item keeps only the words of its markup.
  const line = item.link === undefined ? rendering.markdown(item.text) : markdownLink(item.link, markupToPlainText(item.text));
  return { type: 'Container', items: [textBlock(line), ...actionSets(item.actions ?? [], rendering)] };
}

function actionSets(actions: readonly CardAction[], rendering: Rendering): IActionSet[] {
  return chunks(actions, ACTION_SET_MAX_ACTIONS).map((row) => ({
    type: 'ActionSet',
    actions: row.map((action) => (action.input === undefined ? (action.confirm ? confirmFirst({ ...action, confirm: action.confirm }, execute) : execute(action, action.label)) : showInput(action, action.input, rendering))),
  }));
}

/**
 * A button that sends `adaptiveCard/action` with the core's action id as the verb. A client that
 * knows no `Action.Execute` falls back to an `Action.Submit` carrying the verb in its data.
 * Adaptive Cards 1.5 has no confirmation dialog for Execute: an action with `confirm` goes through
 * `confirmFirst` instead. The core checks every decision again anyway.
 */
function execute(action: CardAction, title: string, inputId?: string): IExecuteAction {
  const style = action.style === undefined ? {} : { style: ACTION_STYLES[action.style] };
  const data = { value: action.value, ...(inputId === undefined ? {} : { [INPUT_ID_FIELD]: inputId }) };
  const fallback: ISubmitAction = { type: 'Action.Submit', title, ...style, data: { verb: action.id, ...data } };
  return { type: 'Action.Execute', title, ...style, verb: action.id, data, fallback };
}

/**
 * An action that needs a line of text first: its button opens a card under it with the field and a
 * button that sends the action, as any other, with the text in its data (`inputFrom` reads it).
 */
function showInput(action: CardAction, input: CardActionInput, rendering: Rendering): IShowCardAction {
  const id = rendering.nextInputId();
  const placeholder = input.placeholder?.trim() ? { placeholder: input.placeholder } : {};
  const field: ITextInput = {
    type: 'Input.Text',
    id,
    label: input.label,
    ...placeholder,
    isRequired: input.required,
    maxLength: Math.max(1, input.maxLength),
    isMultiline: input.maxLength > MULTILINE_FROM_LENGTH,
  };
  const style = action.style === undefined ? {} : { style: ACTION_STYLES[action.style] };
  return {
    type: 'Action.ShowCard',
    title: action.label,
    ...style,
    card: { type: 'AdaptiveCard', body: [{ ...textBlock(escapeMarkdown(input.title)), weight: 'Bolder' }, field], actions: [execute(action, input.submit, id)] },
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
  const userIds = card.audience.filter((person) => person.platform === 'teams').map((person) => `8:orgid:${person.userId}`);
  return userIds.length > REFRESH_MAX_USER_IDS ? { action } : { action, userIds };
}

function title(text: string): ITextBlock {
  return { ...textBlock(escapeMarkdown(text)), size: 'Large', weight: 'Bolder' };
}

/** Text that wraps: a TextBlock cuts its text at one line by default. */
function textBlock(markdown: string): ITextBlock {
  return { type: 'TextBlock', text: markdown, wrap: true };
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
}
