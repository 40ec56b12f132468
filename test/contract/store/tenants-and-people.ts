import { describe, expect, it } from 'vitest';
import { InvariantViolation } from '../../../core/src/errors.ts';
import { aPerson, aTenant } from '../../support/factories.ts';
import type { GetStore } from './context.ts';

export function tenantsAndPeopleContract(store: GetStore) {
  describe('tenants', () => {
    it('saves, reads back and updates a tenant', async () => {
      const tenant = aTenant({ name: 'Initech' });
      await store().tenants.save(tenant);
      expect(await store().tenants.get(tenant.id)).toEqual(tenant);

      const renamed = {
        ...tenant,
        name: 'Initrode',
        defaultWeeklyHour: { weekday: 3, time: '14:30' } as const,
        escalation: { coOwnersAfterWeeks: 1, managersAfterWeeks: 4 },
        healthWeights: {
          activity: 50,
          growth: 0,
          responsiveness: 20,
          freshness: 5,
          ownerEngagement: 10,
          ownership: 10,
          purpose: 5,
        },
      };
      await store().tenants.save(renamed);
      expect(await store().tenants.get(tenant.id)).toEqual(renamed);
      expect((await store().tenants.list()).filter((t) => t.id === tenant.id)).toEqual([renamed]);
    });

    it('answers null for an unknown tenant', async () => {
      expect(await store().tenants.get(aTenant().id)).toBeNull();
    });
  });

  describe('people', () => {
    it('saves a person with identities on both platforms and finds them by each', async () => {
      const tenant = aTenant();
      await store().tenants.save(tenant);
      const person = aPerson(tenant.id, {
        identities: [
          { platform: 'slack', workspaceId: 'T1', userId: 'U42' },
          { platform: 'teams', workspaceId: 'tenant-guid', userId: '29:abc' },
        ],
        roles: ['community_manager'],
        weeklyHour: { weekday: 5, time: '16:00' },
        preferredPlatform: 'teams',
        locale: 'ru',
        timeZone: 'Asia/Yekaterinburg',
      });
      await store().people.save(person);

      expect(await store().people.get(tenant.id, person.id)).toEqual(person);
      expect(await store().people.findByIdentity(tenant.id, person.identities[1]!)).toEqual(person);
      expect(await store().people.findByEmail(tenant.id, person.email!.toUpperCase())).toEqual(person);
      expect(
        await store().people.findByIdentity(tenant.id, { platform: 'slack', workspaceId: 'T1', userId: 'nobody' }),
      ).toBeNull();
    });

    it('replaces identities and fields on a second save', async () => {
      const tenant = aTenant();
      await store().tenants.save(tenant);
      const person = aPerson(tenant.id);
      await store().people.save(person);
      const changed = {
        ...person,
        displayName: 'Renamed',
        preferredPlatform: 'slack' as const,
        identities: [{ platform: 'teams' as const, workspaceId: 'tid', userId: '29:new' }],
        deactivatedAt: new Date('2026-05-01T00:00:00Z'),
      };
      await store().people.save(changed);
      expect(await store().people.get(tenant.id, person.id)).toEqual(changed);
      expect(await store().people.findByIdentity(tenant.id, person.identities[0]!)).toBeNull();
    });

    it('refuses an identity or an e-mail that belongs to another person, and keeps the first', async () => {
      const tenant = aTenant();
      await store().tenants.save(tenant);
      const first = aPerson(tenant.id);
      await store().people.save(first);

      const sameIdentity = aPerson(tenant.id, { identities: first.identities });
      await expect(store().people.save(sameIdentity)).rejects.toBeInstanceOf(InvariantViolation);
      const sameEmail = aPerson(tenant.id, { email: first.email!.toUpperCase() });
      await expect(store().people.save(sameEmail)).rejects.toBeInstanceOf(InvariantViolation);

      expect(await store().people.get(tenant.id, sameIdentity.id)).toBeNull();
      expect(await store().people.findByIdentity(tenant.id, first.identities[0]!)).toEqual(first);
    });

    it('lists people by name, a page at a time', async () => {
      const tenant = aTenant();
      await store().tenants.save(tenant);
      for (const name of ['Chloé', 'Anna', 'Boris'])
        await store().people.save(aPerson(tenant.id, { displayName: name }));
      const names = async (limit: number, offset: number) =>
        (await store().people.list(tenant.id, { limit, offset })).map((p) => p.displayName);
      expect(await names(10, 0)).toEqual(['Anna', 'Boris', 'Chloé']);
      expect(await names(2, 1)).toEqual(['Boris', 'Chloé']);
    });

    it('gets the people of several ids at once, skipping unknown ids', async () => {
      const tenant = aTenant();
      await store().tenants.save(tenant);
      const [anna, boris, chloe] = ['Anna', 'Boris', 'Chloé'].map((name) => aPerson(tenant.id, { displayName: name }));
      for (const p of [anna!, boris!, chloe!]) await store().people.save(p);

      const found = await store().people.getMany(tenant.id, [chloe!.id, anna!.id, aPerson(tenant.id).id]);
      expect(found.sort((a, b) => a.displayName.localeCompare(b.displayName))).toEqual([anna, chloe]);
      expect(await store().people.getMany(tenant.id, [])).toEqual([]);
    });

    it('lists the active people with a role, by name', async () => {
      const tenant = aTenant();
      await store().tenants.save(tenant);
      const zoe = aPerson(tenant.id, { displayName: 'Zoé', roles: ['administrator', 'community_manager'] });
      const adam = aPerson(tenant.id, { displayName: 'Adam', roles: ['community_manager'] });
      const admin = aPerson(tenant.id, { displayName: 'Bea', roles: ['administrator'] });
      const gone = aPerson(tenant.id, {
        displayName: 'Carl',
        roles: ['community_manager'],
        deactivatedAt: new Date('2026-02-01T00:00:00Z'),
      });
      const nobody = aPerson(tenant.id, { displayName: 'Dora' });
      for (const p of [zoe, adam, admin, gone, nobody]) await store().people.save(p);

      expect(await store().people.listWithRole(tenant.id, 'community_manager')).toEqual([adam, zoe]);
      expect((await store().people.listWithRole(tenant.id, 'administrator')).map((p) => p.id)).toEqual([
        admin.id,
        zoe.id,
      ]);
    });
  });
}
