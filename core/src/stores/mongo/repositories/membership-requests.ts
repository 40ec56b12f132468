import type { mongo } from 'mongoose';
import { type DecisionInput, decide, type MembershipRequest } from '../../../domain/membership-request.ts';
import { DEFAULT_REQUEST_DEADLINE_HOURS, type RequestDeadlineStep } from '../../../domain/request-deadlines.ts';
import { DAY_MS, HOUR_MS } from '../../../domain/zoned-time.ts';
import { ErrorCode, fail, ok, type Result } from '../../../errors.ts';
import type { MembershipRequestRepository } from '../../../ports/store/membership-requests.ts';
import { isDuplicateKey } from '../duplicate-key.ts';
import type { MembershipRequestDocument } from '../models.ts';

function toRequest(doc: MembershipRequestDocument): MembershipRequest {
  return {
    id: doc._id,
    tenantId: doc.tenantId,
    groupId: doc.groupId,
    requesterId: doc.requesterId,
    requestedAt: doc.requestedAt,
    note: doc.note,
    status: doc.status,
    decidedBy: doc.decidedBy,
    decidedAt: doc.decidedAt,
    reason: doc.reason,
    deadlineStep: doc.deadlineStep ?? null,
    deadlineAt: doc.deadlineAt ?? null,
  };
}

export class MongoMembershipRequests implements MembershipRequestRepository {
  readonly #requests: mongo.Collection<MembershipRequestDocument>;
  constructor(requests: mongo.Collection<MembershipRequestDocument>) {
    this.#requests = requests;
  }

  async create(request: MembershipRequest): Promise<Result<MembershipRequest, typeof ErrorCode.RequestPending>> {
    try {
      await this.#requests.insertOne({
        _id: request.id,
        tenantId: request.tenantId,
        groupId: request.groupId,
        requesterId: request.requesterId,
        requestedAt: request.requestedAt,
        note: request.note,
        status: request.status,
        decidedBy: request.decidedBy,
        decidedAt: request.decidedAt,
        reason: request.reason,
        deadlineStep: request.deadlineStep,
        deadlineAt: request.deadlineAt,
      });
      return ok(request);
    } catch (error) {
      // The partial unique index allows one pending request per person and group.
      if (isDuplicateKey(error)) {
        return fail(ErrorCode.RequestPending, `${request.requesterId} already asked to join ${request.groupId}`);
      }
      throw error;
    }
  }

  async get(tenantId: string, requestId: string): Promise<MembershipRequest | null> {
    const doc = await this.#requests.findOne({ _id: requestId, tenantId });
    return doc ? toRequest(doc) : null;
  }

  async listPending(tenantId: string, groupId?: string): Promise<MembershipRequest[]> {
    const docs = await this.#requests
      .find({ tenantId, status: 'pending', ...(groupId === undefined ? {} : { groupId }) })
      .sort({ requestedAt: 1, _id: 1 })
      .toArray();
    return docs.map(toRequest);
  }

  async listPendingIn(tenantId: string, groupIds: readonly string[]): Promise<MembershipRequest[]> {
    const docs = await this.#requests
      .find({ tenantId, status: 'pending', groupId: { $in: [...groupIds] } })
      .sort({ requestedAt: 1, _id: 1 })
      .toArray();
    return docs.map(toRequest);
  }

  async decide(tenantId: string, requestId: string, decision: DecisionInput): Promise<Result<MembershipRequest>> {
    const current = await this.get(tenantId, requestId);
    if (!current) return fail(ErrorCode.NotFound, `request ${requestId}`);
    const decided = decide(current, decision);
    if (!decided.ok) return decided;
    // The status condition makes the first decision win: a racing second one matches nothing.
    const doc = await this.#requests.findOneAndUpdate(
      { _id: requestId, tenantId, status: 'pending' },
      {
        $set: {
          status: decision.status,
          decidedBy: decision.decidedBy,
          decidedAt: decision.decidedAt,
          reason: decision.reason,
        },
      },
      { returnDocument: 'after' },
    );
    if (doc) return ok(toRequest(doc));
    const winner = await this.get(tenantId, requestId);
    return fail(ErrorCode.AlreadyDecided, `request ${requestId} is already ${winner?.status ?? 'decided'}`);
  }

  async listDeadlinesDue(now: Date, limit: number): Promise<MembershipRequest[]> {
    if (limit <= 0) return [];
    // Requests made before requests had deadlines have none: looked at once the default target passed.
    const legacyBefore = new Date(now.getTime() - DEFAULT_REQUEST_DEADLINE_HOURS * HOUR_MS);
    const docs = await this.#requests
      .find({
        status: 'pending',
        $or: [{ deadlineAt: { $lte: now } }, { deadlineAt: { $exists: false }, requestedAt: { $lte: legacyBefore } }],
      })
      .sort({ deadlineAt: 1, _id: 1 })
      .limit(limit)
      .toArray();
    return docs.map(toRequest);
  }

  async advanceDeadline(
    tenantId: string,
    requestId: string,
    from: RequestDeadlineStep | null,
    to: { readonly step: RequestDeadlineStep | null; readonly at: Date | null },
  ): Promise<boolean> {
    // A null `from` matches an absent step too (a request made before deadlines existed).
    const updated = await this.#requests.updateOne(
      { _id: requestId, tenantId, status: 'pending', deadlineStep: from },
      { $set: { deadlineStep: to.step, deadlineAt: to.at } },
    );
    return updated.matchedCount === 1;
  }

  async bringDeadlinesWithin(tenantId: string, expiryDays: number): Promise<number> {
    // A date plus milliseconds is a date; a request with no deadlineAt (its group gone) stays so.
    const expiry = { $add: ['$requestedAt', expiryDays * DAY_MS] };
    const updated = await this.#requests.updateMany(
      { tenantId, status: 'pending', deadlineAt: { $type: 'date' }, $expr: { $gt: ['$deadlineAt', expiry] } },
      [{ $set: { deadlineAt: expiry } }],
    );
    return updated.modifiedCount;
  }
}
