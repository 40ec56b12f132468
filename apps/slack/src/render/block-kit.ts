// The neutral card rendered as the `text` and `blocks` of chat.postMessage and chat.update.
// https://docs.slack.dev/reference/block-kit/blocks

import type { types } from '@slack/bolt';
import {
  isActionId,
  type ActionId,
  type Card,
  type CardAction,
  type CardActionInput,
  type CardBlock,
  type ListBlock,
  type ListItem,
  type Locale,
  translate,
} from '@steward/core';
import {
  BUTTON_TEXT_MAX_LENGTH,
  BUTTON_VALUE_MAX_LENGTH,
  CONFIRM_BUTTON_TEXT_MAX_LENGTH,
  CONFIRM_TEXT_MAX_LENGTH,
  CONFIRM_TITLE_MAX_LENGTH,
  HEADER_TEXT_MAX_LENGTH,
  MESSAGE_MAX_BLOCKS,
  MESSAGE_TEXT_MAX_LENGTH,
  SECTION_FIELD_TEXT_MAX_LENGTH,
  SECTION_MAX_FIELDS,
  SECTION_TEXT_MAX_LENGTH,
  TEXT_OBJECT_MAX_LENGTH,
} from './limits.ts';
import { escapeMrkdwn, markupToPlainText, mrkdwnLink, toMrkdwn } from './mrkdwn.ts';
import { truncateMrkdwn, truncatePlainText } from './truncate.ts';

type KnownBlock = types.KnownBlock;
type Button = types.Button;

export interface RenderOptions {
  /** How many items of a list to show before "and N more"; 10 by default. */
  readonly maxListItems?: number;
}

export interface SlackMessage {
  /** The notification and screen-reader text; Slack shows the blocks in the channel. */
  readonly text: string;
  readonly blocks: KnownBlock[];
}

// Our choices, well inside Slack's limits: a row of more than 10 buttons, or a list of more than
// 10 items, is more than an owner reads in a message.
const BUTTONS_PER_ACTIONS_BLOCK = 10;
const DEFAULT_MAX_LIST_ITEMS = 10;

/**
 * Slack action ids must differ within a message (and a card may offer "approve" on every request
 * of a list), so the core's action id gets a `#n` suffix that `readButton` removes again. A button
 * whose action needs a line of text first is marked `#n:input`: its value then carries that
 * input's wording along with the core's value, for the modal that asks for it.
 */
export function actionIdOf(actionId: ActionId, n: number, asksInput = false): string {
  return `${actionId}#${n}${asksInput ? INPUT_MARK : ''}`;
}

const INPUT_MARK = ':input';
const ACTION_ID = /^(.+)#\d+(:input)?$/;

/** A clicked button as the core reads it: its action, the value, and what to ask first, if anything. */
export interface ClickedButton {
  readonly id: ActionId;
  readonly value: string;
  readonly input: CardActionInput | null;
}

/** The button a click names, or null for an action id or value this renderer never wrote. */
export function readButton(slackActionId: string, slackValue: string): ClickedButton | null {
  const [, actionId, asksInput] = ACTION_ID.exec(slackActionId) ?? [];
  if (actionId === undefined || !isActionId(actionId)) return null;
  if (asksInput === undefined) return { id: actionId, value: slackValue, input: null };
  const packed = unpackInput(slackValue);
  return packed && { id: actionId, ...packed };
}

/** The core's value and the input's wording, in one button value. */
function packInput(value: string, input: CardActionInput): string {
  return JSON.stringify({ value, input });
}

