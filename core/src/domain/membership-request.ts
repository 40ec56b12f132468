import { ErrorCode, fail, ok, type Result } from '../errors.ts';
import type { RequestDeadlineStep } from './request-deadlines.ts';

export const REQUEST_STATUSES = ['pending', 'approved', 'denied', 'expired', 'cancelled'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
export type Decision = Exclude<RequestStatus, 'pending'>;

/** Someone asking to join a group whose policy is `approval`. Decided once; the first decision wins. */
export interface MembershipRequest {
  readonly id: string;
  readonly tenantId: string;
  readonly groupId: string;
  readonly requesterId: string;
  readonly requestedAt: Date;
  readonly note: string | null;
  readonly status: RequestStatus;
  readonly decidedBy: string | null;
  readonly decidedAt: Date | null;
  readonly reason: string | null;
  /** The last deadline step taken (request-deadlines.ts), null before the first. */
  readonly deadlineStep: RequestDeadlineStep | null;
  /** When the deadline job next looks at the request while pending; null when nothing is left to do. */
  readonly deadlineAt: Date | null;
}

export interface DecisionInput {
  readonly status: Decision;
  /** Null for decisions no person made (expiry). */
  readonly decidedBy: string | null;
  readonly decidedAt: Date;
  readonly reason: string | null;
}

export const MAX_REASON_LENGTH = 500;

/** The rule for a decision; stores apply it atomically so that of two racing decisions one wins. */
export function decide(request: MembershipRequest, input: DecisionInput): Result<MembershipRequest> {
  if (request.status !== 'pending') {
    return fail(ErrorCode.AlreadyDecided, `request ${request.id} is already ${request.status}`);
  }
  if (input.reason !== null && input.reason.length > MAX_REASON_LENGTH) {
    return fail(ErrorCode.InvalidInput, `a reason is at most ${MAX_REASON_LENGTH} characters`);
  }
  if ((input.status === 'approved' || input.status === 'denied') && input.decidedBy === null) {
    return fail(ErrorCode.InvalidInput, 'approval and denial need the person who decided');
  }
  if (input.status === 'cancelled' && input.decidedBy !== request.requesterId) {
    return fail(ErrorCode.NotYourCard, 'only the requester cancels a request');
  }
  return ok({ ...request, ...input });
}
