import { describe, expect, it } from 'vitest';
import { newId } from '../../../core/src/domain/ids.ts';
import { aGroup, aPerson, aSmallTenant } from '../../support/factories.ts';
import type { GetStore } from './context.ts';

export function groupsAndMembershipsContract(store: GetStore) {
  describe('groups', () => {
    it('saves, finds by platform reference and updates a group', async () => {
      const { tenant, owner, group } = await aSmallTenant(store());
      expect(await store().groups.get(tenant.id, group.id)).toEqual(group);
      expect(await store().groups.findByPlatformRef(tenant.id, group.platformRef)).toEqual(group);

      const changed = {
        ...group,
        purpose: 'Share what we learn',
        membershipPolicy: 'open' as const,
        reviewIntervalDays: 30,
        responseTargetHours: 4,
        welcomeText: 'Welcome! Say hello in the thread.',
      };
      await store().groups.save(changed);
      expect(await store().groups.get(tenant.id, group.id)).toEqual(changed);
      await store().groups.save({ ...changed, welcomeText: null });
      expect((await store().groups.get(tenant.id, group.id))?.welcomeText).toBeNull();
      expect(await store().groups.findByPlatformRef(tenant.id, { ...group.platformRef, id: 'C-unknown' })).toBeNull();
      expect(owner.id).toBe(group.ownerIds[0]);
    });

    it('lists all groups by name, and the groups a person owns', async () => {
      const { tenant, owner, member, group } = await aSmallTenant(store());
      const coOwned = aGroup(tenant.id, [member.id, owner.id], { name: 'a-first' });
      const notOwned = aGroup(tenant.id, [member.id], { name: 'z-last' });
      await store().groups.save(coOwned);
      await store().groups.save(notOwned);

      expect((await store().groups.list(tenant.id)).map((g) => g.id)).toEqual([coOwned.id, group.id, notOwned.id]);
      expect((await store().groups.listOwnedBy(tenant.id, owner.id)).map((g) => g.id)).toEqual([coOwned.id, group.id]);
      expect((await store().groups.listOwnedBy(tenant.id, member.id)).map((g) => g.id)).toEqual([
        coOwned.id,
        notOwned.id,
      ]);
    });

    it('lists the groups owned by any of several people, each once, by name', async () => {
      const { tenant, owner, member, group } = await aSmallTenant(store());
      const third = aPerson(tenant.id);
      await store().people.save(third);
      const coOwned = aGroup(tenant.id, [member.id, owner.id], { name: 'a-first' });
      const memberOnly = aGroup(tenant.id, [member.id], { name: 'm-middle' });
      const thirdOnly = aGroup(tenant.id, [third.id], { name: 'b-third' });
      for (const g of [coOwned, memberOnly, thirdOnly]) await store().groups.save(g);

      expect((await store().groups.listOwnedByAny(tenant.id, [owner.id, member.id])).map((g) => g.id)).toEqual([
        coOwned.id,
        group.id,
        memberOnly.id,
      ]);
      expect(await store().groups.listOwnedByAny(tenant.id, [third.id])).toEqual([thirdOnly]);
      expect(await store().groups.listOwnedByAny(tenant.id, [])).toEqual([]);
    });

    it('reads many groups by id at once, whatever their state, only the tenant’s', async () => {
      const { tenant, owner, group } = await aSmallTenant(store());
      const archived = aGroup(tenant.id, [owner.id], { state: 'archived' });
      await store().groups.save(archived);
      const elsewhere = await aSmallTenant(store());

      const found = await store().groups.getMany(tenant.id, [archived.id, group.id, elsewhere.group.id, newId()]);
      expect(found.sort((a, b) => (a.id < b.id ? -1 : 1))).toEqual(
        [archived, group].sort((a, b) => (a.id < b.id ? -1 : 1)),
      );
      expect(await store().groups.getMany(tenant.id, [])).toEqual([]);
    });
  });

  describe('memberships', () => {
    it('records a join once, a leave, and a rejoin with its new date', async () => {
      const { tenant, member, group } = await aSmallTenant(store());
      const joined = new Date('2026-02-01T08:00:00Z');
      await store().memberships.recordJoin(tenant.id, group.id, member.id, joined);
      await store().memberships.recordJoin(tenant.id, group.id, member.id, new Date('2026-02-03T08:00:00Z'));
      expect(await store().memberships.get(tenant.id, group.id, member.id)).toEqual({
        tenantId: tenant.id,
        groupId: group.id,
        personId: member.id,
        joinedAt: joined,
        leftAt: null,
      });
      expect(await store().memberships.countMembers(tenant.id, group.id)).toBe(1);

      const left = new Date('2026-03-01T08:00:00Z');
      await store().memberships.recordLeave(tenant.id, group.id, member.id, left);
      await store().memberships.recordLeave(tenant.id, group.id, member.id, new Date('2026-03-05T08:00:00Z'));
      expect((await store().memberships.get(tenant.id, group.id, member.id))?.leftAt).toEqual(left);
      expect(await store().memberships.countMembers(tenant.id, group.id)).toBe(0);
      expect(await store().memberships.listMembers(tenant.id, group.id)).toEqual([]);

      const rejoined = new Date('2026-04-01T08:00:00Z');
      await store().memberships.recordJoin(tenant.id, group.id, member.id, rejoined);
      expect(await store().memberships.get(tenant.id, group.id, member.id)).toMatchObject({
        joinedAt: rejoined,
        leftAt: null,
      });
    });

    it('lists the ended memberships among many groups and people, and no current one', async () => {
      const { tenant, owner, member, group } = await aSmallTenant(store());
      const other = aGroup(tenant.id, [owner.id]);
      await store().groups.save(other);
      const elsewhere = await aSmallTenant(store());
      for (const g of [group, other]) {
        await store().memberships.recordJoin(tenant.id, g.id, owner.id, new Date('2026-02-01T00:00:00Z'));
        await store().memberships.recordJoin(tenant.id, g.id, member.id, new Date('2026-02-01T00:00:00Z'));
      }
      await store().memberships.recordLeave(tenant.id, group.id, owner.id, new Date('2026-03-01T00:00:00Z'));
      await store().memberships.recordLeave(tenant.id, other.id, member.id, new Date('2026-03-02T00:00:00Z'));
      await store().memberships.recordJoin(
        elsewhere.tenant.id,
        elsewhere.group.id,
        elsewhere.owner.id,
        new Date('2026-02-01T00:00:00Z'),
      );
      await store().memberships.recordLeave(
        elsewhere.tenant.id,
        elsewhere.group.id,
        elsewhere.owner.id,
        new Date('2026-03-01T00:00:00Z'),
      );

      const ended = await store().memberships.listEndedAmong(
        tenant.id,
        [group.id, other.id, elsewhere.group.id],
        [owner.id, member.id, elsewhere.owner.id],
      );
      expect(
        ended
          .map((m) => `${m.groupId === group.id ? 'group' : 'other'}:${m.personId === owner.id ? 'owner' : 'member'}`)
          .sort(),
      ).toEqual(['group:owner', 'other:member']);
      expect(await store().memberships.listEndedAmong(tenant.id, [], [owner.id])).toEqual([]);
      expect(await store().memberships.listEndedAmong(tenant.id, [group.id], [])).toEqual([]);
    });

    it('lists current members by join date and ignores a leave without a join', async () => {
      const { tenant, owner, member, group } = await aSmallTenant(store());
      const stranger = aPerson(tenant.id);
      await store().people.save(stranger);
      await store().memberships.recordJoin(tenant.id, group.id, member.id, new Date('2026-02-02T00:00:00Z'));
      await store().memberships.recordJoin(tenant.id, group.id, owner.id, new Date('2026-02-01T00:00:00Z'));
      await store().memberships.recordLeave(tenant.id, group.id, stranger.id, new Date('2026-02-03T00:00:00Z'));

      expect((await store().memberships.listMembers(tenant.id, group.id)).map((m) => m.personId)).toEqual([
        owner.id,
        member.id,
      ]);
      const other = aGroup(tenant.id, [owner.id]);
      await store().groups.save(other);
      await store().memberships.recordJoin(tenant.id, other.id, member.id, new Date('2026-01-15T00:00:00Z'));
      await store().memberships.recordJoin(tenant.id, other.id, stranger.id, new Date('2026-01-16T00:00:00Z'));
      await store().memberships.recordLeave(tenant.id, other.id, stranger.id, new Date('2026-01-17T00:00:00Z'));
      expect((await store().memberships.listByPerson(tenant.id, member.id)).map((m) => m.groupId)).toEqual([
        other.id,
        group.id,
      ]);
      expect(await store().memberships.listByPerson(tenant.id, stranger.id)).toEqual([]);
      expect(await store().memberships.get(tenant.id, group.id, stranger.id)).toBeNull();
    });
  });
}