function unpackInput(slackValue: string): { value: string; input: CardActionInput } | null {
  let packed: { value?: unknown; input?: Record<string, unknown> | null };
  try {
    packed = JSON.parse(slackValue) as typeof packed;
  } catch {
    return null;
  }
  const { value, input } = packed ?? {};
  if (typeof value !== 'string' || typeof input !== 'object' || input === null) return null;
  const { title, label, placeholder, submit, required, maxLength } = input;
  if (typeof title !== 'string' || typeof label !== 'string' || typeof submit !== 'string') return null;
  if (typeof required !== 'boolean' || typeof maxLength !== 'number') return null;
  if (placeholder !== undefined && typeof placeholder !== 'string') return null;
  return { value, input: { title, label, ...(placeholder === undefined ? {} : { placeholder }), submit, required, maxLength } };
}

/**
 * Blocks that stand or fall together when the message must be cut (a list item and its buttons),
 * and how many things of the card they show: one per list item, fact or button, none for a divider,
 * one for any other block, and the hidden count for an "and N more" line.
 */
interface Piece {
  readonly blocks: KnownBlock[];
  readonly shows: number;
  /** Where the rest can be seen, when the piece belongs to a list that has such a place. */
  readonly moreLink?: string | undefined;
}

interface Rendering {
  /** The reader's language, for the renderer's own words ("and N more"). */
  readonly locale: Locale;
  readonly maxListItems: number;
  /** Numbers the card's buttons in order, so that each gets its own action id. */
  readonly nextActionId: (actionId: ActionId, asksInput: boolean) => string;
}

export function renderCard(card: Card, options: RenderOptions = {}): SlackMessage {
  let buttons = 0;
  const rendering: Rendering = {
    locale: card.locale,
    maxListItems: options.maxListItems ?? DEFAULT_MAX_LIST_ITEMS,
    nextActionId: (actionId, asksInput) => actionIdOf(actionId, buttons++, asksInput),
  };
  const parts: Part[] = card.title.trim() === '' ? [] : [{ pieces: [{ blocks: [header(card.title)], shows: 1 }] }];
  for (const block of card.blocks) parts.push(block.kind === 'list' ? { list: renderList(block, rendering) } : { pieces: piecesOf(block, rendering) });
  shareAmongLists(parts);
  const pieces = parts.flatMap((part) => ('list' in part ? listPieces(part.list, rendering.locale) : part.pieces));
  return {
    // The summary should be plain, but cards build it from the same markup-bearing messages as
    // their text: notifications show only the words.
    text: truncateMrkdwn(escapeMrkdwn(markupToPlainText(card.summary)), MESSAGE_TEXT_MAX_LENGTH),
    blocks: withinMessageLimit(pieces, rendering.locale),
  };
}

function piecesOf(block: Exclude<CardBlock, ListBlock>, rendering: Rendering): Piece[] {
  switch (block.kind) {
    case 'text':
      // Slack refuses an empty text object, and an empty paragraph says nothing.
      return block.text.trim() === '' ? [] : [{ blocks: [section(toMrkdwn(block.text))], shows: 1 }];
    case 'facts':
      return chunks(block.facts, SECTION_MAX_FIELDS).map((facts) => ({
        blocks: [
          {
            type: 'section',
            fields: facts.map(({ label, value }) =>
              mrkdwn(`*${escapeMrkdwn(label)}*\n${toMrkdwn(value)}`, SECTION_FIELD_TEXT_MAX_LENGTH),
            ),
          },
        ],
        shows: facts.length,
      }));
    case 'actions':
      return actionsBlocks(block.actions, rendering).map((actions) => ({ blocks: [actions], shows: actions.elements.length }));
    case 'context':
      return block.text.trim() === '' ? [] : [{ blocks: [context(toMrkdwn(block.text))], shows: 1 }];
    case 'divider':
      return [{ blocks: [{ type: 'divider' }], shows: 0 }];
  }
}

/** The card as rendered before it is fitted into one message: lists apart, as they can be cut. */
type Part = { readonly pieces: Piece[] } | { readonly list: RenderedList };

/** A list's title and its items up to the cap, of which the first `shown` make it into the message. */
interface RenderedList {
  /** The title as mrkdwn, null for none. */
  readonly title: string | null;
  readonly items: readonly Piece[];
  /** How many items the list has in all, beyond the cap and beyond the items the card holds too. */
  readonly total: number;
  readonly moreLink: string | undefined;
  shown: number;
}

