import { describe, expect, it } from 'vitest';
import { aContentItem, aGroup, aSmallTenant } from '../../support/factories.ts';
import type { GetStore } from './context.ts';

export function contentItemsContract(store: GetStore) {
  describe('content items', () => {
    it('saves an item and updates it by platform reference, keeping its id, review and own interval', async () => {
      const { tenant, group } = await aSmallTenant(store());
      const item = aContentItem(tenant.id, group.id, {
        lastReviewedAt: new Date('2026-02-01T00:00:00Z'),
        reviewIntervalDays: 30,
      });
      expect(await store().contentItems.save(item)).toEqual(item);

      const seenAgain = aContentItem(tenant.id, group.id, {
        platformRef: item.platformRef,
        title: 'Team handbook v2',
        lastChangedAt: new Date('2026-03-01T00:00:00Z'),
      });
      const stored = await store().contentItems.save(seenAgain);
      expect(stored).toEqual({
        ...seenAgain,
        id: item.id,
        lastReviewedAt: item.lastReviewedAt,
        reviewIntervalDays: 30,
      });
      expect(await store().contentItems.get(tenant.id, item.id)).toEqual(stored);
      expect(await store().contentItems.get(tenant.id, seenAgain.id)).toBeNull();
    });

    it('marks an item reviewed, archives it, and lists by state, oldest change first', async () => {
      const { tenant, group } = await aSmallTenant(store());
      const older = aContentItem(tenant.id, group.id, {
        kind: 'file',
        lastChangedAt: new Date('2025-06-01T00:00:00Z'),
      });
      const newer = aContentItem(tenant.id, group.id, {
        kind: 'canvas',
        lastChangedAt: new Date('2026-01-01T00:00:00Z'),
      });
      await store().contentItems.save(newer);
      await store().contentItems.save(older);
      expect((await store().contentItems.listByGroup(tenant.id, group.id)).map((i) => i.id)).toEqual([
        older.id,
        newer.id,
      ]);

      const reviewedAt = new Date('2026-03-03T00:00:00Z');
      expect(await store().contentItems.markReviewed(tenant.id, older.id, reviewedAt)).toEqual({
        ...older,
        lastReviewedAt: reviewedAt,
      });
      const archivedAt = new Date('2026-03-04T00:00:00Z');
      expect(await store().contentItems.archive(tenant.id, newer.id, archivedAt)).toEqual({
        ...newer,
        state: 'archived',
        lastChangedAt: archivedAt,
      });
      expect((await store().contentItems.listByGroup(tenant.id, group.id, 'active')).map((i) => i.id)).toEqual([
        older.id,
      ]);
      expect((await store().contentItems.listByGroup(tenant.id, group.id, 'archived')).map((i) => i.id)).toEqual([
        newer.id,
      ]);
    });

    it('lists the active items of several groups, oldest change first', async () => {
      const { tenant, owner, group } = await aSmallTenant(store());
      const second = aGroup(tenant.id, [owner.id]);
      const elsewhere = aGroup(tenant.id, [owner.id]);
      for (const g of [second, elsewhere]) await store().groups.save(g);
      const changed = (day: string) => ({ lastChangedAt: new Date(`2026-02-${day}T00:00:00Z`) });
      const newer = aContentItem(tenant.id, group.id, changed('20'));
      const older = aContentItem(tenant.id, second.id, changed('10'));
      const archived = aContentItem(tenant.id, second.id, { ...changed('01'), state: 'archived' });
      const notAsked = aContentItem(tenant.id, elsewhere.id, changed('15'));
      for (const item of [newer, older, archived, notAsked]) await store().contentItems.save(item);

      expect(await store().contentItems.listActiveIn(tenant.id, [group.id, second.id])).toEqual([older, newer]);
      expect(await store().contentItems.listActiveIn(tenant.id, [])).toEqual([]);
    });

    it('answers null when reviewing or archiving an unknown item', async () => {
      const { tenant } = await aSmallTenant(store());
      expect(await store().contentItems.markReviewed(tenant.id, crypto.randomUUID(), new Date())).toBeNull();
      expect(await store().contentItems.archive(tenant.id, crypto.randomUUID(), new Date())).toBeNull();
    });
  });
}
