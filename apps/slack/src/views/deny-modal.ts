import type { ModalView } from '@slack/types';
import { translate, type Locale } from '@steward/core';

export const DENY_CALLBACK = 'membership_request.deny';
const REASON = 'reason';

/** Where the decision came from, so that the card there can be updated after the modal. */
export interface DenyContext {
  readonly requestId: string;
  readonly channel: string;
  readonly ts: string;
}

/** Asks the owner for the reason of a denial, which the requester will read. */
export function denyModal(locale: Locale, context: DenyContext): ModalView {
  const plain = (text: string) => ({ type: 'plain_text' as const, text });
  return {
    type: 'modal',
    callback_id: DENY_CALLBACK,
    private_metadata: JSON.stringify(context),
    title: plain(translate(locale, 'request.deny.title')),
    submit: plain(translate(locale, 'request.deny.submit')),
    close: plain(translate(locale, 'settings.cancel')),
    blocks: [
      {
        type: 'input',
        block_id: REASON,
        optional: true,
        label: plain(translate(locale, 'request.deny.reason')),
        element: { type: 'plain_text_input', action_id: REASON, multiline: true, max_length: 500 },
      },
    ],
  };
}

export function denyReason(values: Record<string, Record<string, { value?: string | null }>>): string | null {
  return values[REASON]?.[REASON]?.value ?? null;
}

export function denyContext(privateMetadata: string): DenyContext | null {
  try {
    const parsed = JSON.parse(privateMetadata) as Partial<DenyContext>;
    return parsed.requestId && parsed.channel && parsed.ts ? (parsed as DenyContext) : null;
  } catch {
    return null;
  }
}
