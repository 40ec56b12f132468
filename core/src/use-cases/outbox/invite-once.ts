import type { PlatformIdentity } from '../../domain/person.ts';
import type { PlatformRef } from '../../domain/platform.ts';
import { type ChatPlatform, NO_ANSWER, PlatformError } from '../../ports/chat-platform.ts';
import type { Logger } from '../../ports/logger.ts';
import type { OutboxMessage } from '../../ports/store/outbox.ts';

/**
 * Whether an earlier try of the message may have been carried out without our knowing it: a claim
 * that ended in a crash or in our own error (a claim counts an attempt, a platform's refusal gives
 * it back: more than one left means a claim did not end in an answer), or a call that got no answer
 * at all (a timeout, a reset connection: NO_ANSWER). A refusal (401, 429, 5xx with its code) says
 * the call was not carried out, and asks for nothing more.
 */
export function mayHaveBeenCarriedOut(message: OutboxMessage): boolean {
  return message.attempts > 1 || message.lastError === NO_ANSWER;
}

/**
 * Whether an invitation an earlier try may have carried out already added the person, so that it is
 * not sent again: Graph documents no answer for adding someone already in a team (reports differ:
 * 201 again, or the member removed), so the outbox looks first where the platform can say
 * (ChatPlatform.isMember). A first try, or a platform without the check (Slack answers a repeat
 * with already_in_channel, which counts as done), invites.
 */
export async function alreadyInvited(
  platform: ChatPlatform,
  message: OutboxMessage,
  invitation: { readonly group: PlatformRef; readonly person: PlatformIdentity },
  logger: Logger,
): Promise<boolean> {
  if (!platform.isMember || !mayHaveBeenCarriedOut(message)) return false;
  let member: boolean;
  try {
    member = await platform.isMember(invitation.group, invitation.person);
  } catch (error) {
    if (!(error instanceof PlatformError)) throw error;
    // Members cannot be read (a permission refused): invited, at the risk of a repeat.
    if (error.permanent) {
      logger.warn({ outboxId: message.id, code: error.code }, 'could not ask whether the person is in: inviting');
      return false;
    }
    // Not asked (an outage, a 429): the earlier try is still unaccounted for, and the next must ask
    // again, so the failure is recorded as one without an answer.
    throw new PlatformError(NO_ANSWER, {
      permanent: false,
      retryAfterMs: error.retryAfterMs,
      message: `asking whether the person is in: ${error.code}`,
    });
  }
  if (member)
    logger.info(
      { outboxId: message.id, attempts: message.attempts, lastError: message.lastError },
      'an earlier invitation was carried out: marked sent, not invited again',
    );
  return member;
}
