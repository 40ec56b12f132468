import { ErrorCode, fail, ok, type Result } from '../errors.ts';
import { isId } from './ids.ts';
import { DAY_MS } from './zoned-time.ts';

/**
 * What a tenant does with idle groups, after SharePoint's inactive-site policy (owners certify a
 * site still in use; unanswered, it goes further) and destalinator (a stale channel is warned, then
 * archived). Idle is METRICS.md's "active / idle group" (`isIdle`), measured over `idleAfterDays`.
 */
export interface IdleGroupPolicy {
  /** A group idle over this many days (and at least this old) is warned. */
  readonly idleAfterDays: number;
  /** An owner's "Still active" stops the checks for this many months. */
  readonly certifyForMonths: number;
  /** Warnings left unanswered before the group goes to the community managers' digest. */
  readonly warningsBeforeProposal: number;
  /** Days between two warnings, and between the last warning and the proposal. */
  readonly warningIntervalDays: number;
  /** Groups never warned nor proposed, whatever their activity. */
  readonly exemptGroupIds: readonly string[];
}

export const DEFAULT_IDLE_GROUP_POLICY: IdleGroupPolicy = {
  idleAfterDays: 60,
  certifyForMonths: 6,
  warningsBeforeProposal: 2,
  warningIntervalDays: 7,
  exemptGroupIds: [],
};

/** The bounds an administrator may set, so that a typo cannot warn every group every day. */
export const IDLE_POLICY_LIMITS = {
  idleAfterDays: { min: 7, max: 365 },
  certifyForMonths: { min: 1, max: 24 },
  warningsBeforeProposal: { min: 1, max: 5 },
  warningIntervalDays: { min: 1, max: 60 },
  exemptGroupIds: { max: 10_000 },
} as const;

/** Checks an administrator's policy: whole numbers within IDLE_POLICY_LIMITS, exempt groups by id. */
export function validateIdleGroupPolicy(policy: IdleGroupPolicy): Result<IdleGroupPolicy> {
  for (const field of ['idleAfterDays', 'certifyForMonths', 'warningsBeforeProposal', 'warningIntervalDays'] as const) {
    const { min, max } = IDLE_POLICY_LIMITS[field];
    const value = policy[field];
    if (!Number.isInteger(value) || value < min || value > max)
      return fail(ErrorCode.InvalidInput, `${field} must be a whole number from ${min} to ${max}`, { field });
  }
  if (policy.exemptGroupIds.length > IDLE_POLICY_LIMITS.exemptGroupIds.max || !policy.exemptGroupIds.every(isId)) {
    return fail(ErrorCode.InvalidInput, 'exemptGroupIds must be group ids', { field: 'exemptGroupIds' });
  }
  return ok({ ...policy, exemptGroupIds: [...new Set(policy.exemptGroupIds)] });
}

/**
 * Where a group stands in its idle checks. A round runs from the last answer (or the first
 * warning): its warnings are counted, then it is proposed for archive. An answer ("Still active",
 * "Leave it quiet") starts a new round and holds the checks until `checksFrom`.
 */
export interface IdleCheck {
  readonly tenantId: string;
  readonly groupId: string;
  /** Starts at 0; each answer opens the next. Part of the warnings' dedupe keys. */
  readonly round: number;
  /** Warnings sent in this round. */
  readonly warnings: number;
  readonly lastWarnedAt: Date | null;
  /** When the round's group went to the community managers' digest; null until then. */
  readonly proposedAt: Date | null;
  /** No check before this: certified, or left quiet. */
  readonly checksFrom: Date | null;
  /** Set by "Still active" (and kept until the next answer): the checks are off until then. */
  readonly certifiedUntil: Date | null;
}

/** What the rule reads of a group today. */
export interface IdleGroupState {
  readonly groupId: string;
  readonly active: boolean;
  readonly createdAt: Date;
  /** METRICS.md's idle over the policy's `idleAfterDays` (`isIdle` of the engaged members). */
  readonly idle: boolean;
  readonly check: IdleCheck | null;
}

