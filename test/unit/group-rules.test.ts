import { describe, expect, it } from 'vitest';
import { addOwners, defaultMembershipPolicy, ownersOnRegistration, removeOwners } from '../../core/src/domain/group.ts';
import { ErrorCode } from '../../core/src/errors.ts';
import { aGroup } from '../support/factories.ts';

describe('group ownership rules', () => {
  const group = aGroup('tenant', ['alice']);

  it('on Slack, makes a new group’s owners who added the app and the creator; an existing group keeps its own', () => {
    expect(ownersOnRegistration('slack', null, ['creator'], 'adder')).toEqual(['adder', 'creator']);
    expect(ownersOnRegistration('slack', null, ['same'], 'same')).toEqual(['same']);
    expect(ownersOnRegistration('slack', null, [], null)).toEqual([]);
    expect(ownersOnRegistration('slack', group, ['creator'], 'adder')).toEqual(['alice']);
  });

  it('on Teams, follows the team’s owners; without any, the one who added the app (new) or the old owners', () => {
    expect(ownersOnRegistration('teams', null, ['owner'], 'adder')).toEqual(['owner']);
    expect(ownersOnRegistration('teams', group, ['owner', 'owner'], null)).toEqual(['owner']);
    expect(ownersOnRegistration('teams', null, [], 'adder')).toEqual(['adder']);
    expect(ownersOnRegistration('teams', group, [], 'adder')).toEqual(['alice']);
    const two = aGroup('tenant', ['alice', 'bob']);
    expect(ownersOnRegistration('teams', two, ['bob', 'alice'], null)).toEqual(['alice', 'bob']);
    expect(ownersOnRegistration('teams', two, ['bob', 'carol'], null)).toEqual(['bob', 'carol']);
  });

  it('on Teams, keeps who took the group over in Steward, since the app cannot make them owners of the team', () => {
    // Alice left; Dan took over in Steward; Graph still lists Alice only.
    const takenOver = aGroup('tenant', ['alice', 'dan']);
    expect(ownersOnRegistration('teams', takenOver, ['alice'], null, ['dan'])).toEqual(['alice', 'dan']);
    expect(ownersOnRegistration('teams', takenOver, ['erin'], null, ['dan'])).toEqual(['erin', 'dan']);
    // Someone who took over once and is no owner any more is not brought back.
    expect(ownersOnRegistration('teams', group, ['erin'], null, ['dan'])).toEqual(['erin']);
  });

  it('lets only an owner share or hand over, and never takes the last owner away', () => {
    expect(addOwners(group, 'bob', ['bob'])).toMatchObject({ ok: false, code: ErrorCode.NotAnOwner });
    const shared = addOwners(group, 'alice', ['bob', 'alice']);
    expect(shared).toMatchObject({ ok: true, value: { ownerIds: ['alice', 'bob'] } });
    expect(removeOwners(group, 'alice', ['alice'])).toMatchObject({
      ok: false,
      code: ErrorCode.LastOwner,
      params: { group: group.name },
    });
    if (!shared.ok) return;
    expect(removeOwners(shared.value, 'alice', ['alice', 'carol'])).toMatchObject({
      ok: true,
      value: { ownerIds: ['bob'] },
    });
    expect(removeOwners(shared.value, 'carol', ['alice'])).toMatchObject({ ok: false, code: ErrorCode.NotAnOwner });
  });

  it('opens a group as its channel is: public ones to anyone, private ones on approval', () => {
    expect(defaultMembershipPolicy(false)).toBe('open');
    expect(defaultMembershipPolicy(true)).toBe('approval');
  });
});
