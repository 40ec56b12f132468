import { describe, expect, it } from 'vitest';
import { newWeeklyHourRecord } from '../../../core/src/domain/weekly-hour.ts';
import { ErrorCode } from '../../../core/src/errors.ts';
import { aContentItem, anEvent, aRequest, aSmallTenant } from '../../support/factories.ts';
import type { GetStore } from './context.ts';

export function tenancyAndHealthContract(store: GetStore) {
  describe('tenant isolation', () => {
    it('never shows one tenant’s rows to another, even by id', async () => {
      const a = await aSmallTenant(store());
      const b = await aSmallTenant(store());
      const request = aRequest(a.tenant.id, a.group.id, a.member.id);
      await store().membershipRequests.create(request);
      const item = await store().contentItems.save(aContentItem(a.tenant.id, a.group.id));
      await store().weeklyHours.claim(newWeeklyHourRecord(a.tenant.id, a.owner.id, '2026-W10', new Date()));
      await store().memberships.recordJoin(a.tenant.id, a.group.id, a.member.id, new Date());
      await store().contributions.record(a.tenant.id, [anEvent(a.tenant.id, a.group.id, a.member.id)]);
      await store().people.save({ ...a.owner, roles: ['community_manager'] });
      await store().weeklyHours.update(a.tenant.id, a.owner.id, '2026-W10', { delegateId: a.member.id }, ['pending']);

      const other = b.tenant.id;
      expect(await store().people.get(other, a.owner.id)).toBeNull();
      expect(await store().people.findByIdentity(other, a.owner.identities[0]!)).toBeNull();
      expect(await store().people.findByEmail(other, a.owner.email!)).toBeNull();
      expect((await store().people.list(other)).map((p) => p.id).sort()).toEqual([b.owner.id, b.member.id].sort());
      expect(await store().groups.get(other, a.group.id)).toBeNull();
      expect(await store().groups.findByPlatformRef(other, a.group.platformRef)).toBeNull();
      expect(await store().groups.list(other)).toEqual([b.group]);
      expect(await store().groups.listOwnedBy(other, a.owner.id)).toEqual([]);
      expect(await store().groups.listOwnedByAny(other, [a.owner.id, a.member.id])).toEqual([]);
      expect(await store().people.getMany(other, [a.owner.id, a.member.id])).toEqual([]);
      expect(await store().people.listWithRole(other, 'community_manager')).toEqual([]);
      expect(await store().memberships.get(other, a.group.id, a.member.id)).toBeNull();
      expect(await store().memberships.countMembers(other, a.group.id)).toBe(0);
      expect(await store().membershipRequests.get(other, request.id)).toBeNull();
      expect(await store().membershipRequests.listPending(other)).toEqual([]);
      expect(await store().membershipRequests.listPendingIn(other, [a.group.id])).toEqual([]);
      expect(
        await store().membershipRequests.decide(other, request.id, {
          status: 'approved',
          decidedBy: b.owner.id,
          decidedAt: new Date(),
          reason: null,
        }),
      ).toMatchObject({ ok: false, code: ErrorCode.NotFound });
      expect(await store().contentItems.get(other, item.id)).toBeNull();
      expect(await store().contentItems.archive(other, item.id, new Date())).toBeNull();
      expect(await store().contentItems.listActiveIn(other, [a.group.id])).toEqual([]);
      expect(await store().weeklyHours.get(other, a.owner.id, '2026-W10')).toBeNull();
      expect(await store().weeklyHours.listDelegatedTo(other, a.member.id, '2026-W10')).toEqual([]);
      expect(await store().contributions.lastActivePlatform(other, a.member.id)).toBeNull();
      expect(
        await store().contributions.groupDays(other, a.group.id, { from: '2000-01-01', to: '2100-01-01' }),
      ).toEqual([]);
      expect(await store().audit.list(other, { limit: 10 })).toEqual([]);

      // The tenant's own rows are all still there and untouched.
      expect((await store().membershipRequests.get(a.tenant.id, request.id))?.status).toBe('pending');
      expect((await store().contentItems.get(a.tenant.id, item.id))?.state).toBe('active');
      expect(await store().people.listWithRole(a.tenant.id, 'community_manager')).toHaveLength(1);
      expect(await store().weeklyHours.listDelegatedTo(a.tenant.id, a.member.id, '2026-W10')).toHaveLength(1);
      expect(await store().contributions.lastActivePlatform(a.tenant.id, a.member.id)).toBe('slack');
    });

    it('treats the same platform event id in two tenants as two events', async () => {
      const a = await aSmallTenant(store());
      const b = await aSmallTenant(store());
      const id = `Ev-shared-${crypto.randomUUID()}`;
      expect(
        await store().contributions.record(a.tenant.id, [
          anEvent(a.tenant.id, a.group.id, a.owner.id, { platformEventId: id }),
        ]),
      ).toEqual({ stored: 1, duplicates: 0 });
      expect(
        await store().contributions.record(b.tenant.id, [
          anEvent(b.tenant.id, b.group.id, b.owner.id, { platformEventId: id }),
        ]),
      ).toEqual({ stored: 1, duplicates: 0 });
    });
  });

  describe('health', () => {
    it('reports the store as healthy', async () => {
      expect(await store().health()).toMatchObject({ ok: true });
    });
  });
}
