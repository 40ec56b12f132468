import {
  type DecisionInput,
  decide,
  type MembershipRequest,
  type RequestStatus,
} from '../../../domain/membership-request.ts';
import type { RequestDeadlineStep } from '../../../domain/request-deadlines.ts';
import { ErrorCode, fail, ok, type Result } from '../../../errors.ts';
import type { MembershipRequestRepository } from '../../../ports/store/membership-requests.ts';
import { isUniqueViolation, type Sql } from '../sql.ts';

interface RequestRow {
  [column: string]: unknown;
  tenant_id: string;
  id: string;
  group_id: string;
  requester_id: string;
  requested_at: Date;
  note: string | null;
  status: string;
  decided_by: string | null;
  decided_at: Date | null;
  reason: string | null;
  deadline_step: string | null;
  deadline_at: Date | null;
}

function toRequest(row: RequestRow): MembershipRequest {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    groupId: row.group_id,
    requesterId: row.requester_id,
    requestedAt: row.requested_at,
    note: row.note,
    status: row.status as RequestStatus,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
    reason: row.reason,
    deadlineStep: row.deadline_step as RequestDeadlineStep | null,
    deadlineAt: row.deadline_at,
  };
}

export class PostgresMembershipRequests implements MembershipRequestRepository {
  readonly #sql: Sql;
  constructor(sql: Sql) {
    this.#sql = sql;
  }

  async create(request: MembershipRequest): Promise<Result<MembershipRequest, typeof ErrorCode.RequestPending>> {
    try {
      await this.#sql.query(
        `INSERT INTO membership_requests (tenant_id, id, group_id, requester_id, requested_at, note, status,
           decided_by, decided_at, reason, deadline_step, deadline_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
        [
          request.tenantId,
          request.id,
          request.groupId,
          request.requesterId,
          request.requestedAt,
          request.note,
          request.status,
          request.decidedBy,
          request.decidedAt,
          request.reason,
          request.deadlineStep,
          request.deadlineAt,
        ],
      );
      return ok(request);
    } catch (error) {
      if (isUniqueViolation(error)) {
        return fail(ErrorCode.RequestPending, `${request.requesterId} already asked to join ${request.groupId}`);
      }
      throw error;
    }
  }

  async get(tenantId: string, requestId: string): Promise<MembershipRequest | null> {
    const { rows } = await this.#sql.query<RequestRow>(
      'SELECT * FROM membership_requests WHERE tenant_id = $1 AND id = $2',
      [tenantId, requestId],
    );
    return rows[0] ? toRequest(rows[0]) : null;
  }

  async listPending(tenantId: string, groupId?: string): Promise<MembershipRequest[]> {
    const { rows } = await this.#sql.query<RequestRow>(
      `SELECT * FROM membership_requests
       WHERE tenant_id = $1 AND status = 'pending' AND ($2::uuid IS NULL OR group_id = $2)
       ORDER BY requested_at, id`,
      [tenantId, groupId ?? null],
    );
    return rows.map(toRequest);
  }

  async listPendingIn(tenantId: string, groupIds: readonly string[]): Promise<MembershipRequest[]> {
    const { rows } = await this.#sql.query<RequestRow>(
      `SELECT * FROM membership_requests
       WHERE tenant_id = $1 AND status = 'pending' AND group_id = ANY($2::uuid[])
       ORDER BY requested_at, id`,
      [tenantId, groupIds],
    );
    return rows.map(toRequest);
  }

  async decide(tenantId: string, requestId: string, decision: DecisionInput): Promise<Result<MembershipRequest>> {
    const current = await this.get(tenantId, requestId);
    if (!current) return fail(ErrorCode.NotFound, `request ${requestId}`);
    const decided = decide(current, decision);
    if (!decided.ok) return decided;
    // The status condition makes the first decision win: a racing second one updates no row.
    const { rows } = await this.#sql.query<RequestRow>(
      `UPDATE membership_requests SET status = $3, decided_by = $4, decided_at = $5, reason = $6
       WHERE tenant_id = $1 AND id = $2 AND status = 'pending' RETURNING *`,
      [tenantId, requestId, decision.status, decision.decidedBy, decision.decidedAt, decision.reason],
    );
    if (rows[0]) return ok(toRequest(rows[0]));
    const winner = await this.get(tenantId, requestId);
    return fail(ErrorCode.AlreadyDecided, `request ${requestId} is already ${winner?.status ?? 'decided'}`);
  }

  async listDeadlinesDue(now: Date, limit: number): Promise<MembershipRequest[]> {
    const { rows } = await this.#sql.query<RequestRow>(
      `SELECT * FROM membership_requests WHERE status = 'pending' AND deadline_at <= $1
       ORDER BY deadline_at, id LIMIT $2`,
      [now, limit],
    );
    return rows.map(toRequest);
  }

  async advanceDeadline(
    tenantId: string,
    requestId: string,
    from: RequestDeadlineStep | null,
    to: { readonly step: RequestDeadlineStep | null; readonly at: Date | null },
  ): Promise<boolean> {
    // The step condition lets one of racing jobs through; a decided request is left alone.
    const { rows } = await this.#sql.query<{ id: string }>(
      `UPDATE membership_requests SET deadline_step = $4, deadline_at = $5
       WHERE tenant_id = $1 AND id = $2 AND status = 'pending' AND deadline_step IS NOT DISTINCT FROM $3::text
       RETURNING id`,
      [tenantId, requestId, from, to.step, to.at],
    );
    return rows.length === 1;
  }

  async bringDeadlinesWithin(tenantId: string, expiryDays: number): Promise<number> {
    // A request waiting unscheduled (its group gone) has no deadline_at and stays so.
    const { rowCount } = await this.#sql.query(
      `UPDATE membership_requests SET deadline_at = requested_at + make_interval(days => $2::int)
       WHERE tenant_id = $1 AND status = 'pending' AND deadline_at > requested_at + make_interval(days => $2::int)`,
      [tenantId, expiryDays],
    );
    return rowCount;
  }
}
