// The neutral card rendered as the `text` and `blocks` of chat.postMessage and chat.update.
// https://docs.slack.dev/reference/block-kit/blocks

import type { types } from '@slack/bolt';
import {
  type ActionId,
  type Card,
  type CardAction,
  type CardActionInput,
  type CardBlock,
  type FoldBlock,
  fitToBudget,
  isActionId,
  LIST_ITEMS_SHOWN,
  type ListBlock,
  type ListItem,
  type Locale,
  listTotal,
  rowsOf,
  translate,
} from '@steward/core';
import {
  ACTION_ID_MAX_LENGTH,
  ACTIONS_MAX_ELEMENTS,
  BUTTON_TEXT_MAX_LENGTH,
  BUTTON_VALUE_MAX_LENGTH,
  CONFIRM_BUTTON_TEXT_MAX_LENGTH,
  CONFIRM_TEXT_MAX_LENGTH,
  CONFIRM_TITLE_MAX_LENGTH,
  CONTEXT_MAX_ELEMENTS,
  HEADER_TEXT_MAX_LENGTH,
  MESSAGE_MAX_BLOCKS,
  MESSAGE_TEXT_MAX_LENGTH,
  OPTION_TEXT_MAX_LENGTH,
  OPTION_VALUE_MAX_LENGTH,
  SECTION_FIELD_TEXT_MAX_LENGTH,
  SECTION_MAX_FIELDS,
  SECTION_TEXT_MAX_LENGTH,
  SELECT_MAX_OPTIONS,
  SELECT_PLACEHOLDER_MAX_LENGTH,
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

// Our choice, well inside Slack's limits: a row of more than 10 buttons is more than an owner reads
// in a message (a list's items: core's LIST_ITEMS_SHOWN).
const BUTTONS_PER_ACTIONS_BLOCK = 10;

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
// An action that asks for a form first (`CardAction.form`): the modal asks the core for it when clicked.
const FORM_MARK = ':form';
// `#n`, then `:input` for an action that asks for text first, with `=` and the input's wording on a menu.
const ACTION_ID = /^([a-z_.]+)#\d+(:input)?(?:=(.+))?$/s;
const FORM_ACTION_ID = /^([a-z_.]+)#\d+:form$/;

/** A clicked button as the core reads it: its action, the value, and what to ask first, if anything. */
export interface ClickedButton {
  readonly id: ActionId;
  readonly value: string;
  readonly input: CardActionInput | null;
  /** The action asks for a form first (`cardActionForm` gives it). */
  readonly form?: true;
}

/**
 * The button a click names, or the menu option picked (its value), or null for an action id or
 * value this renderer never wrote.
 */
export function readButton(slackActionId: string, slackValue: string): ClickedButton | null {
  const [, formAction] = FORM_ACTION_ID.exec(slackActionId) ?? [];
  if (formAction !== undefined)
    return isActionId(formAction) ? { id: formAction, value: slackValue, input: null, form: true } : null;
  const [, actionId, asksInput, wording] = ACTION_ID.exec(slackActionId) ?? [];
  if (actionId === undefined || !isActionId(actionId)) return null;
  if (wording !== undefined) {
    const input = asksInput === undefined ? null : unpackInputWording(wording);
    return input && { id: actionId, value: slackValue, input };
  }
  if (asksInput === undefined) return { id: actionId, value: slackValue, input: null };
  const packed = unpackInput(slackValue);
  return packed && { id: actionId, ...packed };
}

/** The core's value and the input's wording, in one button value. */
function packInput(value: string, input: CardActionInput): string {
  return JSON.stringify({ value, input });
}

/** The input's wording alone, as short as it goes: a menu carries it in its action id (255 characters). */
function packedInputWording(input: CardActionInput): string {
  const { title, label, submit, required, maxLength, placeholder } = input;
  return JSON.stringify([
    title,
    label,
    submit,
    required ? 1 : 0,
    maxLength,
    ...(placeholder?.trim() ? [placeholder] : []),
  ]);
}

function unpackInputWording(packed: string): CardActionInput | null {
  let parts: unknown;
  try {
    parts = JSON.parse(packed);
  } catch {
    return null;
  }
  if (!Array.isArray(parts) || parts.length < 5 || parts.length > 6) return null;
  const [title, label, submit, required, maxLength, placeholder] = parts as unknown[];
  if (typeof title !== 'string' || typeof label !== 'string' || typeof submit !== 'string') return null;
  if ((required !== 0 && required !== 1) || typeof maxLength !== 'number') return null;
  if (placeholder !== undefined && typeof placeholder !== 'string') return null;
  return {
    title,
    label,
    ...(placeholder === undefined ? {} : { placeholder }),
    submit,
    required: required === 1,
    maxLength,
  };
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
  return {
    value,
    input: { title, label, ...(placeholder === undefined ? {} : { placeholder }), submit, required, maxLength },
  };
}

/**
 * Blocks that stand or fall together when the message must be cut (a list and its menus), and how
 * many things of the card they show: one per list item, fact or button, none for a divider, one for
 * any other block, and the hidden count for an "and N more" line.
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

/** A list as rendered: its items up to what fits, of which the first `shown` make it into the message. */
interface RenderedList {
  readonly list: ListBlock;
  /** The title as mrkdwn, null for none. */
  readonly title: string | null;
  readonly items: readonly ListItem[];
  /** How many items the list has in all, beyond the cap and beyond the items the card holds too. */
  readonly total: number;
  shown: number;
}

/** The card before it is fitted into one message: lists apart, as they can be cut. */
type Part =
  | { readonly block: Exclude<CardBlock, ListBlock | FoldBlock> }
  | { readonly list: RenderedList }
  | { readonly fold: FoldBlock; readonly lists: RenderedList[] };

export function renderCard(card: Card, options: RenderOptions = {}): SlackMessage {
  const maxListItems = options.maxListItems ?? LIST_ITEMS_SHOWN;
  const parts: Part[] = card.blocks.map((block) => {
    if (block.kind === 'list') return { list: renderedList(block, maxListItems) };
    if (block.kind === 'fold')
      return {
        fold: block,
        lists: block.blocks.flatMap((b) => (b.kind === 'list' ? [renderedList(b, maxListItems)] : [])),
      };
    return { block };
  });
  const lists = parts.flatMap((part) => ('list' in part ? [part.list] : 'fold' in part ? part.lists : []));
  const assemble = (): Piece[] => {
    let buttons = 0;
    const rendering: Rendering = {
      locale: card.locale,
      maxListItems,
      nextActionId: (actionId, asksInput) => actionIdOf(actionId, buttons++, asksInput),
    };
    const title: Piece[] = card.title.trim() === '' ? [] : [{ blocks: [header(card.title)], shows: 1 }];
    return mergeContexts([
      ...title,
      ...parts.flatMap((part) =>
        'list' in part
          ? listPieces(part.list, rendering)
          : 'fold' in part
            ? foldPieces(part.fold, part.lists, rendering)
            : piecesOf(part.block, rendering),
      ),
    ]);
  };
  // The one rule of what goes first (core's budget.ts), measured in Slack's blocks.
  const counts = fitToBudget(
    lists.map(({ list, items }) => ({ priority: list.priority ?? 0, part: list.part, items: items.length })),
    MESSAGE_MAX_BLOCKS,
    (shown) => {
      for (const [i, list] of lists.entries()) list.shown = shown[i] ?? 0;
      return assemble().reduce((total, piece) => total + piece.blocks.length, 0);
    },
  );
  for (const [i, list] of lists.entries()) list.shown = counts[i] ?? 0;
  return {
    // The summary should be plain, but cards build it from the same markup-bearing messages as
    // their text: notifications show only the words.
    text: truncateMrkdwn(escapeMrkdwn(markupToPlainText(card.summary)), MESSAGE_TEXT_MAX_LENGTH),
    blocks: withinMessageLimit(assemble(), card.locale),
  };
}

/** Small print that follows small print shares its block (a context holds up to 10 elements): blocks are the scarce thing. */
function mergeContexts(pieces: readonly Piece[]): Piece[] {
  const merged: Piece[] = [];
  for (const piece of pieces) {
    const last = merged.at(-1);
    const [before] = last?.blocks ?? [];
    const [block] = piece.blocks;
    if (
      last !== undefined &&
      last.blocks.length === 1 &&
      piece.blocks.length === 1 &&
      before?.type === 'context' &&
      block?.type === 'context' &&
      before.elements.length + block.elements.length <= CONTEXT_MAX_ELEMENTS
    ) {
      merged[merged.length - 1] = {
        ...last,
        blocks: [{ ...before, elements: [...before.elements, ...block.elements] }],
        shows: last.shows + piece.shows,
      };
    } else merged.push(piece);
  }
  return merged;
}

function piecesOf(block: Exclude<CardBlock, ListBlock | FoldBlock>, rendering: Rendering): Piece[] {
  switch (block.kind) {
    case 'text':
      // Slack refuses an empty text object, and an empty paragraph says nothing.
      return block.text.trim() === '' ? [] : [{ blocks: [section(toMrkdwn(block.text))], shows: 1 }];
    case 'facts':
      return rowsOf(block.facts, SECTION_MAX_FIELDS).map((facts) => ({
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
    case 'actions': {
      const rows = actionsBlocks(block.actions, rendering);
      const menu = [
        ...(block.menu && block.menu.actions.length > 0 ? menus(block.menu.actions, block.menu.label, rendering) : []),
        // Offered with the menu ("Time off…"): a button beside it, which Slack wraps rather than cuts.
        ...(block.menu?.also ?? []).map((action) => button(action, rendering)),
      ];
      const last = rows.at(-1);
      // The menu joins the last row when there is room: "Done · Skip · Hand to… ▾".
      if (last && last.elements.length + menu.length <= BUTTONS_PER_ACTIONS_BLOCK) last.elements.push(...menu);
      else if (menu.length > 0) rows.push({ type: 'actions', elements: menu });
      return rows.map((actions) => ({ blocks: [actions], shows: actions.elements.length }));
    }
    case 'context':
      return block.text.trim() === '' ? [] : [{ blocks: [context(toMrkdwn(block.text))], shows: 1 }];
    case 'divider':
      return [{ blocks: [{ type: 'divider' }], shows: 0 }];
  }
}

function renderedList(list: ListBlock, maxListItems: number): RenderedList {
  const title = list.title.trim() === '' ? null : `*${escapeMrkdwn(list.title)}*`;
  // As many items as one section's text holds, with room for its title and "and N more".
  let room = SECTION_TEXT_MAX_LENGTH - (title?.length ?? 0) - MORE_LINE_ROOM;
  const items: ListItem[] = [];
  for (const item of list.items.slice(0, Math.max(0, maxListItems))) {
    room -= itemLine(item).length + 1;
    if (room < 0) break;
    items.push(item);
  }
  return { list, title, items, total: listTotal(list), shown: items.length };
}

// What "and N more", linked, takes at most in a section's text.
const MORE_LINE_ROOM = 400;

/**
 * A list as one section: its title, a line per shown item, and "and N more". Its items' actions
 * follow in one row: one menu per action ("Approve… ▾" listing the items), so that a list of ten
 * requests takes two blocks, not twenty; a list of one item keeps its buttons beside it.
 */
function listPieces(rendered: RenderedList, rendering: Rendering): Piece[] {
  const { list, title, total } = rendered;
  const shown = rendered.items.slice(0, rendered.shown);
  const hidden = total - shown.length;
  const more = hidden > 0 ? [moreWords(hidden, list.moreLink, rendering.locale)] : [];
  const lines = [...(title === null ? [] : [title]), ...shown.map(itemLine), ...more];
  if (lines.length === 0 || (shown.length === 0 && hidden === 0 && total > 0)) return [];
  const text = section(lines.join('\n'));
  const shows = shown.length + hidden + (total === 0 ? 1 : 0);
  const withActions = shown.filter((item) => (item.actions ?? []).length > 0);
  const [only] = shown;
  if (withActions.length === 0) return [{ blocks: [text], shows, moreLink: list.moreLink }];
  if (shown.length === 1 && only?.actions?.length === 1 && only.actions[0]) {
    return [{ blocks: [{ ...text, accessory: button(only.actions[0], rendering) }], shows, moreLink: list.moreLink }];
  }
  // A menu cannot ask to confirm per option: actions that must be confirmed keep a button each.
  const confirming = withActions.some((item) => (item.actions ?? []).some((action) => action.confirm !== undefined));
  const row: types.ActionsBlock[] =
    shown.length === 1 || confirming
      ? actionsBlocks(
          withActions.flatMap((item) => item.actions ?? []),
          rendering,
        )
      : [{ type: 'actions', elements: itemMenus(withActions, rendering) }];
  return [{ blocks: [text, ...row], shows, moreLink: list.moreLink }];
}

/** An item's line: its words, linked when it has a link (a link cannot hold another, so only the words). */
function itemLine(item: ListItem): string {
  return `• ${item.link === undefined ? toMrkdwn(item.text) : mrkdwnLink(item.link, markupToPlainText(item.text))}`;
}

/** One menu per action the items offer, in the order they first offer it, listing the items by their words. */
function itemMenus(items: readonly ListItem[], rendering: Rendering): types.StaticSelect[] {
  const byAction = new Map<ActionId, CardAction[]>();
  for (const item of items) {
    for (const action of item.actions ?? []) {
      const labelled = { ...action, label: markupToPlainText(item.text) };
      byAction.set(action.id, [...(byAction.get(action.id) ?? []), labelled]);
    }
  }
  const labelOf = (id: ActionId) => items.flatMap((item) => item.actions ?? []).find((a) => a.id === id)?.label ?? id;
  return [...byAction]
    .slice(0, ACTIONS_MAX_ELEMENTS)
    .map(([id, actions]) => menu(actions, `${labelOf(id)}…`, rendering));
}

/** A menu per action id among `actions`, each labelled `label`. */
function menus(actions: readonly CardAction[], label: string, rendering: Rendering): types.StaticSelect[] {
  const ids = [...new Set(actions.map((a) => a.id))];
  return ids.map((id) =>
    menu(
      actions.filter((a) => a.id === id),
      label,
      rendering,
    ),
  );
}

/**
 * A static select: each option is one of the actions (all of one id), labelled with what it acts
 * on, its value the core's. An option's value holds only 150 characters, so an action that needs a
 * line of text first carries that input's wording in the select's action id instead.
 */
function menu(actions: readonly CardAction[], label: string, rendering: Rendering): types.StaticSelect {
  const [first] = actions;
  if (first === undefined) throw new Error('A menu needs at least one action.');
  const options = actions.slice(0, SELECT_MAX_OPTIONS).map((action) => {
    if (action.value.length > OPTION_VALUE_MAX_LENGTH) {
      throw new Error(
        `The value of action ${action.id} is ${action.value.length} characters long; Slack menu options carry at most ${OPTION_VALUE_MAX_LENGTH}.`,
      );
    }
    return { text: plainText(action.label, OPTION_TEXT_MAX_LENGTH), value: action.value };
  });
  const input = first.input === undefined ? '' : `=${packedInputWording(first.input)}`;
  const actionId = `${rendering.nextActionId(first.id, first.input !== undefined)}${input}`;
  if (actionId.length > ACTION_ID_MAX_LENGTH)
    throw new Error(
      `The menu of action ${first.id} needs an action id of ${actionId.length} characters; Slack takes ${ACTION_ID_MAX_LENGTH}.`,
    );
  return {
    type: 'static_select',
    action_id: actionId,
    placeholder: plainText(label, SELECT_PLACEHOLDER_MAX_LENGTH),
    options,
  };
}

/** A fold as Slack shows it: no block folds, so one compact line of its lists and one row of its actions. */
function foldPieces(fold: FoldBlock, lists: readonly RenderedList[], rendering: Rendering): Piece[] {
  const rendered = new Map(lists.map((list) => [list.list, list]));
  const lines: string[] = [];
  const elements: types.ActionsBlock['elements'] = [];
  let shows = 0;
  for (const block of fold.blocks) {
    if (block.kind === 'list') {
      const list = rendered.get(block);
      if (!list) continue;
      const shown = list.items.slice(0, list.shown);
      const hidden = list.total - shown.length;
      if (shown.length === 0 && hidden === 0) continue;
      const words = shown.map((item) => escapeMrkdwn(markupToPlainText(item.text)));
      const more = hidden > 0 ? [moreWords(hidden, block.moreLink, rendering.locale)] : [];
      lines.push(`${list.title ?? ''} ${[...words, ...more].join(' · ')}`.trim());
      const acting = shown.filter((item) => (item.actions ?? []).length > 0);
      if (acting.length > 0) elements.push(...itemMenus(acting, rendering));
      shows += shown.length + hidden;
    } else if (block.kind === 'actions') {
      elements.push(...block.actions.map((action) => button(action, rendering)));
    } else if (block.kind === 'text' || block.kind === 'context') {
      if (block.text.trim() !== '') lines.push(toMrkdwn(block.text));
    }
  }
  if (lines.length === 0 && elements.length === 0) return [];
  const line: KnownBlock[] =
    lines.length === 0
      ? []
      : [
          {
            type: 'context',
            elements: lines.slice(0, CONTEXT_MAX_ELEMENTS).map((text) => mrkdwn(text, TEXT_OBJECT_MAX_LENGTH)),
          },
        ];
  const row: KnownBlock[] =
    elements.length === 0 ? [] : [{ type: 'actions', elements: elements.slice(0, ACTIONS_MAX_ELEMENTS) }];
  return [{ blocks: [...line, ...row], shows: shows + elements.length }];
}

function actionsBlocks(actions: readonly CardAction[], rendering: Rendering): types.ActionsBlock[] {
  return rowsOf(actions, BUTTONS_PER_ACTIONS_BLOCK).map((row) => ({
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
    action_id: action.form
      ? `${rendering.nextActionId(action.id, false)}${FORM_MARK}`
      : rendering.nextActionId(action.id, action.input !== undefined),
    text: plainText(action.label, BUTTON_TEXT_MAX_LENGTH),
    value,
    ...(action.style === undefined ? {} : { style: action.style }),
    ...(action.confirm === undefined ? {} : { confirm: confirmation(action.confirm, action.style) }),
  };
}

function confirmation(
  confirm: NonNullable<CardAction['confirm']>,
  style: CardAction['style'],
): types.ConfirmationDialog {
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
