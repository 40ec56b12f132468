import { describe, expect, it } from 'vitest';
import {
  addMonths,
  answeredCheck,
  DEFAULT_IDLE_GROUP_POLICY,
  type IdleCheck,
  type IdleGroupState,
  idleGroupStep,
  revivedCheck,
  validateIdleGroupPolicy,
} from '../../core/src/domain/idle-group.ts';
import { newId } from '../../core/src/domain/ids.ts';

const at = (iso: string) => new Date(iso);
const now = at('2026-06-01T06:00:00Z');
const policy = DEFAULT_IDLE_GROUP_POLICY;
const groupId = newId();

function check(overrides: Partial<IdleCheck> = {}): IdleCheck {
  return {
    tenantId: newId(),
    groupId,
    round: 0,
    warnings: 0,
    lastWarnedAt: null,
    proposedAt: null,
    checksFrom: null,
    certifiedUntil: null,
    ...overrides,
  };
}

function group(overrides: Partial<IdleGroupState> = {}): IdleGroupState {
  return { groupId, active: true, createdAt: at('2025-01-01T00:00:00Z'), idle: true, check: null, ...overrides };
}

describe('idleGroupStep', () => {
  it('warns an idle group never warned: warning 1', () => {
    expect(idleGroupStep(group(), policy, now)).toEqual({ kind: 'warn', warning: 1 });
  });

  it('leaves an active group alone, however long ago it was warned', () => {
    expect(
      idleGroupStep(
        group({ idle: false, check: check({ warnings: 1, lastWarnedAt: at('2026-01-01T00:00:00Z') }) }),
        policy,
        now,
      ),
    ).toEqual({ kind: 'none', reason: 'active' });
  });

  it('waits warningIntervalDays between warnings, then warns again', () => {
    const warned = check({ warnings: 1, lastWarnedAt: at('2026-05-25T06:00:01Z') });
    expect(idleGroupStep(group({ check: warned }), policy, now)).toEqual({ kind: 'none', reason: 'warned_recently' });
    const weekAgo = check({ warnings: 1, lastWarnedAt: at('2026-05-25T06:00:00Z') });
    expect(idleGroupStep(group({ check: weekAgo }), policy, now)).toEqual({ kind: 'warn', warning: 2 });
  });

  it('proposes archive once the warnings went unanswered a full interval, and only once', () => {
    const twice = check({ warnings: 2, lastWarnedAt: at('2026-05-25T06:00:00Z') });
    expect(idleGroupStep(group({ check: twice }), policy, now)).toEqual({ kind: 'propose_archive' });
    expect(
      idleGroupStep(group({ check: { ...twice, lastWarnedAt: at('2026-05-30T00:00:00Z') } }), policy, now),
    ).toEqual({ kind: 'none', reason: 'warned_recently' });
    expect(idleGroupStep(group({ check: { ...twice, proposedAt: at('2026-05-31T00:00:00Z') } }), policy, now)).toEqual({
      kind: 'none',
      reason: 'proposed',
    });
    const once = { ...policy, warningsBeforeProposal: 1 };
    expect(
      idleGroupStep(group({ check: check({ warnings: 1, lastWarnedAt: at('2026-05-01T00:00:00Z') }) }), once, now),
    ).toEqual({ kind: 'propose_archive' });
  });

  it('never warns an exempt group, an archived one, or one younger than the idle period', () => {
    expect(idleGroupStep(group(), { ...policy, exemptGroupIds: [groupId] }, now)).toEqual({
      kind: 'none',
      reason: 'exempt',
    });
    expect(idleGroupStep(group({ active: false }), policy, now)).toEqual({ kind: 'none', reason: 'not_active' });
    expect(idleGroupStep(group({ createdAt: at('2026-04-02T06:00:01Z') }), policy, now)).toEqual({
      kind: 'none',
      reason: 'too_new',
    });
    expect(idleGroupStep(group({ createdAt: at('2026-04-02T06:00:00Z') }), policy, now)).toEqual({
      kind: 'warn',
      warning: 1,
    });
  });

  it('holds the checks while certified or left quiet, and resumes them after', () => {
    const certified = answeredCheck(
      check({ warnings: 2, lastWarnedAt: at('2026-05-01T00:00:00Z') }),
      newId(),
      groupId,
      'certify',
      policy,
      now,
    );
    expect(certified).toMatchObject({
      round: 1,
      warnings: 0,
      lastWarnedAt: null,
      proposedAt: null,
      certifiedUntil: at('2026-12-01T06:00:00Z'),
    });
    expect(idleGroupStep(group({ check: certified }), policy, at('2026-12-01T05:59:59Z'))).toEqual({
      kind: 'none',
      reason: 'certified',
    });
    expect(idleGroupStep(group({ check: certified }), policy, at('2026-12-01T06:00:00Z'))).toEqual({
      kind: 'warn',
      warning: 1,
    });

    const quiet = answeredCheck(null, newId(), groupId, 'leave_quiet', policy, now);
    expect(quiet).toMatchObject({ round: 1, checksFrom: at('2026-07-31T06:00:00Z'), certifiedUntil: null });
    expect(idleGroupStep(group({ check: quiet }), policy, at('2026-07-31T05:00:00Z'))).toEqual({
      kind: 'none',
      reason: 'left_quiet',
    });
    expect(idleGroupStep(group({ check: quiet }), policy, at('2026-07-31T06:00:00Z'))).toEqual({
      kind: 'warn',
      warning: 1,
    });
  });
});

