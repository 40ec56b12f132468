import type { App } from '@slack/bolt';
import { failureText, identify, saveSettings, translate } from '@steward/core';
import { CARD_FORM_CALLBACK, formInput } from '../views/form-modal.ts';
import { CARD_INPUT_CALLBACK, inputContext, inputText } from '../views/input-modal.ts';
import { blockOf, SETTINGS_CALLBACK, settingsInput } from '../views/settings-modal.ts';
import { performAndShow } from './card-actions.ts';
import { afterAck, type ListenerContext } from './context.ts';

/**
 * Modals: settings, whose wrong fields are shown in the modal itself, and the text a card action
 * asked for, with which the action is then performed and its card updated.
 */
export function registerModalSubmissions(app: App, context: ListenerContext): void {
  const { deps } = context;

  app.view(SETTINGS_CALLBACK, async ({ ack, body, view }) => {
    const known = await identify(deps, {
      platform: 'slack',
      workspaceId: body.team?.id ?? body.user.team_id ?? '',
      userId: body.user.id,
    });
    if (!known.ok)
      return void (await ack({ response_action: 'errors', errors: { [blockOf('group')]: failureText('en', known) } }));
    const { person } = known.value;
    const saved = await saveSettings(deps, person, settingsInput(view.state.values));
    if (saved.ok) return void (await ack());
    const field = saved.params?.['field'];
    const text = field
      ? translate(person.locale, `settings.invalid.${field}` as Parameters<typeof translate>[1])
      : failureText(person.locale, saved);
    await ack({ response_action: 'errors', errors: { [blockOf(field ?? 'group')]: text } });
  });

  // The text an action asked for, or the form it asked for ("Time off…"): either is the action's input.
  for (const [callback, inputOf] of [
    [CARD_INPUT_CALLBACK, inputText],
    [CARD_FORM_CALLBACK, formInput],
  ] as const) {
    app.view(callback, async ({ ack, body, view, client }) => {
      await ack();
      afterAck(context, async () => {
        const where = inputContext(view.private_metadata);
        const known = await identify(deps, {
          platform: 'slack',
          workspaceId: body.team?.id ?? body.user.team_id ?? '',
          userId: body.user.id,
        });
        if (!where || !known.ok) return;
        const { id, value, channel, ts } = where;
        await performAndShow(
          context,
          client,
          known.value.person,
          body.user.id,
          { channel, ts },
          { id, value, input: inputOf(view.state.values) },
        );
      });
    });
  }
}
