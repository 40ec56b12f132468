import { describe, expect, it } from 'vitest';
import { readButton, renderCard } from '../../apps/slack/src/render/block-kit.ts';
import { formInput, formModal } from '../../apps/slack/src/views/form-modal.ts';
import { inputFrom, renderAdaptiveCard, valueFrom } from '../../apps/teams/src/render/adaptive-card.ts';
import { type Card, formInputOf, readFormInput } from '../../core/src/cards/card.ts';
import { timeOffAction } from '../../core/src/cards/time-off-action.ts';
import { schemaErrors } from '../support/adaptive-card-check.ts';
import { busyOwnerCard } from '../support/busy-owner.ts';
import { expectValidSlackMessage } from '../support/slack-message-check.ts';

// Issue 11, item 5: "Time off…" on the weekly card, beside "Hand to…": a last day and, if the owner
// likes, the co-owner who covers. Slack asks in a modal (views.open), Teams in the card shown under
// the menu's button; both bring the core the same input.

const on = { ownerId: '0b9e0f43-2c1e-4d55-9d67-5d1f4b0c0a01', week: '2026-W11' as const };
const coOwners = [
  { id: '7c1e0f43-2c1e-4d55-9d67-5d1f4b0c0a02', name: 'Chen Wei' },
  { id: '8d2f0f43-2c1e-4d55-9d67-5d1f4b0c0a03', name: 'Maria Garcia' },
];
const timeOff = timeOffAction('en', coOwners, on);
const delegate = {
  id: 'weekly_hour.delegate' as const,
  label: 'Chen',
  value: `${on.ownerId}:${on.week}:${coOwners[0]!.id}`,
};
const bottom = (actions: (typeof delegate)[]): Card => ({
  locale: 'en',
  title: 'Weekly hour',
  summary: 'Weekly hour',
  blocks: [
    {
      kind: 'actions',
      actions: [{ id: 'weekly_hour.done', label: 'Done', value: `${on.ownerId}:${on.week}`, style: 'primary' }],
      menu: { label: 'Hand to…', actions, also: [timeOff] },
    },
  ],
});

describe('the form input both edges bring the core', () => {
  it('is the day, then the pick if any; nothing without a day', () => {
    expect(formInputOf(' 2026-12-20 ', 'abc')).toBe('2026-12-20 abc');
    expect(formInputOf('2026-12-20', '')).toBe('2026-12-20');
    expect(formInputOf('', 'abc')).toBeNull();
    expect(readFormInput('2026-12-20 abc')).toEqual({ day: '2026-12-20', pick: 'abc' });
    expect(readFormInput('2026-12-20')).toEqual({ day: '2026-12-20', pick: null });
    // A forged pick keeps what follows it, so that it names nobody.
    expect(readFormInput('2026-12-20 abc def')).toEqual({ day: '2026-12-20', pick: 'abc def' });
    expect(readFormInput(null)).toEqual({ day: null, pick: null });
  });
});

