import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { asForm, type SignedPost } from './slack-requests.ts';

/**
 * A `block_actions` payload: a person clicked a button of a message the app posted
 * (https://docs.slack.dev/reference/interaction-payloads/block_actions-payload). Only the fields
 * tests change are typed; the rest is test/fixtures/slack/block-actions-approve.json as recorded.
 */
export interface BlockActionsPayload {
  type: 'block_actions';
  user: { id: string; username: string; name: string; team_id: string };
  team: { id: string; domain: string };
  container: { type: 'message'; message_ts: string; channel_id: string; is_ephemeral: boolean };
  channel: { id: string; name: string };
  message: { type: 'message'; ts: string; text: string; blocks: unknown[]; [field: string]: unknown };
  actions: { action_id: string; block_id: string; value: string; type: 'button'; [field: string]: unknown }[];
  [field: string]: unknown;
}

export interface ButtonClick {
  readonly actionId: string;
  readonly value: string;
  /** Who clicked; Alice (U0ALICE) by default. */
  readonly userId?: string;
  /** The message the button is on: its channel and ts; Alice's DM by default. */
  readonly message?: { readonly channel: string; readonly ts: string };
}

/** The payload Slack sends when someone clicks the button `actionId` carrying `value`. */
export function buttonClick(click: ButtonClick): BlockActionsPayload {
  const payload = JSON.parse(
    readFileSync(join(import.meta.dirname, '../fixtures/slack/block-actions-approve.json'), 'utf8'),
  ) as BlockActionsPayload;
  const [action] = payload.actions;
  if (!action) throw new Error('block-actions-approve.json has no action');
  action.action_id = click.actionId;
  action.value = click.value;
  return byWhomWhere(payload, click);
}

/** The payload as `click` says: who acted, on which message; the recording's where it says nothing. */
function byWhomWhere(
  payload: BlockActionsPayload,
  click: Omit<ButtonClick, 'actionId' | 'value'>,
): BlockActionsPayload {
  if (click.userId) payload.user = { ...payload.user, id: click.userId };
  if (click.message) {
    payload.container = { ...payload.container, channel_id: click.message.channel, message_ts: click.message.ts };
    payload.channel = { ...payload.channel, id: click.message.channel };
    payload.message = { ...payload.message, ts: click.message.ts };
  }
  return payload;
}

/**
 * The payload Slack sends when someone picks the option carrying `value` in the menu (a
 * `static_select`) `actionId`: test/fixtures/slack/block-actions-select.json, its fields set as an object
 * (https://docs.slack.dev/reference/block-kit/block-elements/select-menu-element).
 */
export function menuPick(pick: ButtonClick): BlockActionsPayload {
  const payload = JSON.parse(
    readFileSync(join(import.meta.dirname, '../fixtures/slack/block-actions-select.json'), 'utf8'),
  ) as BlockActionsPayload & { actions: { selected_option: { value: string } }[] };
  const [action] = payload.actions;
  if (!action) throw new Error('block-actions-select.json has no action');
  action.action_id = pick.actionId;
  action.selected_option = { ...action.selected_option, value: pick.value };
  return byWhomWhere(payload, pick);
}

/** Interactions arrive as the form field `payload`, JSON inside. */
export const asInteraction = (payload: BlockActionsPayload): SignedPost => asForm({ payload: JSON.stringify(payload) });