/** Why nothing happens to a group today. */
export const IDLE_QUIET_REASONS = [
  'not_active',
  'exempt',
  'certified',
  'left_quiet',
  'too_new',
  'active',
  'warned_recently',
  'proposed',
] as const;
export type IdleQuietReason = (typeof IDLE_QUIET_REASONS)[number];

export type IdleGroupStep =
  | { readonly kind: 'none'; readonly reason: IdleQuietReason }
  /** The owners get warning number `warning` (1-based) of the round. */
  | { readonly kind: 'warn'; readonly warning: number }
  | { readonly kind: 'propose_archive' };

/**
 * What happens to a group today: nothing (and why), a warning to its owners, or, once
 * `warningsBeforeProposal` warnings went unanswered for `warningIntervalDays` each, a proposal to
 * archive in the community managers' digest. Pure: the job and the dry run both ask it.
 */
export function idleGroupStep(group: IdleGroupState, policy: IdleGroupPolicy, now: Date): IdleGroupStep {
  const none = (reason: IdleQuietReason): IdleGroupStep => ({ kind: 'none', reason });
  const check = group.check;
  if (!group.active) return none('not_active');
  if (policy.exemptGroupIds.includes(group.groupId)) return none('exempt');
  if (check?.checksFrom && check.checksFrom > now)
    return none(check.certifiedUntil && check.certifiedUntil > now ? 'certified' : 'left_quiet');
  if (now.getTime() - group.createdAt.getTime() < policy.idleAfterDays * DAY_MS) return none('too_new');
  if (!group.idle) return none('active');
  if (check?.proposedAt) return none('proposed');
  const warnings = check?.warnings ?? 0;
  const lastWarnedAt = check?.lastWarnedAt ?? null;
  if (lastWarnedAt && now.getTime() - lastWarnedAt.getTime() < policy.warningIntervalDays * DAY_MS)
    return none('warned_recently');
  return warnings < policy.warningsBeforeProposal
    ? { kind: 'warn', warning: warnings + 1 }
    : { kind: 'propose_archive' };
}

/** The same instant `months` calendar months later (UTC); the 31st goes to the month's last day. */
export function addMonths(at: Date, months: number): Date {
  const shifted = new Date(at);
  shifted.setUTCDate(1);
  shifted.setUTCMonth(shifted.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(shifted.getUTCFullYear(), shifted.getUTCMonth() + 1, 0)).getUTCDate();
  shifted.setUTCDate(Math.min(at.getUTCDate(), lastDay));
  return shifted;
}

/** An owner's answer to a warning, and when the checks resume after it. */
export const IDLE_ANSWERS = ['certify', 'leave_quiet'] as const;
export type IdleAnswer = (typeof IDLE_ANSWERS)[number];

/**
 * The next round after an answer: "Still active" holds the checks for `certifyForMonths`, "Leave
 * it quiet" for one period (`idleAfterDays`), after which a group still idle is warned again.
 */
export function answeredCheck(
  check: IdleCheck | null,
  tenantId: string,
  groupId: string,
  answer: IdleAnswer,
  policy: IdleGroupPolicy,
  now: Date,
): IdleCheck {
  const until =
    answer === 'certify'
      ? addMonths(now, policy.certifyForMonths)
      : new Date(now.getTime() + policy.idleAfterDays * DAY_MS);
  return {
    tenantId,
    groupId,
    round: (check?.round ?? 0) + 1,
    warnings: 0,
    lastWarnedAt: null,
    proposedAt: null,
    checksFrom: until,
    certifiedUntil: answer === 'certify' ? until : null,
  };
}

/**
 * A group warned or proposed that is active again: its round ends, unanswered, and the next starts
 * clean (no warnings, off the digest), so that going quiet later warns from the first again. Null
 * when there is nothing to end.
 */
export function revivedCheck(check: IdleCheck | null): IdleCheck | null {
  if (!check || (check.warnings === 0 && check.proposedAt === null)) return null;
  return { ...check, round: check.round + 1, warnings: 0, lastWarnedAt: null, proposedAt: null };
}