describe('"Time off…" on Teams', () => {
  it('shows its form in the menu’s card, under the co-owners: a required day, the co-owners to pick, and Save sending both', () => {
    const card = renderAdaptiveCard(bottom([delegate]));
    expect(schemaErrors(card)).toStrictEqual([]);
    const row = card.body.find((e) => e.type === 'ActionSet') as unknown as { actions: Record<string, unknown>[] };
    // The row keeps two buttons: Done, and the one menu.
    expect(row.actions.map((a) => [a['type'], a['title']])).toEqual([
      ['Action.Execute', 'Done'],
      ['Action.ShowCard', 'Hand to…'],
    ]);
    const shown = (row.actions[1]!['card'] as { body: Record<string, unknown>[] }).body;
    expect(shown.map((e) => e['type'])).toEqual([
      'ActionSet',
      'TextBlock',
      'Input.Date',
      'Input.ChoiceSet',
      'ActionSet',
    ]);
    const [, heading, day, pick, send] = shown;
    expect(heading).toMatchObject({ text: 'Time off', separator: true });
    expect(day).toMatchObject({ label: 'Last day away', isRequired: true });
    expect(pick).toMatchObject({
      label: 'Co-owner who covers (optional)',
      placeholder: 'Nobody',
      choices: coOwners.map((c) => ({ title: c.name, value: c.id })),
    });
    expect(pick?.['isRequired']).toBeUndefined();
    const save = (send!['actions'] as Record<string, unknown>[])[0]!;
    expect(save).toMatchObject({ type: 'Action.Execute', title: 'Save', verb: 'weekly_hour.time_off' });

    // What Teams sends when Save is pressed: the button's data and the card's inputs.
    const data = {
      ...(save['data'] as Record<string, unknown>),
      [String(day!['id'])]: '2026-12-20',
      [String(pick!['id'])]: coOwners[1]!.id,
    };
    expect(valueFrom(data)).toBe(timeOff.value);
    expect(inputFrom(data)).toBe(`2026-12-20 ${coOwners[1]!.id}`);
    // Nobody picked: the day alone. No day (Teams requires one): no input.
    expect(inputFrom({ ...data, [String(pick!['id'])]: '' })).toBe('2026-12-20');
    expect(inputFrom({ ...data, [String(day!['id'])]: '' })).toBeNull();
    // Inputs of other names than the form's are not read.
    expect(inputFrom({ ...data, formIds: 'value choice.1' })).toBeNull();
  });

  it('is the menu’s button itself when there is nobody to hand to', () => {
    const card = renderAdaptiveCard(bottom([]));
    expect(schemaErrors(card)).toStrictEqual([]);
    const row = card.body.find((e) => e.type === 'ActionSet') as unknown as { actions: Record<string, unknown>[] };
    expect(row.actions.map((a) => a['title'])).toEqual(['Done', 'Time off…']);
    const shown = (row.actions[1]!['card'] as { body: Record<string, unknown>[] }).body;
    expect(shown.map((e) => e['type'])).toEqual(['TextBlock', 'Input.Date', 'Input.ChoiceSet', 'ActionSet']);
  });

  it('keeps the busy card within Teams’ limits, with "Time off…" in reach (en, ru)', () => {
    for (const locale of ['en', 'ru'] as const) {
      const card = renderAdaptiveCard(busyOwnerCard(3, locale));
      expect(schemaErrors(card)).toStrictEqual([]);
      expect(JSON.stringify(card)).toContain('"verb":"weekly_hour.time_off"');
    }
  });
});

describe('"Time off…" on Slack', () => {
  it('is a button beside the "Hand to…" menu whose action id asks for the form, read back as such', () => {
    const message = renderCard(bottom([delegate]));
    expectValidSlackMessage(message);
    const elements = (
      message.blocks.find((b) => b.type === 'actions') as {
        elements: { type: string; action_id: string; value?: string; text?: { text: string } }[];
      }
    ).elements;
    expect(elements.map((e) => e.type)).toEqual(['button', 'static_select', 'button']);
    const button = elements[2]!;
    expect(button.text?.text).toBe('Time off…');
    expect(button.action_id).toMatch(/^weekly_hour\.time_off#\d+:form$/);
    expect(readButton(button.action_id, button.value ?? '')).toStrictEqual({
      id: 'weekly_hour.time_off',
      value: timeOff.value,
      input: null,
      form: true,
    });
    // An action id of this shape naming no action of ours is nobody's.
    expect(readButton('weekly_hour.holiday#3:form', 'x')).toBeNull();
  });

  it('asks in a modal: a required date picker and an optional select of the co-owners; its values are the core’s input', () => {
    const context = { id: 'weekly_hour.time_off' as const, value: timeOff.value, channel: 'D1', ts: '1.2' };
    const modal = formModal('fr', timeOff.form!, context);
    expect(modal).toMatchObject({
      type: 'modal',
      callback_id: 'card_action.form',
      title: { text: 'Time off' },
      submit: { text: 'Save' },
      close: { text: 'Annuler' },
    });
    expect(JSON.parse(modal.private_metadata!)).toEqual(context);
    expect(modal.blocks).toMatchObject([
      {
        type: 'input',
        block_id: 'day',
        label: { text: 'Last day away' },
        element: { type: 'datepicker', action_id: 'day' },
      },
      {
        type: 'input',
        block_id: 'pick',
        optional: true,
        element: {
          type: 'static_select',
          action_id: 'pick',
          options: coOwners.map((c) => ({ text: { text: c.name }, value: c.id })),
        },
      },
    ]);
    expect((modal.blocks[0] as { optional?: boolean }).optional).toBeUndefined();
    expect(
      formInput({
        day: { day: { selected_date: '2026-12-20' } },
        pick: { pick: { selected_option: { value: coOwners[0]!.id } } },
      }),
    ).toBe(`2026-12-20 ${coOwners[0]!.id}`);
    expect(
      formInput({ day: { day: { selected_date: '2026-12-20' } }, pick: { pick: { selected_option: null } } }),
    ).toBe('2026-12-20');
    expect(formInput({})).toBeNull();
    // With nobody to cover, no select.
    expect(
      formModal('en', timeOffAction('en', [], on).form!, context).blocks.map(
        (b) => (b as { block_id: string }).block_id,
      ),
    ).toEqual(['day']);
  });
});
