import { PlatformError } from '@steward/core';
import type { HttpAnswer } from './http.ts';

/** Who answered: the Entra token endpoint, the Bot Connector or Microsoft Graph. */
export type MicrosoftService = 'token' | 'connector' | 'graph';

/**
 * Statuses worth another try: 429 with its Retry-After, and 412/502/503/504 with backoff
 * (msteams-docs, "Status codes from bot conversational APIs"). 500 is there too although that
 * table says not to retry it: the outbox tries a bounded number of times, and an outage that
 * answers 500 must delay a card, not lose it.
 */
function isTransient(status: number): boolean {
  return status === 429 || status === 412 || status >= 500;
}

/** A person blocked the bot: Teams' documented code, and the subCode its proactive-messaging page names. */
function blockedTheBot(error: { code?: unknown; subCode?: unknown }): boolean {
  return error.code === 'ConversationBlockedByUser' || error.subCode === 'MessageWritesBlocked';
}

/** Retry-After in seconds or as an HTTP date; null when absent or unreadable. */
function retryAfterMs(headers: Headers, now = Date.now()): number | null {
  const value = headers.get('retry-after');
  if (value === null || value.trim() === '') return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** Bot Connector and Graph: `{ error: { code, message } }`; the token endpoint: `{ error, error_description }`. */
function describe(
  service: MicrosoftService,
  body: unknown,
): { code: string | null; message: string | null; error: Record<string, unknown> } {
  const root = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  if (service === 'token') {
    return {
      code: typeof root.error === 'string' ? root.error : null,
      message: typeof root.error_description === 'string' ? root.error_description : null,
      error: root,
    };
  }
  const error = typeof root.error === 'object' && root.error !== null ? (root.error as Record<string, unknown>) : root;
  return {
    code: typeof error.code === 'string' && error.code !== '' ? error.code : null,
    message: typeof error.message === 'string' ? error.message : null,
    error,
  };
}

/**
 * What a failed answer means for the outbox. The code is Microsoft's (ConversationNotFound,
 * Authorization_RequestDenied, invalid_client…), `ratelimited` for any 429, `user_blocked_bot` for
 * a person who blocked the bot, `http_<status>` when the body says nothing (a gateway's page).
 * Other 4xx are permanent: what we asked is wrong or not allowed, and asking again changes nothing.
 * A 401 from the Bot Connector or Graph is transient: the caller drops its token, and the next
 * attempt gets a new one — except BotNotRegistered, which no token fixes.
 */
export function platformErrorFrom(service: MicrosoftService, answer: HttpAnswer): PlatformError {
  const { code, message, error } = describe(service, answer.body);
  const text = `${service} ${answer.status}${message ? `: ${message}` : ''}`;
  if (answer.status === 429) {
    return new PlatformError('ratelimited', {
      permanent: false,
      retryAfterMs: retryAfterMs(answer.headers),
      message: text,
    });
  }
  if (isTransient(answer.status)) {
    return new PlatformError(code ?? `http_${answer.status}`, {
      permanent: false,
      retryAfterMs: retryAfterMs(answer.headers),
      message: text,
    });
  }
  if (service === 'connector' && answer.status === 403 && blockedTheBot(error)) {
    return new PlatformError('user_blocked_bot', { permanent: true, message: text });
  }
  const permanent = !(answer.status === 401 && service !== 'token' && code !== 'BotNotRegistered');
  return new PlatformError(code ?? `http_${answer.status}`, { permanent, message: text });
}
