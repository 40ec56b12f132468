import { describe, expect, it } from 'vitest';
import type { GroupBackfill } from '../../../core/src/ports/store/group-backfills.ts';
import { aGroup, aSmallTenant } from '../../support/factories.ts';
import type { GetStore } from './context.ts';

export function groupBackfillsContract(store: GetStore) {
  describe('group backfills', () => {
    it('keeps one record per group: saved, read back whole, replaced by the next save', async () => {
      const { tenant, owner, group } = await aSmallTenant(store());
      const other = aGroup(tenant.id, [owner.id]);
      await store().groups.save(other);
      expect(await store().groupBackfills.get(tenant.id, group.id)).toBeNull();

      const started: GroupBackfill = {
        tenantId: tenant.id,
        groupId: group.id,
        since: new Date('2026-09-01T00:00:00Z'),
        until: new Date('2026-12-01T10:00:00Z'),
        cursor: null,
        readBackTo: new Date('2026-12-01T10:00:00Z'),
        pages: 0,
        found: 0,
        recorded: 0,
        startedAt: new Date('2026-12-01T10:00:00Z'),
        finishedAt: null,
      };
      await store().groupBackfills.save(started);
      expect(await store().groupBackfills.get(tenant.id, group.id)).toEqual(started);

      const finished: GroupBackfill = {
        ...started,
        cursor: 'bmV4dF9jdXJzb3I=',
        readBackTo: started.since,
        pages: 12,
        found: 170,
        recorded: 164,
        finishedAt: new Date('2026-12-01T10:12:00Z'),
      };
      await store().groupBackfills.save(finished);
      expect(await store().groupBackfills.get(tenant.id, group.id)).toEqual(finished);
      expect(await store().groupBackfills.get(tenant.id, other.id)).toBeNull();
    });

    it('never reads another tenant’s backfill', async () => {
      const ours = await aSmallTenant(store());
      const theirs = await aSmallTenant(store());
      await store().groupBackfills.save({
        tenantId: ours.tenant.id,
        groupId: ours.group.id,
        since: new Date('2026-09-01T00:00:00Z'),
        until: new Date('2026-12-01T00:00:00Z'),
        cursor: 'c',
        readBackTo: new Date('2026-11-01T00:00:00Z'),
        pages: 1,
        found: 15,
        recorded: 15,
        startedAt: new Date('2026-12-01T00:00:00Z'),
        finishedAt: null,
      });
      expect(await store().groupBackfills.get(theirs.tenant.id, ours.group.id)).toBeNull();
    });
  });
}
