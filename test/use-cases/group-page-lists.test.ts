import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../core/src/domain/ids.ts';
import type { Store } from '../../core/src/ports/store/index.ts';
import { GROUP_PAGE_LIST_LIMIT, groupDetail } from '../../core/src/use-cases/health/group-detail.ts';
import { openTemporaryEmbeddedStore } from '../support/embedded-store.ts';
import { aContentItem, aRequest, aSmallTenant } from '../support/factories.ts';

// Issue 11, item 6: the group's page lists what a card's "and N more" cut, bounded, with the total.

const NOW = new Date('2026-11-23T09:00:00Z');
const HOUR_MS = 3_600_000;

describe("a group's page lists its pending requests and content due", () => {
  let store: Store;
  let dispose: () => Promise<void>;
  const clock = { now: () => NOW };
  beforeAll(async () => ({ store, dispose } = await openTemporaryEmbeddedStore()));
  afterAll(() => dispose());

  it('caps each list and keeps the total: the oldest request and the longest due item first', async () => {
    const { tenant, group, member } = await aSmallTenant(store);
    const over = GROUP_PAGE_LIST_LIMIT + 1;
    for (let n = 0; n < over; n += 1) {
      // Hour n+1 ago: the last created is the oldest. Requesters not on record are named null.
      const requestedAt = new Date(NOW.getTime() - (n + 1) * HOUR_MS);
      await store.membershipRequests.create({ ...aRequest(tenant.id, group.id, newId()), requestedAt });
      const lastChangedAt = new Date(Date.UTC(2025, 0, 1) + n * 86_400_000);
      await store.contentItems.save(aContentItem(tenant.id, group.id, { title: `Guide ${n}`, lastChangedAt }));
    }
    const flagged = await store.contentItems.save(
      aContentItem(tenant.id, group.id, { title: 'Flagged', lastChangedAt: NOW }),
    );
    const flaggedAt = new Date(NOW.getTime() - HOUR_MS);
    await store.contentItems.flag(tenant.id, flagged.id, { byId: member.id, at: flaggedAt, note: null });
    await store.membershipRequests.create({
      ...aRequest(tenant.id, group.id, member.id),
      requestedAt: new Date(NOW.getTime() - 1000 * HOUR_MS),
    });

    const detail = await groupDetail({ store, clock }, tenant.id, group.id, { from: '2026-11-01', to: '2026-11-23' });
    if (!detail.ok) throw new Error(detail.code);
    const { pendingRequests, contentDue, content } = detail.value;

    expect(pendingRequests.total).toBe(over + 1);
    expect(pendingRequests.rows).toHaveLength(GROUP_PAGE_LIST_LIMIT);
    expect(pendingRequests.rows[0]).toMatchObject({
      requesterId: member.id,
      requesterName: member.displayName,
      waitingHours: 1000,
    });
    expect(pendingRequests.rows[1]).toMatchObject({ requesterName: null, waitingHours: over });
    const waited = pendingRequests.rows.map((r) => r.waitingHours);
    expect(waited).toEqual([...waited].sort((a, b) => b - a));

    // The same rule as the figure: every active item due, flagged ones included.
    expect(contentDue.total).toBe(content.due);
    expect(contentDue.total).toBe(over + 1);
    expect(contentDue.rows).toHaveLength(GROUP_PAGE_LIST_LIMIT);
    expect(contentDue.rows[0]).toMatchObject({ title: 'Guide 0', kind: 'bookmark', flag: null });
    expect(contentDue.rows.map((c) => c.title)).not.toContain('Flagged');
  });

  it('names who flagged an item, and leaves out fresh and archived items and decided requests', async () => {
    const { tenant, group, owner, member } = await aSmallTenant(store);
    const fresh = new Date(NOW.getTime() - HOUR_MS);
    const flagged = await store.contentItems.save(aContentItem(tenant.id, group.id, { lastChangedAt: fresh }));
    await store.contentItems.flag(tenant.id, flagged.id, { byId: owner.id, at: fresh, note: 'moved' });
    await store.contentItems.save(aContentItem(tenant.id, group.id, { title: 'Fresh', lastChangedAt: fresh }));
    await store.contentItems.save(aContentItem(tenant.id, group.id, { title: 'Archived', state: 'archived' }));
    const request = await store.membershipRequests.create(aRequest(tenant.id, group.id, member.id));
    if (!request.ok) throw new Error(request.code);
    await store.membershipRequests.decide(tenant.id, request.value.id, {
      status: 'approved',
      decidedBy: owner.id,
      decidedAt: NOW,
      reason: null,
    });

    const detail = await groupDetail({ store, clock }, tenant.id, group.id, { from: '2026-11-01', to: '2026-11-23' });
    if (!detail.ok) throw new Error(detail.code);
    expect(detail.value.pendingRequests).toEqual({ total: 0, rows: [] });
    expect(detail.value.contentDue).toEqual({
      total: 1,
      rows: [
        {
          itemId: flagged.id,
          title: flagged.title,
          kind: flagged.kind,
          link: flagged.link,
          dueSince: fresh,
          flag: { byId: owner.id, byName: owner.displayName, at: fresh },
        },
      ],
    });
  });
});
