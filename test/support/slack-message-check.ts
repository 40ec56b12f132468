// What Slack accepts in a message: only block types and fields Slack knows, within its documented
// limits (apps/slack/src/render/limits.ts cites each), with action ids unique in the message.

import { expect } from 'vitest';
import type { SlackMessage } from '../../apps/slack/src/render/block-kit.ts';
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
} from '../../apps/slack/src/render/limits.ts';

type Json = Record<string, unknown>;

function expectKeys(object: Json, allowed: readonly string[], where: string): void {
  for (const key of Object.keys(object)) expect(allowed, `${where}: unknown field "${key}"`).toContain(key);
}

function expectTextObject(value: unknown, types: readonly string[], max: number, where: string): void {
  const text = value as Json;
  expectKeys(text, ['type', 'text'], where);
  expect(types, `${where}: text type`).toContain(text['type']);
  expect(typeof text['text'], where).toBe('string');
  const length = (text['text'] as string).length;
  expect(length, `${where}: empty text`).toBeGreaterThanOrEqual(1);
  expect(length, `${where}: text too long`).toBeLessThanOrEqual(max);
}

/** A button, or a static select (a menu of options, each a value for the same action). */
function expectElement(value: unknown, actionIds: string[], where: string): void {
  if ((value as Json)['type'] === 'static_select') expectStaticSelect(value, actionIds, where);
  else expectButton(value, actionIds, where);
}

function expectStaticSelect(value: unknown, actionIds: string[], where: string): void {
  const select = value as Json;
  expectKeys(select, ['type', 'action_id', 'placeholder', 'options'], where);
  expectTextObject(select['placeholder'], ['plain_text'], SELECT_PLACEHOLDER_MAX_LENGTH, `${where}.placeholder`);
  const actionId = select['action_id'] as string;
  expect(actionId.length, `${where}.action_id`).toBeLessThanOrEqual(ACTION_ID_MAX_LENGTH);
  actionIds.push(actionId);
  const options = select['options'] as Json[];
  expect(options.length, `${where}.options`).toBeGreaterThanOrEqual(1);
  expect(options.length, `${where}.options`).toBeLessThanOrEqual(SELECT_MAX_OPTIONS);
  options.forEach((option, n) => {
    expectKeys(option, ['text', 'value'], `${where}.options[${n}]`);
    expectTextObject(option['text'], ['plain_text'], OPTION_TEXT_MAX_LENGTH, `${where}.options[${n}].text`);
    expect((option['value'] as string).length, `${where}.options[${n}].value`).toBeLessThanOrEqual(
      OPTION_VALUE_MAX_LENGTH,
    );
  });
  expect(new Set(options.map((o) => o['value'])).size, `${where}: option values unique`).toBe(options.length);
}

function expectButton(value: unknown, actionIds: string[], where: string): void {
  const button = value as Json;
  expectKeys(button, ['type', 'action_id', 'text', 'value', 'style', 'confirm'], where);
  expect(button['type'], where).toBe('button');
  expectTextObject(button['text'], ['plain_text'], BUTTON_TEXT_MAX_LENGTH, `${where}.text`);
  const actionId = button['action_id'] as string;
  expect(actionId.length, `${where}.action_id`).toBeLessThanOrEqual(ACTION_ID_MAX_LENGTH);
  actionIds.push(actionId);
  expect((button['value'] as string).length, `${where}.value`).toBeLessThanOrEqual(BUTTON_VALUE_MAX_LENGTH);
  if (button['style'] !== undefined) expect(['primary', 'danger'], `${where}.style`).toContain(button['style']);
  if (button['confirm'] !== undefined) {
    const confirm = button['confirm'] as Json;
    expectKeys(confirm, ['title', 'text', 'confirm', 'deny', 'style'], `${where}.confirm`);
    expectTextObject(confirm['title'], ['plain_text'], CONFIRM_TITLE_MAX_LENGTH, `${where}.confirm.title`);
    expectTextObject(confirm['text'], ['plain_text', 'mrkdwn'], CONFIRM_TEXT_MAX_LENGTH, `${where}.confirm.text`);
    expectTextObject(confirm['confirm'], ['plain_text'], CONFIRM_BUTTON_TEXT_MAX_LENGTH, `${where}.confirm.confirm`);
    expectTextObject(confirm['deny'], ['plain_text'], CONFIRM_BUTTON_TEXT_MAX_LENGTH, `${where}.confirm.deny`);
  }
}

/** Only block types and fields Slack knows, within its limits, with action ids unique in the message. */
export function expectValidSlackMessage(message: SlackMessage): void {
  const json = JSON.parse(JSON.stringify(message)) as { text: string; blocks: Json[] };
  expect(Object.keys(json).sort()).toEqual(['blocks', 'text']);
  expect(json.text.length).toBeLessThanOrEqual(MESSAGE_TEXT_MAX_LENGTH);
  expect(json.blocks.length).toBeLessThanOrEqual(MESSAGE_MAX_BLOCKS);
  const actionIds: string[] = [];
  json.blocks.forEach((block, index) => {
    const where = `blocks[${index}] (${String(block['type'])})`;
    switch (block['type']) {
      case 'header':
        expectKeys(block, ['type', 'text'], where);
        expectTextObject(block['text'], ['plain_text'], HEADER_TEXT_MAX_LENGTH, `${where}.text`);
        break;
      case 'section': {
        expectKeys(block, ['type', 'text', 'fields', 'accessory'], where);
        expect(block['text'] !== undefined || block['fields'] !== undefined, `${where}: text or fields`).toBe(true);
        if (block['text'] !== undefined)
          expectTextObject(block['text'], ['mrkdwn', 'plain_text'], SECTION_TEXT_MAX_LENGTH, `${where}.text`);
        const fields = (block['fields'] ?? []) as unknown[];
        expect(fields.length, `${where}.fields`).toBeLessThanOrEqual(SECTION_MAX_FIELDS);
        for (const [n, field] of fields.entries())
          expectTextObject(field, ['mrkdwn', 'plain_text'], SECTION_FIELD_TEXT_MAX_LENGTH, `${where}.fields[${n}]`);
        if (block['accessory'] !== undefined) expectButton(block['accessory'], actionIds, `${where}.accessory`);
        break;
      }
      case 'actions': {
        expectKeys(block, ['type', 'elements'], where);
        const elements = block['elements'] as unknown[];
        expect(elements.length, where).toBeGreaterThanOrEqual(1);
        expect(elements.length, where).toBeLessThanOrEqual(ACTIONS_MAX_ELEMENTS);
        for (const [n, element] of elements.entries()) expectElement(element, actionIds, `${where}.elements[${n}]`);
        break;
      }
      case 'context': {
        expectKeys(block, ['type', 'elements'], where);
        const elements = block['elements'] as unknown[];
        expect(elements.length, where).toBeGreaterThanOrEqual(1);
        expect(elements.length, where).toBeLessThanOrEqual(CONTEXT_MAX_ELEMENTS);
        for (const [n, element] of elements.entries())
          expectTextObject(element, ['mrkdwn', 'plain_text'], TEXT_OBJECT_MAX_LENGTH, `${where}.elements[${n}]`);
        break;
      }
      case 'divider':
        expectKeys(block, ['type'], where);
        break;
      default:
        expect.fail(`${where}: a block type this renderer must not produce`);
    }
  });
  expect(new Set(actionIds).size, 'action ids unique in the message').toBe(actionIds.length);
}
