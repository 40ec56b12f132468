import { describe, expect, it } from 'vitest';
import type { Store } from '../../../core/src/ports/store/index.ts';
import { planTenantMerge } from '../../../core/src/use-cases/organisation.ts';
import { aPerson, aTenant } from '../../support/factories.ts';
import type { GetStore } from './context.ts';

const at = (iso: string) => new Date(iso);

async function aManager(store: Store, email = `m-${Math.random()}@example.com`, createdAt = '2026-01-01T00:00:00Z') {
  const tenant = aTenant({ createdAt: at(createdAt) });
  await store.tenants.save(tenant);
  const person = aPerson(tenant.id, { email, roles: ['community_manager'] });
  await store.people.save(person);
  return { tenant, person };
}

export function digestsContract(store: GetStore) {
  describe('digests', () => {
    it('claims a manager’s week once: a second claim finds the first, unsent, then sent', async () => {
      const { tenant, person } = await aManager(store());
      const other = aPerson(tenant.id);
      await store().people.save(other);
      const first = await store().digests.claimMany(
        tenant.id,
        [person.id, person.id],
        '2026-W49',
        at('2026-11-30T08:00:00Z'),
      );
      expect(first).toEqual([
        {
          tenantId: tenant.id,
          personId: person.id,
          week: '2026-W49',
          claimedAt: at('2026-11-30T08:00:00Z'),
          sentAt: null,
        },
      ]);

      const again = await store().digests.claimMany(
        tenant.id,
        [person.id, other.id],
        '2026-W49',
        at('2026-11-30T09:00:00Z'),
      );
      const byPerson = new Map(again.map((c) => [c.personId, c]));
      expect(byPerson.get(person.id)?.claimedAt).toEqual(at('2026-11-30T08:00:00Z'));
      expect(byPerson.get(other.id)?.claimedAt).toEqual(at('2026-11-30T09:00:00Z'));

      await store().digests.markSent(tenant.id, [person.id], '2026-W49', at('2026-11-30T08:01:00Z'));
      await store().digests.markSent(tenant.id, [person.id], '2026-W49', at('2026-11-30T10:00:00Z'));
      const sent = await store().digests.claimMany(tenant.id, [person.id], '2026-W49', at('2026-11-30T11:00:00Z'));
      expect(sent[0]?.sentAt).toEqual(at('2026-11-30T08:01:00Z'));
      // Another week is another claim; another tenant sees none of these.
      expect(
        (await store().digests.claimMany(tenant.id, [person.id], '2026-W50', at('2026-12-07T08:00:00Z')))[0]?.sentAt,
      ).toBeNull();
      expect(await store().digests.claimMany(tenant.id, [], '2026-W49', at('2026-11-30T08:00:00Z'))).toEqual([]);
    });

    it('creates each claim once under racing claimers', async () => {
      const { tenant, person } = await aManager(store());
      const claims = await Promise.all(
        Array.from({ length: 6 }, (_, n) =>
          store().digests.claimMany(tenant.id, [person.id], '2026-W49', at(`2026-11-30T08:0${n}:00Z`)),
        ),
      );
      const times = new Set(claims.flat().map((c) => c.claimedAt.getTime()));
      expect(claims.every((c) => c.length === 1)).toBe(true);
      expect(times.size).toBe(1);
    });

    it('keeps one digest per manager and week when tenants merge, the one sent', async () => {
      const email = `merged-${Math.random()}@example.com`;
      const a = await aManager(store(), email, '2026-01-01T00:00:00Z');
      const b = await aManager(store(), email, '2026-02-01T00:00:00Z');
      await store().digests.claimMany(a.tenant.id, [a.person.id], '2026-W49', at('2026-11-30T08:00:00Z'));
      await store().digests.claimMany(b.tenant.id, [b.person.id], '2026-W49', at('2026-11-30T07:00:00Z'));
      await store().digests.markSent(b.tenant.id, [b.person.id], '2026-W49', at('2026-11-30T07:01:00Z'));
      await store().digests.claimMany(b.tenant.id, [b.person.id], '2026-W48', at('2026-11-23T07:00:00Z'));

      const sharing = await store().people.listSharingEmail([a.tenant.id, b.tenant.id]);
      const merged = await store().tenantMerges.merge(
        planTenantMerge(a.tenant, [b.tenant], sharing, at('2026-12-01T00:00:00Z')),
      );
      expect(merged.ok).toBe(true);
      const claims = await store().digests.claimMany(
        a.tenant.id,
        [a.person.id],
        '2026-W49',
        at('2026-12-01T01:00:00Z'),
      );
      expect(claims).toEqual([
        {
          tenantId: a.tenant.id,
          personId: a.person.id,
          week: '2026-W49',
          claimedAt: at('2026-11-30T07:00:00Z'),
          sentAt: at('2026-11-30T07:01:00Z'),
        },
      ]);
      expect(
        (await store().digests.claimMany(a.tenant.id, [a.person.id], '2026-W48', at('2026-12-01T01:00:00Z')))[0]
          ?.claimedAt,
      ).toEqual(at('2026-11-23T07:00:00Z'));
    });
  });
}
