import { ErrorCode, fail, ok, type Result } from '../errors.ts';
import type { MembershipRequest } from './membership-request.ts';
import { DAY_MS, HOUR_MS } from './zoned-time.ts';

/**
 * What happens to a request nobody decides, in order: the owners are reminded at the group's
 * target, the co-owners are told it still waits at twice the target, the community managers at
 * three times, and it expires at the tenant's limit.
 */
export const REQUEST_DEADLINE_STEPS = ['remind', 'co_owners', 'managers', 'expire'] as const;
export type RequestDeadlineStep = (typeof REQUEST_DEADLINE_STEPS)[number];

/** The group's target for deciding a request, unless its owners set another. */
export const DEFAULT_REQUEST_DEADLINE_HOURS = 48;
/** The tenant's limit after which an undecided request expires. */
export const DEFAULT_REQUEST_EXPIRY_DAYS = 14;
/**
 * Bounds of the tenant's limit: a day at least (less would expire requests before anyone works a
 * day on them); past a quarter, a request is no longer an answer anyone waits for.
 */
export const MIN_REQUEST_EXPIRY_DAYS = 1;
export const MAX_REQUEST_EXPIRY_DAYS = 90;
/** Bounds of the settings: an hour at least; a target longer than a month is no target. */
export const MIN_REQUEST_DEADLINE_HOURS = 1;
export const MAX_REQUEST_DEADLINE_HOURS = 720;

export interface RequestDeadlinePolicy {
  /** The group's target (`Group.requestDeadlineHours`). */
  readonly targetHours: number;
  /** The tenant's limit (`Tenant.requestExpiryDays`). */
  readonly expiryDays: number;
  /** The group's active owners: with one, there is no co-owner to escalate to. */
  readonly owners: number;
}

/** What the rule says for a request now: the step to take (if any), and when to look again. */
export interface RequestDeadline {
  readonly due: RequestDeadlineStep | null;
  /** When the next step after `due` (or after the last one taken) falls due; null when none is left. */
  readonly nextAt: Date | null;
}

/** Each step of the request's schedule with its time; steps that would fall at or after expiry are dropped. */
function schedule(requestedAt: Date, policy: RequestDeadlinePolicy): { step: RequestDeadlineStep; at: Date }[] {
  const start = requestedAt.getTime();
  const target = policy.targetHours * HOUR_MS;
  const expiry = start + policy.expiryDays * DAY_MS;
  const steps: { step: RequestDeadlineStep; at: number }[] = [
    { step: 'remind', at: start + target },
    ...(policy.owners > 1 ? [{ step: 'co_owners' as const, at: start + 2 * target }] : []),
    { step: 'managers', at: start + 3 * target },
  ];
  return [...steps.filter((s) => s.at < expiry), { step: 'expire' as const, at: expiry }].map((s) => ({
    step: s.step,
    at: new Date(s.at),
  }));
}

/**
 * The deadline rule: for a pending request whose last step taken is `request.deadlineStep`, the
 * latest step due at `now` that was not taken yet (a job that was down sends the latest only, not
 * every one it missed), and when the one after it falls due. Nothing for a decided request.
 */
export function requestDeadline(
  request: Pick<MembershipRequest, 'status' | 'requestedAt' | 'deadlineStep'>,
  policy: RequestDeadlinePolicy,
  now: Date,
): RequestDeadline {
  if (request.status !== 'pending') return { due: null, nextAt: null };
  const taken = request.deadlineStep === null ? -1 : REQUEST_DEADLINE_STEPS.indexOf(request.deadlineStep);
  const ahead = schedule(request.requestedAt, policy).filter((s) => REQUEST_DEADLINE_STEPS.indexOf(s.step) > taken);
  const reached = ahead.filter((s) => s.at <= now);
  const due = reached.at(-1)?.step ?? null;
  const next = ahead[reached.length];
  return { due, nextAt: next ? next.at : null };
}

/** When a new request is first looked at: its first step's time. */
export function firstDeadlineAt(requestedAt: Date, policy: RequestDeadlinePolicy): Date {
  return schedule(requestedAt, policy)[0]!.at;
}

/** Whole days a request has waited at `now`, at least one: what the reminders say. */
export function daysWaiting(requestedAt: Date, now: Date): number {
  return Math.max(1, Math.floor((now.getTime() - requestedAt.getTime()) / DAY_MS));
}

/** The tenant's limit as an administrator sets it: whole days within bounds, or a coded error. */
export function validateRequestExpiryDays(days: unknown): Result<number> {
  if (
    typeof days !== 'number' ||
    !Number.isInteger(days) ||
    days < MIN_REQUEST_EXPIRY_DAYS ||
    days > MAX_REQUEST_EXPIRY_DAYS
  ) {
    return fail(ErrorCode.InvalidInput, `request expiry of ${String(days)} days`, { field: 'days' });
  }
  return ok(days);
}