function renderList(list: ListBlock, rendering: Rendering): RenderedList {
  const { moreLink } = list;
  const items = list.items.slice(0, Math.max(0, rendering.maxListItems)).map((item) => ({ blocks: itemBlocks(item, rendering), shows: 1, moreLink }));
  const title = list.title.trim() === '' ? null : `*${escapeMrkdwn(list.title)}*`;
  return { title, items, total: totalOf(list), moreLink, shown: items.length };
}

/** How many items a list has in all: its `total` when the card holds only the first ones, never fewer than it holds. */
function totalOf(list: ListBlock): number {
  return Math.max(list.total ?? 0, list.items.length);
}

/**
 * Blocks a list takes with its first `shown` items: its title, those items, and "and N more"; a
 * list that shows none is one block, its title over "and N more".
 */
function listBlockCount(list: RenderedList): number {
  if (list.shown === 0 && list.title) return 1;
  const items = list.items.slice(0, list.shown).reduce((total, item) => total + item.blocks.length, 0);
  return (list.title ? 1 : 0) + items + (list.shown < list.total ? 1 : 0);
}

/**
 * When the card is more than a message holds, its lists give up items one at a time, the longest
 * list first (of equally long ones, the later): every list keeps as many items as the others, each
 * with its buttons, and says "and N more" for the rest. Whatever else is too much is cut after.
 */
function shareAmongLists(parts: readonly Part[]): void {
  const lists = parts.flatMap((part) => ('list' in part ? [part.list] : []));
  let total = parts.reduce(
    (sum, part) => sum + ('list' in part ? listBlockCount(part.list) : part.pieces.reduce((blocks, piece) => blocks + piece.blocks.length, 0)),
    0,
  );
  while (total > MESSAGE_MAX_BLOCKS) {
    const longest = lists.reduce<RenderedList | null>((found, list) => (list.shown > 0 && list.shown >= (found?.shown ?? 0) ? list : found), null);
    if (longest === null) return;
    const before = listBlockCount(longest);
    longest.shown -= 1;
    total += listBlockCount(longest) - before;
  }
}

/** The list's title, its first items, then "and N more" for the rest; the title over it when none shows. */
function listPieces(list: RenderedList, locale: Locale): Piece[] {
  const { moreLink } = list;
  const hidden = list.total - list.shown;
  const more = hidden > 0 ? moreWords(hidden, moreLink, locale) : '';
  if (list.shown === 0 && list.title !== null && hidden > 0) return [{ blocks: [section(`${list.title}\n${more}`)], shows: hidden, moreLink }];
  // The title counts only for an empty list: otherwise its items are what a cut hides.
  const title: Piece[] = list.title === null ? [] : [{ blocks: [section(list.title)], shows: list.total === 0 ? 1 : 0, moreLink }];
  const pieces: Piece[] = [...title, ...list.items.slice(0, list.shown)];
  if (hidden > 0) pieces.push({ blocks: [context(more)], shows: hidden, moreLink });
  return pieces;
}

/** An item's line, with its one action beside it or its several actions in a row below. */
function itemBlocks(item: ListItem, rendering: Rendering): KnownBlock[] {
  // A link cannot hold another link, so a linked item keeps only the words of its markup.
  const line = section(item.link === undefined ? toMrkdwn(item.text) : mrkdwnLink(item.link, markupToPlainText(item.text)));
  const actions = item.actions ?? [];
  const [only] = actions;
  if (actions.length === 1 && only !== undefined) return [{ ...line, accessory: button(only, rendering) }];
  return [line, ...actionsBlocks(actions, rendering)];
}

function actionsBlocks(actions: readonly CardAction[], rendering: Rendering): types.ActionsBlock[] {
  return chunks(actions, BUTTONS_PER_ACTIONS_BLOCK).map((row) => ({
    type: 'actions',
    elements: row.map((action) => button(action, rendering)),
  }));
}

