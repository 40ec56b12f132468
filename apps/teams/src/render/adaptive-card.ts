// The neutral card rendered as an Adaptive Card 1.5 with Universal Actions, for Teams.
// https://adaptivecards.io/explorer/
// https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/universal-actions-for-adaptive-cards/overview

import type {
  IActionSet,
  IAdaptiveCard,
  IContainer,
  IExecuteAction,
  IFactSet,
  IRefreshDefinition,
  ISubmitAction,
  ITextBlock,
} from '@microsoft/teams.cards';
import type { Card, CardAction, CardBlock, CardRefresh, ListBlock, ListItem } from '@steward/core';
import { ACTION_SET_MAX_ACTIONS, ADAPTIVE_CARD_VERSION, REFRESH_MAX_USER_IDS } from './limits.ts';
import { escapeMarkdown, markdownLink, markupToPlainText, toMarkdown } from './markdown.ts';

export const ADAPTIVE_CARD_SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';


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
  /** "and N more", in the reader's language; English by default. */
  readonly moreText?: (count: number) => string;
  /** How many items of a list to show before "and N more"; 10 by default. */
  readonly maxListItems?: number;
}

// Our choice, as on Slack: a list of more than 10 items is more than an owner reads in a message.
const DEFAULT_MAX_LIST_ITEMS = 10;

const englishMoreText = (count: number): string => `and ${count} more`;

interface Rendering {
  readonly moreText: (count: number) => string;
  readonly maxListItems: number;
}

export function renderAdaptiveCard(card: Card, options: RenderOptions = {}): AdaptiveCard {
  const rendering: Rendering = {
    moreText: options.moreText ?? englishMoreText,
    maxListItems: options.maxListItems ?? DEFAULT_MAX_LIST_ITEMS,
  };
  const body: AdaptiveCardElement[] = card.title.trim() === '' ? [] : [title(card.title)];
  // A divider is the separator line drawn above whatever comes next, rather than an empty Container
  // carrying it, which would add a gap with nothing in it; with nothing above or below it, it goes.
  let separated = false;
  for (const block of card.blocks) {
    if (block.kind === 'divider') {
      separated = body.length > 0;
      continue;
    }
    const [first, ...rest] = elementsOf(block, rendering);
    if (first === undefined) continue;
    body.push(separated ? { ...first, separator: true } : first, ...rest);
    separated = false;
  }
  return {
    type: 'AdaptiveCard',
    $schema: ADAPTIVE_CARD_SCHEMA,
    version: ADAPTIVE_CARD_VERSION,
    // Shown by hosts older than 1.5 instead of the card; only words, as it stands alone.
    fallbackText: escapeMarkdown(markupToPlainText(card.summary)),
    ...(card.refresh ? { refresh: refresh(card.refresh) } : {}),
    body,
  };
}

function elementsOf(block: Exclude<CardBlock, { kind: 'divider' }>, rendering: Rendering): AdaptiveCardElement[] {
  switch (block.kind) {
    case 'text':
      // An empty paragraph says nothing.
      return block.text.trim() === '' ? [] : [textBlock(toMarkdown(block.text))];
    case 'facts':
      return block.facts.length === 0
        ? []
        : [{ type: 'FactSet', facts: block.facts.map(({ label, value }) => ({ title: escapeMarkdown(label), value: toMarkdown(value) })) }];
    case 'list':
      return listElements(block, rendering);
    case 'actions':
      return actionSets(block.actions);
    case 'context':
      return block.text.trim() === '' ? [] : [{ ...textBlock(toMarkdown(block.text)), size: 'Small', isSubtle: true }];
  }
}

/** The list's title, one container per shown item, then "and N more" for the rest. */
function listElements(list: ListBlock, rendering: Rendering): AdaptiveCardElement[] {
  const shown = list.items.slice(0, Math.max(0, rendering.maxListItems));
  const hidden = list.items.length - shown.length;
  const elements: AdaptiveCardElement[] = [];
  if (list.title.trim() !== '') elements.push({ ...textBlock(escapeMarkdown(list.title)), weight: 'Bolder' });
  for (const item of shown) elements.push(itemContainer(item));
  if (hidden > 0) {
    const words = rendering.moreText(hidden);
    const text = list.moreLink === undefined ? escapeMarkdown(words) : markdownLink(list.moreLink, words);
    elements.push({ ...textBlock(text), isSubtle: true });
  }
  return elements;
}

/** An item's line and its buttons below it, kept together in one container. */
function itemContainer(item: ListItem): IContainer {
  // A link cannot hold another link, so a linked item keeps only the words of its markup.
  const line = item.link === undefined ? toMarkdown(item.text) : markdownLink(item.link, markupToPlainText(item.text));
  return { type: 'Container', items: [textBlock(line), ...actionSets(item.actions ?? [])] };
}

function actionSets(actions: readonly CardAction[]): IActionSet[] {
  return chunks(actions, ACTION_SET_MAX_ACTIONS).map((row) => ({ type: 'ActionSet', actions: row.map(execute) }));
}

/**
 * A button that sends `adaptiveCard/action` with the core's action id as the verb. A client that
 * knows no `Action.Execute` falls back to an `Action.Submit` carrying the verb in its data.
 * `confirm` is not rendered: Adaptive Cards 1.5 has no confirmation dialog for Execute, so the
 * button keeps only its style; the core checks every decision again anyway.
 */
function execute(action: CardAction): IExecuteAction {
  const style = action.style === undefined ? {} : { style: ACTION_STYLES[action.style] };
  const fallback: ISubmitAction = { type: 'Action.Submit', title: action.label, ...style, data: { verb: action.id, value: action.value } };
  return { type: 'Action.Execute', title: action.label, ...style, verb: action.id, data: { value: action.value }, fallback };
}

const ACTION_STYLES = { primary: 'positive', danger: 'destructive' } as const satisfies Record<
  NonNullable<CardAction['style']>,
  IExecuteAction['style']
>;

/**
 * Teams fetches the card as it now stands (the refresh verb, with its value) when one of the
 * audience sees it; people are named by their Teams MRI, built from their Entra object id.
 */
function refresh(card: CardRefresh): IRefreshDefinition {
  const userIds = card.audience.filter((person) => person.platform === 'teams').map((person) => `8:orgid:${person.userId}`);
  if (userIds.length > REFRESH_MAX_USER_IDS) {
    throw new Error(`A card refreshes by itself for at most ${REFRESH_MAX_USER_IDS} people in Teams; ${userIds.length} were given.`);
  }
  return { action: { type: 'Action.Execute', verb: card.id, data: { value: card.value } }, userIds };
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
