// The neutral card rendered as the `text` and `blocks` of chat.postMessage and chat.update.
// https://docs.slack.dev/reference/block-kit/blocks

import type { types } from '@slack/bolt';
import { isActionId, type ActionId, type Card, type CardAction, type CardBlock, type ListBlock, type ListItem } from '@steward/core';
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
  /** "and N more", in the reader's language; English by default. */
  readonly moreText?: (count: number) => string;
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

const englishMoreText = (count: number): string => `and ${count} more`;

/**
 * Slack action ids must differ within a message (and a card may offer "approve" on every request
 * of a list), so the core's action id gets a `#n` suffix that `parseActionId` removes again.
 */
export function actionIdOf(actionId: ActionId, n: number): string {
  return `${actionId}#${n}`;
}

/** The core action a button click names, or null for an action id this renderer never wrote. */
export function parseActionId(slackActionId: string): ActionId | null {
  const actionId = /^(.+)#\d+$/.exec(slackActionId)?.[1];
  return actionId !== undefined && isActionId(actionId) ? actionId : null;
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
  readonly moreText: (count: number) => string;
  readonly maxListItems: number;
  /** Numbers the card's buttons in order, so that each gets its own action id. */
  readonly nextActionId: (actionId: ActionId) => string;
}

export function renderCard(card: Card, options: RenderOptions = {}): SlackMessage {
  let buttons = 0;
  const rendering: Rendering = {
    moreText: options.moreText ?? englishMoreText,
    maxListItems: options.maxListItems ?? DEFAULT_MAX_LIST_ITEMS,
    nextActionId: (actionId) => actionIdOf(actionId, buttons++),
  };
  const pieces: Piece[] = card.title.trim() === '' ? [] : [{ blocks: [header(card.title)], shows: 1 }];
  for (const block of card.blocks) pieces.push(...piecesOf(block, rendering));
  return {
    // The summary should be plain, but cards build it from the same markup-bearing messages as
    // their text: notifications show only the words.
    text: truncateMrkdwn(escapeMrkdwn(markupToPlainText(card.summary)), MESSAGE_TEXT_MAX_LENGTH),
    blocks: withinMessageLimit(pieces, rendering.moreText),
  };
}

function piecesOf(block: CardBlock, rendering: Rendering): Piece[] {
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
    case 'list':
      return listPieces(block, rendering);
    case 'actions':
      return actionsBlocks(block.actions, rendering).map((actions) => ({ blocks: [actions], shows: actions.elements.length }));
    case 'context':
      return block.text.trim() === '' ? [] : [{ blocks: [context(toMrkdwn(block.text))], shows: 1 }];
    case 'divider':
      return [{ blocks: [{ type: 'divider' }], shows: 0 }];
  }
}

/** The list's title, its first items, then "and N more" for the rest. */
function listPieces(list: ListBlock, rendering: Rendering): Piece[] {
  const { moreLink } = list;
  const shown = list.items.slice(0, Math.max(0, rendering.maxListItems));
  const hidden = list.items.length - shown.length;
  const pieces: Piece[] = [];
  if (list.title.trim() !== '') {
    // The title counts only for an empty list: otherwise its items are what a cut hides.
    pieces.push({ blocks: [section(`*${escapeMrkdwn(list.title)}*`)], shows: list.items.length === 0 ? 1 : 0, moreLink });
  }
  for (const item of shown) pieces.push({ blocks: itemBlocks(item, rendering), shows: 1, moreLink });
  if (hidden > 0) pieces.push({ blocks: [moreLine(hidden, moreLink, rendering.moreText)], shows: hidden, moreLink });
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
  // The value is the core's own data (ids); one Slack cannot carry is a bug, not something to cut.
  if (action.value.length > BUTTON_VALUE_MAX_LENGTH) {
    throw new Error(
      `The value of action ${action.id} is ${action.value.length} characters long; Slack buttons carry at most ${BUTTON_VALUE_MAX_LENGTH}.`,
    );
  }
  return {
    type: 'button',
    action_id: rendering.nextActionId(action.id),
    text: plainText(action.label, BUTTON_TEXT_MAX_LENGTH),
    value: action.value,
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
function withinMessageLimit(pieces: readonly Piece[], moreText: (count: number) => string): KnownBlock[] {
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
  return hidden === 0 ? blocks : [...blocks, moreLine(hidden, left[0]?.moreLink, moreText)];
}

function moreLine(count: number, moreLink: string | undefined, moreText: (count: number) => string): types.ContextBlock {
  const words = moreText(count);
  return context(moreLink === undefined ? escapeMrkdwn(words) : mrkdwnLink(moreLink, words));
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