function button(action: CardAction, rendering: Rendering): Button {
  const value = action.input === undefined ? action.value : packInput(action.value, action.input);
  // The value is the core's own data (ids, the input's wording); one Slack cannot carry is a bug,
  // not something to cut.
  if (value.length > BUTTON_VALUE_MAX_LENGTH) {
    throw new Error(
      `The value of action ${action.id} is ${value.length} characters long; Slack buttons carry at most ${BUTTON_VALUE_MAX_LENGTH}.`,
    );
  }
  return {
    type: 'button',
    action_id: rendering.nextActionId(action.id, action.input !== undefined),
    text: plainText(action.label, BUTTON_TEXT_MAX_LENGTH),
    value,
    ...(action.style === undefined ? {} : { style: action.style }),
    ...(action.confirm === undefined ? {} : { confirm: confirmation(action.confirm, action.style) }),
  };
}

function confirmation(confirm: NonNullable<CardAction['confirm']>, style: CardAction['style']): types.ConfirmationDialog {
  return {
    title: plainText(confirm.title, CONFIRM_TITLE_MAX_LENGTH),
    text: plainText(confirm.text, CONFIRM_TEXT_MAX_LENGTH),
    confirm: plainText(confirm.yes, CONFIRM_BUTTON_TEXT_MAX_LENGTH),
    deny: plainText(confirm.no, CONFIRM_BUTTON_TEXT_MAX_LENGTH),
    // A dangerous action's dialog confirms in red too.
    ...(style === 'danger' ? { style } : {}),
  };
}

/**
 * The pieces as blocks, or, when they are more than a message holds, as many whole pieces as fit
 * in all but one block and an "and N more" line counting what was left out (if more than dividers).
 */
function withinMessageLimit(pieces: readonly Piece[], locale: Locale): KnownBlock[] {
  if (pieces.reduce((total, piece) => total + piece.blocks.length, 0) <= MESSAGE_MAX_BLOCKS) {
    return pieces.flatMap((piece) => piece.blocks);
  }
  const blocks: KnownBlock[] = [];
  let kept = 0;
  for (const piece of pieces) {
    if (blocks.length + piece.blocks.length > MESSAGE_MAX_BLOCKS - 1) break;
    blocks.push(...piece.blocks);
    kept += 1;
  }
  const left = pieces.slice(kept);
  const hidden = left.reduce((total, piece) => total + piece.shows, 0);
  return hidden === 0 ? blocks : [...blocks, moreLine(hidden, left[0]?.moreLink, locale)];
}

function moreLine(count: number, moreLink: string | undefined, locale: Locale): types.ContextBlock {
  return context(moreWords(count, moreLink, locale));
}

/** "and N more" in the reader's language as mrkdwn, linked to where the rest can be seen when there is such a place. */
function moreWords(count: number, moreLink: string | undefined, locale: Locale): string {
  const words = translate(locale, 'card.more', { count });
  return moreLink === undefined ? escapeMrkdwn(words) : mrkdwnLink(moreLink, words);
}

function header(title: string): types.HeaderBlock {
  return { type: 'header', text: plainText(title, HEADER_TEXT_MAX_LENGTH) };
}

function section(text: string): types.SectionBlock {
  return { type: 'section', text: mrkdwn(text, SECTION_TEXT_MAX_LENGTH) };
}

function context(text: string): types.ContextBlock {
  return { type: 'context', elements: [mrkdwn(text, TEXT_OBJECT_MAX_LENGTH)] };
}

function mrkdwn(text: string, max: number): types.MrkdwnElement {
  return { type: 'mrkdwn', text: truncateMrkdwn(text, max) };
}

function plainText(text: string, max: number): types.PlainTextElement {
  return { type: 'plain_text', text: truncatePlainText(text, max) };
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
}
