import { describe, expect, it } from 'vitest';
import { aContentItem, aSmallTenant } from '../../support/factories.ts';
import type { GetStore } from './context.ts';

export function contentReviewContract(store: GetStore) {
  describe('content review', () => {
    it("sets and clears an item's own interval and its verifier, and a sync keeps both", async () => {
      const { tenant, member, group } = await aSmallTenant(store());
      const item = await store().contentItems.save(aContentItem(tenant.id, group.id));

      expect(await store().contentItems.setReviewInterval(tenant.id, item.id, 14)).toEqual({
        ...item,
        reviewIntervalDays: 14,
      });
      expect(await store().contentItems.setVerifier(tenant.id, item.id, member.id)).toEqual({
        ...item,
        reviewIntervalDays: 14,
        verifierId: member.id,
      });
      // The inventory sync sees the item again, knowing neither.
      const synced = await store().contentItems.save(
        aContentItem(tenant.id, group.id, { platformRef: item.platformRef, title: 'Renamed' }),
      );
      expect(synced).toMatchObject({ id: item.id, title: 'Renamed', reviewIntervalDays: 14, verifierId: member.id });

      expect(await store().contentItems.setReviewInterval(tenant.id, item.id, null)).toMatchObject({
        reviewIntervalDays: null,
      });
      expect(await store().contentItems.setVerifier(tenant.id, item.id, null)).toMatchObject({ verifierId: null });
      expect(await store().contentItems.setVerifier(tenant.id, crypto.randomUUID(), member.id)).toBeNull();
      expect(await store().contentItems.setReviewInterval(tenant.id, crypto.randomUUID(), 3)).toBeNull();
    });

    it('keeps the author a platform event named when a later save names none', async () => {
      const { tenant, member, group } = await aSmallTenant(store());
      const item = await store().contentItems.save(aContentItem(tenant.id, group.id, { authorId: member.id }));
      expect(item.authorId).toBe(member.id);
      const again = await store().contentItems.save(
        aContentItem(tenant.id, group.id, { platformRef: item.platformRef }),
      );
      expect(again).toMatchObject({ id: item.id, authorId: member.id });
    });

    it('flags an active item, keeps the flag through a sync, and clears it when the item is kept', async () => {
      const { tenant, member, group } = await aSmallTenant(store());
      const item = await store().contentItems.save(aContentItem(tenant.id, group.id));
      const flag = { byId: member.id, at: new Date('2026-03-02T10:00:00Z'), note: 'The on-call rota changed' };

      expect(await store().contentItems.flag(tenant.id, item.id, flag)).toEqual({ ...item, flag });
      expect(await store().contentItems.get(tenant.id, item.id)).toEqual({ ...item, flag });
      const synced = await store().contentItems.save(
        aContentItem(tenant.id, group.id, { platformRef: item.platformRef }),
      );
      expect(synced.flag).toEqual(flag);

      const keptAt = new Date('2026-03-03T10:00:00Z');
      expect(await store().contentItems.markReviewed(tenant.id, item.id, keptAt)).toMatchObject({
        lastReviewedAt: keptAt,
        flag: null,
      });
    });

    it('does not flag an archived or unknown item', async () => {
      const { tenant, member, group } = await aSmallTenant(store());
      const archived = await store().contentItems.save(aContentItem(tenant.id, group.id, { state: 'archived' }));
      const flag = { byId: member.id, at: new Date('2026-03-02T10:00:00Z'), note: null };
      expect(await store().contentItems.flag(tenant.id, archived.id, flag)).toBeNull();
      expect((await store().contentItems.get(tenant.id, archived.id))?.flag).toBeNull();
      expect(await store().contentItems.flag(tenant.id, crypto.randomUUID(), flag)).toBeNull();
    });

    it('finds active items by platform reference or by link, within the tenant', async () => {
      const { tenant, group } = await aSmallTenant(store());
      const other = await aSmallTenant(store());
      const byRef = await store().contentItems.save(
        aContentItem(tenant.id, group.id, {
          kind: 'pinned_message',
          link: null,
          lastChangedAt: new Date('2026-01-01T00:00:00Z'),
        }),
      );
      const byLink = await store().contentItems.save(
        aContentItem(tenant.id, group.id, {
          link: 'https://example.com/rota',
          lastChangedAt: new Date('2026-01-02T00:00:00Z'),
        }),
      );
      await store().contentItems.save(
        aContentItem(tenant.id, group.id, { link: 'https://example.com/old', state: 'archived' }),
      );
      await store().contentItems.save(
        aContentItem(other.tenant.id, other.group.id, { link: 'https://example.com/rota' }),
      );

      const found = await store().contentItems.findActive(tenant.id, {
        refs: [byRef.platformRef],
        links: ['https://example.com/rota', 'https://example.com/old'],
      });
      expect(found.map((i) => i.id)).toEqual([byRef.id, byLink.id]);
      expect(
        await store().contentItems.findActive(tenant.id, { refs: [], links: ['https://example.com/old'] }),
      ).toEqual([]);
      expect(await store().contentItems.findActive(tenant.id, { refs: [], links: [] })).toEqual([]);
    });
  });
}
