import { ErrorCode, type WebAPICallError } from '@slack/web-api';
import { NO_ANSWER, PlatformError } from '@steward/core';

/**
 * Slack errors that another try cannot fix: the channel, person or message is gone or out of
 * reach, the installation lost its rights, or what we sent is wrong. Any other Slack error
 * (internal_error, fatal_error, service_unavailable, request_timeout…) is tried again.
 */
const PERMANENT_ERRORS: ReadonlySet<string> = new Set([
  'channel_not_found',
  'not_in_channel',
  'user_not_found',
  'is_archived',
  'missing_scope',
  'invalid_auth',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'not_authed',
  'team_access_not_granted',
  'not_allowed_token_type',
  'cant_invite_self',
  'cant_invite',
  'message_not_found',
  'cant_update_message',
  'edit_window_closed',
  'restricted_action',
  'cant_archive_general',
  'cant_archive_required',
  'invalid_blocks',
  'invalid_blocks_format',
  'msg_too_long',
  'msg_blocks_too_long',
  'no_text',
  'no_permission',
  'ekm_access_denied',
  'org_user_not_in_team',
  'invitee_cant_see_channel',
  'user_is_restricted',
  'user_disabled',
  'user_not_visible',
  'messages_tab_disabled',
  'method_not_supported_for_channel_type',
]);

const WEB_API_ERROR_CODES: ReadonlySet<string> = new Set([
  ErrorCode.PlatformError,
  ErrorCode.RateLimitedError,
  ErrorCode.RequestError,
  ErrorCode.HTTPError,
]);

function isWebApiCallError(error: unknown): error is WebAPICallError {
  return error instanceof Error && WEB_API_ERROR_CODES.has((error as { code?: unknown }).code as string);
}

/** What a failed WebClient call means for the outbox; null for anything that is not a Slack error. */
export function platformErrorFrom(error: unknown): PlatformError | null {
  if (!isWebApiCallError(error)) return null;
  switch (error.code) {
    case ErrorCode.RateLimitedError:
      return new PlatformError('ratelimited', { permanent: false, retryAfterMs: error.retryAfter * 1000 });
    case ErrorCode.RequestError:
      // No answer: the call may have been carried out.
      return new PlatformError(NO_ANSWER, { permanent: false, message: error.original.message });
    case ErrorCode.HTTPError:
      // Slack answers 200 or 429 only; another status is an outage on the way (5xx, a proxy).
      return new PlatformError(`http_${error.statusCode}`, { permanent: false });
    case ErrorCode.PlatformError: {
      const code = error.data.error;
      const retryAfter = error.data.response_metadata?.retryAfter;
      return new PlatformError(code, {
        permanent: PERMANENT_ERRORS.has(code),
        retryAfterMs: retryAfter === undefined ? null : retryAfter * 1000,
      });
    }
  }
}

/**
 * The workspace's token is dead (`token_revoked` after an uninstall or tokens_revoked, or what
 * Slack said of it): permanent, and no call is made with it.
 */
export function deadToken(workspaceId: string, code = 'token_revoked'): PlatformError {
  return new PlatformError(code, {
    permanent: true,
    message: `the Slack bot token of ${workspaceId} is dead (${code})`,
  });
}
