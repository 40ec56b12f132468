import { describe, expect, it } from 'vitest';
import { decide, type MembershipRequest } from '../../core/src/domain/membership-request.ts';
import {
  daysWaiting,
  firstDeadlineAt,
  type RequestDeadlinePolicy,
  type RequestDeadlineStep,
  requestDeadline,
} from '../../core/src/domain/request-deadlines.ts';
import { ErrorCode } from '../../core/src/errors.ts';

const requestedAt = new Date('2026-03-02T10:00:00Z');
const at = (iso: string) => new Date(iso);
const pending = (deadlineStep: RequestDeadlineStep | null = null) => ({
  status: 'pending' as const,
  requestedAt,
  deadlineStep,
});
const twoOwners: RequestDeadlinePolicy = { targetHours: 48, expiryDays: 14, owners: 2 };
const oneOwner: RequestDeadlinePolicy = { ...twoOwners, owners: 1 };

describe('the membership request deadline rule', () => {
  it('has nothing due before the target, and looks again at the target', () => {
    expect(requestDeadline(pending(), twoOwners, at('2026-03-04T09:59:59Z'))).toEqual({
      due: null,
      nextAt: at('2026-03-04T10:00:00Z'),
    });
    expect(firstDeadlineAt(requestedAt, twoOwners)).toEqual(at('2026-03-04T10:00:00Z'));
  });

  it('reminds the owners at the target, then tells the co-owners at twice it, the managers at three times', () => {
    expect(requestDeadline(pending(), twoOwners, at('2026-03-04T10:00:00Z'))).toEqual({
      due: 'remind',
      nextAt: at('2026-03-06T10:00:00Z'),
    });
    expect(requestDeadline(pending('remind'), twoOwners, at('2026-03-06T10:00:00Z'))).toEqual({
      due: 'co_owners',
      nextAt: at('2026-03-08T10:00:00Z'),
    });
    expect(requestDeadline(pending('co_owners'), twoOwners, at('2026-03-08T10:00:00Z'))).toEqual({
      due: 'managers',
      nextAt: at('2026-03-16T10:00:00Z'),
    });
    expect(requestDeadline(pending('managers'), twoOwners, at('2026-03-16T10:00:00Z'))).toEqual({
      due: 'expire',
      nextAt: null,
    });
  });

  it('does not take a step twice: after the reminder, nothing until twice the target', () => {
    expect(requestDeadline(pending('remind'), twoOwners, at('2026-03-05T10:00:00Z'))).toEqual({
      due: null,
      nextAt: at('2026-03-06T10:00:00Z'),
    });
  });

  it('skips the co-owners of a group with one owner: from the reminder straight to the managers', () => {
    expect(requestDeadline(pending('remind'), oneOwner, at('2026-03-06T10:00:00Z'))).toEqual({
      due: null,
      nextAt: at('2026-03-08T10:00:00Z'),
    });
    expect(requestDeadline(pending('remind'), oneOwner, at('2026-03-08T10:00:00Z'))).toEqual({
      due: 'managers',
      nextAt: at('2026-03-16T10:00:00Z'),
    });
  });

  it('takes only the latest step due after a job that was down, not each one it missed', () => {
    expect(requestDeadline(pending(), twoOwners, at('2026-03-09T00:00:00Z'))).toEqual({
      due: 'managers',
      nextAt: at('2026-03-16T10:00:00Z'),
    });
    expect(requestDeadline(pending(), twoOwners, at('2026-04-01T00:00:00Z'))).toEqual({ due: 'expire', nextAt: null });
  });

  it('drops the steps a long target puts past the expiry: a 5-day target with a 14-day limit reminds, tells co-owners, then expires', () => {
    const long: RequestDeadlinePolicy = { targetHours: 120, expiryDays: 14, owners: 3 };
    expect(requestDeadline(pending('co_owners'), long, at('2026-03-12T10:00:00Z'))).toEqual({
      due: null,
      nextAt: at('2026-03-16T10:00:00Z'),
    });
    expect(requestDeadline(pending('co_owners'), long, at('2026-03-16T10:00:00Z'))).toEqual({
      due: 'expire',
      nextAt: null,
    });
  });

  it('has nothing to do for a decided request', () => {
    expect(requestDeadline({ ...pending(), status: 'approved' }, twoOwners, at('2026-04-01T00:00:00Z'))).toEqual({
      due: null,
      nextAt: null,
    });
  });

  it('counts whole days waited, at least one', () => {
    expect(daysWaiting(requestedAt, at('2026-03-02T11:00:00Z'))).toBe(1);
    expect(daysWaiting(requestedAt, at('2026-03-06T09:00:00Z'))).toBe(3);
  });
});

describe('cancelling a request', () => {
  const request: MembershipRequest = {
    id: 'r1',
    tenantId: 't1',
    groupId: 'g1',
    requesterId: 'asker',
    requestedAt,
    note: null,
    status: 'pending',
    decidedBy: null,
    decidedAt: null,
    reason: null,
    deadlineStep: null,
    deadlineAt: null,
  };
  it('is for the requester only', () => {
    const when = at('2026-03-03T10:00:00Z');
    expect(decide(request, { status: 'cancelled', decidedBy: 'owner', decidedAt: when, reason: null })).toMatchObject({
      ok: false,
      code: ErrorCode.NotYourCard,
    });
    expect(decide(request, { status: 'cancelled', decidedBy: 'asker', decidedAt: when, reason: null })).toMatchObject({
      ok: true,
      value: { status: 'cancelled', decidedBy: 'asker' },
    });
  });
});
