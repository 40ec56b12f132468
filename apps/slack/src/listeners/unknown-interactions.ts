import type { App } from '@slack/bolt';
import { CARD_FORM_CALLBACK } from '../views/form-modal.ts';
import { CARD_INPUT_CALLBACK } from '../views/input-modal.ts';
import { SETTINGS_CALLBACK } from '../views/settings-modal.ts';
import { FLAG_OUTDATED_CALLBACK } from './content-review.ts';

/** The modals this app opens; any other view is not ours to handle. */
const OUR_VIEWS: ReadonlySet<string> = new Set([SETTINGS_CALLBACK, CARD_INPUT_CALLBACK, CARD_FORM_CALLBACK]);

// Interactions no listener takes (a modal or shortcut of another version of the app, an options
// request): without an answer Bolt would keep Slack waiting for 3 s, then answer 404.
const UNHANDLED_TYPES: ReadonlySet<string> = new Set([
  'shortcut',
  'message_action',
  'block_suggestion',
  'interactive_message',
  'dialog_submission',
  'dialog_suggestion',
  'dialog_cancellation',
]);

function isOurs(body: Record<string, unknown>): boolean {
  const type = String(body['type'] ?? '');
  if (type === 'view_submission' || type === 'view_closed') {
    const view = body['view'] as { callback_id?: unknown } | undefined;
    return OUR_VIEWS.has(String(view?.callback_id ?? ''));
  }
  if (type === 'message_action' && body['callback_id'] === FLAG_OUTDATED_CALLBACK) return true;
  return !UNHANDLED_TYPES.has(type);
}

/** Answers at once, with an empty 200, what no listener of this app handles. */
export function registerUnknownInteractions(app: App): void {
  app.use(async (args) => {
    const { body, next } = args;
    const ack = (args as { ack?: () => Promise<void> }).ack;
    if (ack && !isOurs(body as unknown as Record<string, unknown>)) return void (await ack());
    await next();
  });
}
