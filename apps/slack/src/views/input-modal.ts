import type { ModalView } from '@slack/types';
import { type ActionId, type CardActionInput, isActionId, type Locale, translate } from '@steward/core';
import {
  INPUT_LABEL_MAX_LENGTH,
  MODAL_BUTTON_MAX_LENGTH,
  MODAL_TITLE_MAX_LENGTH,
  PLACEHOLDER_MAX_LENGTH,
  PLAIN_TEXT_INPUT_MAX_LENGTH,
} from '../render/limits.ts';
import { truncatePlainText } from '../render/truncate.ts';

/** The modal of every card action that needs a line of text first (a reason, a note). */
export const CARD_INPUT_CALLBACK = 'card_action.input';
const INPUT = 'input';

// Longer than this, the person gets several lines to write in.
const MULTILINE_FROM_LENGTH = 150;

/** The action to perform once the text is in, and the message whose card it updates then. */
export interface InputModalContext {
  readonly id: ActionId;
  readonly value: string;
  readonly channel: string;
  readonly ts: string;
}

const plain = (text: string, max: number) => ({ type: 'plain_text' as const, text: truncatePlainText(text, max) });

/** Asks for the action's text in the card's own words; Slack checks that it is given when required. */
export function inputModal(locale: Locale, input: CardActionInput, context: InputModalContext): ModalView {
  const maxLength = Math.min(Math.max(1, input.maxLength), PLAIN_TEXT_INPUT_MAX_LENGTH);
  const placeholder = input.placeholder?.trim()
    ? { placeholder: plain(input.placeholder, PLACEHOLDER_MAX_LENGTH) }
    : {};
  return {
    type: 'modal',
    callback_id: CARD_INPUT_CALLBACK,
    private_metadata: JSON.stringify(context),
    title: plain(input.title, MODAL_TITLE_MAX_LENGTH),
    submit: plain(input.submit, MODAL_BUTTON_MAX_LENGTH),
    close: plain(translate(locale, 'card.cancel'), MODAL_BUTTON_MAX_LENGTH),
    blocks: [
      {
        type: 'input',
        block_id: INPUT,
        optional: !input.required,
        label: plain(input.label, INPUT_LABEL_MAX_LENGTH),
        element: {
          type: 'plain_text_input',
          action_id: INPUT,
          multiline: maxLength > MULTILINE_FROM_LENGTH,
          max_length: maxLength,
          ...placeholder,
        },
      },
    ],
  };
}

/** The text written, or null when none was. */
export function inputText(values: Record<string, Record<string, { value?: string | null }>>): string | null {
  const text = values[INPUT]?.[INPUT]?.value?.trim();
  return text ? text : null;
}

export function inputContext(privateMetadata: string): InputModalContext | null {
  try {
    const { id, value, channel, ts } = JSON.parse(privateMetadata) as Partial<Record<keyof InputModalContext, unknown>>;
    if (typeof id !== 'string' || !isActionId(id) || typeof value !== 'string') return null;
    if (typeof channel !== 'string' || channel === '' || typeof ts !== 'string' || ts === '') return null;
    return { id, value, channel, ts };
  } catch {
    return null;
  }
}
