import type { App, BlockAction, ButtonAction, StaticSelectAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import {
  cardActionForm,
  failureText,
  identify,
  type Person,
  type PressedAction,
  performCardAction,
} from '@steward/core';
import { readButton, renderCard } from '../render/block-kit.ts';
import { formModal } from '../views/form-modal.ts';
import { inputModal } from '../views/input-modal.ts';
import { afterAck, type ListenerContext } from './context.ts';

/** The message a button was clicked in. */
export interface ClickedMessage {
  readonly channel: string;
  readonly ts: string;
}

/**
 * Buttons and menus on cards, whatever their action: the core performs it (checking again that this person
 * may) and answers with the card as it should now look, which replaces the clicked message; or the
 * person is told privately why not. An action that needs a line of text first opens a modal that
 * asks for it, and is performed when the modal is submitted.
 */
export function registerCardActions(app: App, context: ListenerContext): void {
  const { deps } = context;
  app.action<BlockAction<ButtonAction | StaticSelectAction>>(
    { type: 'block_actions', action_id: /./ },
    async ({ ack, body, action, client }) => {
      await ack();
      afterAck(context, async () => {
        // A button carries its value; a menu (a list's Approve, Hand to) the picked option's.
        const clicked = readButton(
          action.action_id,
          (action.type === 'static_select' ? action.selected_option?.value : action.value) ?? '',
        );
        const channel = body.channel?.id;
        const ts = body.message?.ts;
        if (!clicked || !channel || !ts) return;
        const where = { channel, ts };
        const known = await identify(deps, {
          platform: 'slack',
          workspaceId: body.team?.id ?? body.user.team_id ?? '',
          userId: body.user.id,
        });
        if (!known.ok) return void (await tellPrivately(client, where, body.user.id, failureText('en', known)));
        const { person } = known.value;
        if (clicked.form) {
          // The form as it now stands (the co-owners who may cover), from the core.
          const form = await cardActionForm(deps, person, clicked);
          if (!form.ok)
            return void (await tellPrivately(client, where, body.user.id, failureText(person.locale, form)));
          await client.views.open({
            trigger_id: body.trigger_id,
            view: formModal(person.locale, form.value, { id: clicked.id, value: clicked.value, ...where }),
          });
          return;
        }
        if (clicked.input) {
          const view = inputModal(person.locale, clicked.input, { id: clicked.id, value: clicked.value, ...where });
          await client.views.open({ trigger_id: body.trigger_id, view });
          return;
        }
        await performAndShow(context, client, person, body.user.id, where, {
          id: clicked.id,
          value: clicked.value,
          input: null,
        });
      });
    },
  );
}

/** Performs the action through the core, then updates the card where it was clicked or says why not. */
export async function performAndShow(
  context: ListenerContext,
  client: WebClient,
  person: Person,
  slackUserId: string,
  where: ClickedMessage,
  pressed: PressedAction,
): Promise<void> {
  const result = await performCardAction(context.deps, person, pressed);
  if (result.ok) await client.chat.update({ channel: where.channel, ts: where.ts, ...renderCard(result.value) });
  else await tellPrivately(client, where, slackUserId, failureText(person.locale, result));
}

function tellPrivately(client: WebClient, where: ClickedMessage, slackUserId: string, text: string): Promise<unknown> {
  return client.chat.postEphemeral({ channel: where.channel, user: slackUserId, text });
}
