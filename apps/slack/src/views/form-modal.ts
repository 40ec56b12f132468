import type { ModalView } from '@slack/types';
import { type CardActionForm, formInputOf, type Locale, translate } from '@steward/core';
import {
  INPUT_LABEL_MAX_LENGTH,
  MODAL_BUTTON_MAX_LENGTH,
  MODAL_TITLE_MAX_LENGTH,
  OPTION_TEXT_MAX_LENGTH,
  OPTION_VALUE_MAX_LENGTH,
  PLACEHOLDER_MAX_LENGTH,
  SELECT_MAX_OPTIONS,
} from '../render/limits.ts';
import { truncatePlainText } from '../render/truncate.ts';
import type { InputModalContext } from './input-modal.ts';

// The modal of a card action that asks for a form first ("Time off…": the last day and who covers),
// opened with views.open when its button is clicked (https://docs.slack.dev/reference/methods/views.open).
// Its blocks: a datepicker (https://docs.slack.dev/reference/block-kit/block-elements/date-picker-element)
// and an optional static select.

export const CARD_FORM_CALLBACK = 'card_action.form';
const DAY = 'day';
const PICK = 'pick';

const plain = (text: string, max: number) => ({ type: 'plain_text' as const, text: truncatePlainText(text, max) });

/** The form in the card's own words; Slack checks that the day is given. */
export function formModal(locale: Locale, form: CardActionForm, context: InputModalContext): ModalView {
  const options = form.pick.options
    .filter((option) => option.value.length <= OPTION_VALUE_MAX_LENGTH)
    .slice(0, SELECT_MAX_OPTIONS)
    .map((option) => ({ text: plain(option.label, OPTION_TEXT_MAX_LENGTH), value: option.value }));
  return {
    type: 'modal',
    callback_id: CARD_FORM_CALLBACK,
    private_metadata: JSON.stringify(context),
    title: plain(form.title, MODAL_TITLE_MAX_LENGTH),
    submit: plain(form.submit, MODAL_BUTTON_MAX_LENGTH),
    close: plain(translate(locale, 'card.cancel'), MODAL_BUTTON_MAX_LENGTH),
    blocks: [
      {
        type: 'input',
        block_id: DAY,
        label: plain(form.day.label, INPUT_LABEL_MAX_LENGTH),
        element: { type: 'datepicker', action_id: DAY },
      },
      ...(options.length === 0
        ? []
        : [
            {
              type: 'input' as const,
              block_id: PICK,
              optional: true,
              label: plain(form.pick.label, INPUT_LABEL_MAX_LENGTH),
              element: {
                type: 'static_select' as const,
                action_id: PICK,
                placeholder: plain(form.pick.placeholder, PLACEHOLDER_MAX_LENGTH),
                options,
              },
            },
          ]),
    ],
  };
}

/** What the form brings the core: the day picked and the option picked, if any. */
export function formInput(
  values: Record<
    string,
    Record<string, { selected_date?: string | null; selected_option?: { value?: string } | null }>
  >,
): string | null {
  return formInputOf(values[DAY]?.[DAY]?.selected_date ?? null, values[PICK]?.[PICK]?.selected_option?.value ?? null);
}
