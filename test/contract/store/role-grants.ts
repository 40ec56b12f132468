import { describe, expect, it } from 'vitest';
import { aPerson, aTenant } from '../../support/factories.ts';
import type { GetStore } from './context.ts';

export function roleGrantsContract(store: GetStore) {
  describe('role grants', () => {
    const at = new Date('2026-03-01T10:00:00Z');

    it('grants once per tenant, e-mail, role and source, lists them in order, and revokes', async () => {
      const tenant = aTenant();
      const other = aTenant();
      await store().tenants.save(tenant);
      await store().tenants.save(other);
      const grant = {
        tenantId: tenant.id,
        email: 'zoe@example.com',
        role: 'community_manager',
        source: 'configuration',
        grantedAt: at,
      } as const;
      expect(await store().roleGrants.grant(grant)).toBe(true);
      expect(await store().roleGrants.grant({ ...grant, grantedAt: new Date('2026-04-01T00:00:00Z') })).toBe(false);
      expect(await store().roleGrants.grant({ ...grant, role: 'administrator' })).toBe(true);
      expect(await store().roleGrants.grant({ ...grant, email: 'adam@example.com' })).toBe(true);

      expect(await store().roleGrants.list(tenant.id)).toEqual([
        { ...grant, email: 'adam@example.com' },
        { ...grant, role: 'administrator' },
        grant,
      ]);
      expect(await store().roleGrants.listForEmail(tenant.id, 'zoe@example.com')).toEqual([
        { ...grant, role: 'administrator' },
        grant,
      ]);
      expect(await store().roleGrants.list(other.id)).toEqual([]);
      expect(await store().roleGrants.listForEmail(other.id, 'zoe@example.com')).toEqual([]);
      expect(await store().roleGrants.revoke(other.id, 'zoe@example.com', 'community_manager', 'configuration')).toBe(
        false,
      );

      expect(await store().roleGrants.revoke(tenant.id, 'zoe@example.com', 'community_manager', 'configuration')).toBe(
        true,
      );
      expect(await store().roleGrants.revoke(tenant.id, 'zoe@example.com', 'community_manager', 'configuration')).toBe(
        false,
      );
      expect(await store().roleGrants.listForEmail(tenant.id, 'zoe@example.com')).toEqual([
        { ...grant, role: 'administrator' },
      ]);
    });
  });

  describe('people sharing an e-mail across tenants', () => {
    it('lists those of the given tenants whose e-mail another of them has, whatever its case', async () => {
      const [a, b, c] = [aTenant(), aTenant(), aTenant()];
      for (const tenant of [a, b, c]) await store().tenants.save(tenant);
      const email = `ana-${crypto.randomUUID()}@example.com`;
      const anaA = aPerson(a.id, { email });
      const anaB = aPerson(b.id, { email: email.toUpperCase() });
      const anaC = aPerson(c.id, { email });
      const onlyA = aPerson(a.id);
      const noEmail = aPerson(b.id, { email: null });
      for (const person of [anaA, anaB, anaC, onlyA, noEmail]) await store().people.save(person);

      const shared = await store().people.listSharingEmail([a.id, b.id]);
      expect(shared.map((p) => p.id)).toEqual(
        [anaA, anaB].sort((x, y) => (x.tenantId < y.tenantId ? -1 : 1)).map((p) => p.id),
      );
      expect(shared.find((p) => p.id === anaB.id)).toEqual(anaB);
      expect(await store().people.listSharingEmail([a.id])).toEqual([]);
      expect((await store().people.listSharingEmail([a.id, b.id, c.id])).map((p) => p.id).sort()).toEqual(
        [anaA.id, anaB.id, anaC.id].sort(),
      );
    });
  });
}
