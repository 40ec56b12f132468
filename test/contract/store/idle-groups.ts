import { describe, expect, it } from 'vitest';
import { answeredCheck, DEFAULT_IDLE_GROUP_POLICY, type IdleGroupPolicy } from '../../../core/src/domain/idle-group.ts';
import type { Store } from '../../../core/src/ports/store/index.ts';
import { aGroup, aPerson, aTenant } from '../../support/factories.ts';
import type { GetStore } from './context.ts';

const at = (iso: string) => new Date(iso);

async function aTenantWithGroups(store: Store, count: number) {
  const tenant = aTenant();
  await store.tenants.save(tenant);
  const owner = aPerson(tenant.id);
  await store.people.save(owner);
  const groups = Array.from({ length: count }, () => aGroup(tenant.id, [owner.id]));
  for (const group of groups) await store.groups.save(group);
  return { tenant, groups: groups.map((g) => g.id) };
}

export function idleGroupsContract(store: GetStore) {
  describe('idle groups', () => {
    it('keeps a tenant’s policy, none until set, and survives the tenant being saved again', async () => {
      const { tenant, groups } = await aTenantWithGroups(store(), 1);
      expect(await store().idleGroups.getPolicy(tenant.id)).toBeNull();
      const policy: IdleGroupPolicy = {
        idleAfterDays: 30,
        certifyForMonths: 3,
        warningsBeforeProposal: 1,
        warningIntervalDays: 5,
        exemptGroupIds: [groups[0]!],
      };
      await store().idleGroups.setPolicy(tenant.id, policy);
      await store().tenants.save({ ...tenant, name: 'Renamed' });
      expect(await store().idleGroups.getPolicy(tenant.id)).toEqual(policy);
      const other = aTenant();
      await store().tenants.save(other);
      expect(await store().idleGroups.getPolicy(other.id)).toBeNull();
    });

    it('records each warning once, in order, and a proposal once per round', async () => {
      const { tenant, groups } = await aTenantWithGroups(store(), 2);
      const [group, untouched] = groups as [string, string];
      expect(await store().idleGroups.recordWarning(tenant.id, group, 0, 2, at('2026-03-01T00:00:00Z'))).toBe(false);
      const racing = await Promise.all(
        [1, 2, 3].map(() => store().idleGroups.recordWarning(tenant.id, group, 0, 1, at('2026-03-01T00:00:00Z'))),
      );
      expect(racing.filter(Boolean)).toHaveLength(1);
      expect(await store().idleGroups.recordWarning(tenant.id, group, 0, 2, at('2026-03-08T00:00:00Z'))).toBe(true);
      expect(await store().idleGroups.recordWarning(tenant.id, group, 0, 2, at('2026-03-08T00:00:00Z'))).toBe(false);
      expect(await store().idleGroups.recordWarning(tenant.id, group, 1, 3, at('2026-03-08T00:00:00Z'))).toBe(false);

      expect(await store().idleGroups.propose(tenant.id, group, 1, at('2026-03-15T00:00:00Z'))).toBe(false);
      expect(await store().idleGroups.propose(tenant.id, group, 0, at('2026-03-15T00:00:00Z'))).toBe(true);
      expect(await store().idleGroups.propose(tenant.id, group, 0, at('2026-03-16T00:00:00Z'))).toBe(false);
      // A proposed round takes no more warnings.
      expect(await store().idleGroups.recordWarning(tenant.id, group, 0, 3, at('2026-03-16T00:00:00Z'))).toBe(false);

      expect(await store().idleGroups.getChecks(tenant.id, [group, untouched])).toEqual([
        {
          tenantId: tenant.id,
          groupId: group,
          round: 0,
          warnings: 2,
          lastWarnedAt: at('2026-03-08T00:00:00Z'),
          proposedAt: at('2026-03-15T00:00:00Z'),
          checksFrom: null,
          certifiedUntil: null,
        },
      ]);
      expect(await store().idleGroups.listProposed(tenant.id, 10)).toEqual(
        await store().idleGroups.getChecks(tenant.id, [group]),
      );
    });

    it('lets one answer through per round, and the new round starts its warnings again', async () => {
      const { tenant, groups } = await aTenantWithGroups(store(), 2);
      const [warned, never] = groups as [string, string];
      await store().idleGroups.recordWarning(tenant.id, warned, 0, 1, at('2026-03-01T00:00:00Z'));
      await store().idleGroups.propose(tenant.id, warned, 0, at('2026-03-02T00:00:00Z'));
      const [before] = await store().idleGroups.getChecks(tenant.id, [warned]);
      const now = at('2026-03-03T00:00:00Z');
      const certified = answeredCheck(before!, tenant.id, warned, 'certify', DEFAULT_IDLE_GROUP_POLICY, now);
      const quiet = answeredCheck(before!, tenant.id, warned, 'leave_quiet', DEFAULT_IDLE_GROUP_POLICY, now);
      const answers = await Promise.all([store().idleGroups.answer(certified), store().idleGroups.answer(quiet)]);
      expect(answers.filter(Boolean)).toHaveLength(1);
      const [after] = await store().idleGroups.getChecks(tenant.id, [warned]);
      expect([certified, quiet]).toContainEqual(after);
      expect(await store().idleGroups.listProposed(tenant.id, 10)).toEqual([]);
      expect(await store().idleGroups.recordWarning(tenant.id, warned, 1, 1, at('2026-09-04T00:00:00Z'))).toBe(true);

      // A group never warned can be answered too (an owner certifies ahead): round 1.
      const ahead = answeredCheck(null, tenant.id, never, 'certify', DEFAULT_IDLE_GROUP_POLICY, now);
      expect(await store().idleGroups.answer(ahead)).toBe(true);
      expect(await store().idleGroups.answer(ahead)).toBe(false);
      expect(await store().idleGroups.getChecks(tenant.id, [never])).toEqual([ahead]);
    });

    it('lists a tenant’s proposals oldest first, within the limit, and no other tenant’s', async () => {
      const { tenant, groups } = await aTenantWithGroups(store(), 3);
      const other = await aTenantWithGroups(store(), 1);
      for (const [n, group] of [groups[2]!, groups[0]!, groups[1]!].entries()) {
        await store().idleGroups.recordWarning(tenant.id, group, 0, 1, at('2026-03-01T00:00:00Z'));
        await store().idleGroups.propose(tenant.id, group, 0, at(`2026-03-0${n + 2}T00:00:00Z`));
      }
      await store().idleGroups.recordWarning(other.tenant.id, other.groups[0]!, 0, 1, at('2026-03-01T00:00:00Z'));
      await store().idleGroups.propose(other.tenant.id, other.groups[0]!, 0, at('2026-03-01T00:00:00Z'));
      const listed = await store().idleGroups.listProposed(tenant.id, 2);
      expect(listed.map((c) => c.groupId)).toEqual([groups[2], groups[0]]);
    });
  });
}