describe('addMonths', () => {
  it('keeps the day and time, or takes the month’s last day', () => {
    expect(addMonths(at('2026-01-31T10:00:00Z'), 1)).toEqual(at('2026-02-28T10:00:00Z'));
    expect(addMonths(at('2026-08-15T10:00:00Z'), 6)).toEqual(at('2027-02-15T10:00:00Z'));
  });
});

describe('validateIdleGroupPolicy', () => {
  it('takes the defaults, refuses numbers out of bounds or not whole, and group ids that are not ids', () => {
    expect(validateIdleGroupPolicy(policy).ok).toBe(true);
    expect(validateIdleGroupPolicy({ ...policy, idleAfterDays: 3 })).toMatchObject({
      ok: false,
      params: { field: 'idleAfterDays' },
    });
    expect(validateIdleGroupPolicy({ ...policy, warningIntervalDays: 1.5 })).toMatchObject({
      ok: false,
      params: { field: 'warningIntervalDays' },
    });
    expect(validateIdleGroupPolicy({ ...policy, exemptGroupIds: ['#general'] })).toMatchObject({
      ok: false,
      params: { field: 'exemptGroupIds' },
    });
    const twice = validateIdleGroupPolicy({ ...policy, exemptGroupIds: [groupId, groupId] });
    expect(twice.ok && twice.value.exemptGroupIds).toEqual([groupId]);
  });
});

describe('revivedCheck', () => {
  it('ends the round of a warned or proposed group that is active again, keeping its certification; nothing to end otherwise', () => {
    const warned = check({
      round: 2,
      warnings: 2,
      lastWarnedAt: at('2026-05-01T00:00:00Z'),
      proposedAt: at('2026-05-08T00:00:00Z'),
      certifiedUntil: at('2026-01-01T00:00:00Z'),
    });
    expect(revivedCheck(warned)).toEqual({ ...warned, round: 3, warnings: 0, lastWarnedAt: null, proposedAt: null });
    expect(idleGroupStep(group({ check: revivedCheck(warned) }), policy, now)).toEqual({ kind: 'warn', warning: 1 });
    expect(revivedCheck(check({ round: 1 }))).toBeNull();
    expect(revivedCheck(null)).toBeNull();
  });
});
