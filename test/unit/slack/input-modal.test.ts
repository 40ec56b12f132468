import { describe, expect, it } from 'vitest';
import {
  MODAL_BUTTON_MAX_LENGTH,
  MODAL_TITLE_MAX_LENGTH,
  PLACEHOLDER_MAX_LENGTH,
  PLAIN_TEXT_INPUT_MAX_LENGTH,
  PRIVATE_METADATA_MAX_LENGTH,
} from '../../../apps/slack/src/render/limits.ts';
import { CARD_INPUT_CALLBACK, inputContext, inputModal, inputText } from '../../../apps/slack/src/views/input-modal.ts';
import type { CardActionInput } from '../../../core/src/cards/card.ts';
import { denyWithReason, skipWeek } from '../../support/cards.ts';

const where = { id: 'membership_request.deny' as const, value: 'r1', channel: 'D0ALICE', ts: '1700000000.000100' };
const plain = (text: string) => ({ type: 'plain_text', text });

describe('Slack input modal: one for every card action that asks for text', () => {
  it("asks in the card's own words, in a field Slack makes optional or required, and remembers the click", () => {
    const modal = inputModal('fr', denyWithReason('r1').input!, where);
    expect(modal).toStrictEqual({
      type: 'modal',
      callback_id: CARD_INPUT_CALLBACK,
      private_metadata: JSON.stringify(where),
      title: plain('Deny the request'),
      submit: plain('Deny'),
      close: plain('Annuler'),
      blocks: [
        {
          type: 'input',
          block_id: 'input',
          optional: true,
          label: plain('Reason (the requester sees it)'),
          element: {
            type: 'plain_text_input',
            action_id: 'input',
            multiline: true,
            max_length: 500,
            placeholder: plain('Why not?'),
          },
        },
      ],
    });
    const required = inputModal('en', { ...skipWeek('w1').input!, required: true }, where);
    expect(required.blocks[0]).toMatchObject({ optional: false, element: { multiline: false, max_length: 100 } });
    expect(required.blocks[0]).not.toHaveProperty('element.placeholder');
  });

  it("keeps to Slack's limits on titles, buttons, placeholders and lengths", () => {
    const long: CardActionInput = {
      title: 'Refuser la demande d’adhésion au groupe',
      label: 'Raison',
      placeholder: 'p'.repeat(200),
      submit: 'Refuser définitivement la demande',
      required: false,
      maxLength: 10_000,
    };
    const modal = inputModal('ru', long, where) as unknown as {
      title: { text: string };
      submit: { text: string };
      close: { text: string };
      private_metadata: string;
      blocks: { element: { placeholder: { text: string }; max_length: number } }[];
    };
    expect(modal.title.text).toHaveLength(MODAL_TITLE_MAX_LENGTH);
    expect(modal.title.text.endsWith('…')).toBe(true);
    expect(modal.submit.text.length).toBeLessThanOrEqual(MODAL_BUTTON_MAX_LENGTH);
    expect(modal.close.text).toBe('Отмена');
    expect(modal.blocks[0]?.element.placeholder.text).toHaveLength(PLACEHOLDER_MAX_LENGTH);
    expect(modal.blocks[0]?.element.max_length).toBe(PLAIN_TEXT_INPUT_MAX_LENGTH);
    // The longest value a button carries still fits the modal's metadata.
    const metadata = inputModal('en', long, { ...where, value: 'v'.repeat(1900) }).private_metadata ?? '';
    expect(metadata.length).toBeLessThanOrEqual(PRIVATE_METADATA_MAX_LENGTH);
  });

  it('reads the text back, trimmed, and nothing for a blank field', () => {
    expect(inputText({ input: { input: { value: '  Design reviewers only  ' } } })).toBe('Design reviewers only');
    expect(inputText({ input: { input: { value: '   ' } } })).toBeNull();
    expect(inputText({ input: { input: { value: null } } })).toBeNull();
    expect(inputText({})).toBeNull();
  });

  it('reads the click back from the metadata, and nothing from metadata it did not write', () => {
    expect(inputContext(JSON.stringify(where))).toStrictEqual(where);
    for (const metadata of [
      '',
      'not json',
      '{}',
      JSON.stringify({ ...where, id: 'group.delete' }),
      JSON.stringify({ ...where, ts: '' }),
      JSON.stringify({ ...where, value: 3 }),
    ]) {
      expect(inputContext(metadata), metadata).toBeNull();
    }
  });
});
