import type { DecisionInput, MembershipRequest } from '../../domain/membership-request.ts';
import type { RequestDeadlineStep } from '../../domain/request-deadlines.ts';
import type { ErrorCode, Result } from '../../errors.ts';

export interface MembershipRequestRepository {
  /** Refused with `request_pending` while the same person has a pending request for the group. */
  create(request: MembershipRequest): Promise<Result<MembershipRequest, typeof ErrorCode.RequestPending>>;
  get(tenantId: string, requestId: string): Promise<MembershipRequest | null>;
  /** Oldest first; all the tenant's groups when `groupId` is omitted. */
  listPending(tenantId: string, groupId?: string): Promise<MembershipRequest[]>;
  /** Pending requests of these groups, oldest first. */
  listPendingIn(tenantId: string, groupIds: readonly string[]): Promise<MembershipRequest[]>;
  /**
   * Applies the decision atomically: of two racing decisions exactly one succeeds, the other gets
   * `already_decided`. `not_found` for an unknown request (or one of another tenant).
   */
  decide(tenantId: string, requestId: string, decision: DecisionInput): Promise<Result<MembershipRequest>>;
  /** Pending requests whose `deadlineAt` has come at `now`, across tenants, earliest first. */
  listDeadlinesDue(now: Date, limit: number): Promise<MembershipRequest[]>;
  /**
   * Moves a pending request from the deadline step `from` to `to.step`, to be looked at again at
   * `to.at` (the same step with another time only reschedules it). True for exactly one of racing
   * callers; false when the request is decided or its step is no longer `from`.
   */
  advanceDeadline(
    tenantId: string,
    requestId: string,
    from: RequestDeadlineStep | null,
    to: { readonly step: RequestDeadlineStep | null; readonly at: Date | null },
  ): Promise<boolean>;
  /**
   * The tenant's expiry limit became `expiryDays`: each pending request of the tenant whose next
   * look falls after its new expiry is looked at then instead. Returns how many moved.
   */
  bringDeadlinesWithin(tenantId: string, expiryDays: number): Promise<number>;
}
