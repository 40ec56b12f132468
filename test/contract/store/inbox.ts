import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { NewInboxItem } from '../../../core/src/ports/store/inbox.ts';
import { type GetStore, inParallel } from './context.ts';

const at = (iso: string) => new Date(iso);
const FAR_FUTURE = at('2100-01-01T00:00:00Z');
/** Later than any lock a test takes, so that emptying the inbox takes every item. */
const END_OF_TIME = at('3000-01-01T00:00:00Z');

function anItem(overrides: Partial<NewInboxItem> = {}): NewInboxItem {
  return {
    platform: 'slack',
    workspaceId: 'T0INBOX',
    eventId: `Ev${randomUUID()}`,
    kind: 'activity',
    payload: { n: 1, nested: { list: [1, 'two'] } },
    receivedAt: at('2026-03-02T09:00:00.000Z'),
    problem: null,
    ...overrides,
  };
}

const keyOf = ({ platform, workspaceId, eventId }: NewInboxItem) => ({ platform, workspaceId, eventId });

// The inbox is one queue for every workspace and the suite shares one store, so each test starts
// from an empty inbox.
export function inboxContract(store: GetStore) {
  describe('inbox', () => {
    beforeEach(async () => {
      const inbox = store().inbox;
      const left = [...(await inbox.claimDue(END_OF_TIME, 100_000, 1)), ...(await inbox.listParked(100_000))];
      await inbox.complete(left);
    });

    it('stores each event once, however often it is delivered, and keeps its payload as JSON', async () => {
      const first = anItem({ payload: { at: at('2026-03-02T09:00:00.123Z') as unknown, text: 'é' } });
      const second = anItem();
      expect(await store().inbox.accept([first, second, { ...first }])).toBe(2);
      expect(await store().inbox.accept([{ ...second, payload: { changed: true } }])).toBe(0);

      const claimed = await store().inbox.claimDue(at('2026-03-02T09:00:01Z'), 10, 60_000);
      expect(claimed.map((item) => item.eventId)).toEqual([first.eventId, second.eventId]);
      expect(claimed[0]).toMatchObject({
        ...keyOf(first),
        kind: 'activity',
        payload: { at: '2026-03-02T09:00:00.123Z', text: 'é' },
        receivedAt: first.receivedAt,
        status: 'pending',
        attempts: 1,
        lastError: null,
      });
      expect(claimed[1]?.payload).toEqual(second.payload);
    });

    it('hands items out in the order they arrived, once, until the lock runs out', async () => {
      const items = Array.from({ length: 5 }, () => anItem());
      await store().inbox.accept(items);
      const now = at('2026-03-02T10:00:00Z');
      const first = await store().inbox.claimDue(now, 3, 60_000);
      expect(first.map((item) => item.eventId)).toEqual(items.slice(0, 3).map((item) => item.eventId));
      expect(first[0]?.lockedUntil).toEqual(at('2026-03-02T10:01:00Z'));
      const rest = await store().inbox.claimDue(now, 10, 60_000);
      expect(rest.map((item) => item.eventId)).toEqual(items.slice(3).map((item) => item.eventId));
      expect(await store().inbox.claimDue(at('2026-03-02T10:00:59Z'), 10, 60_000)).toEqual([]);

      // The worker died: once its lock has run out the items are taken again, a second attempt.
      const again = await store().inbox.claimDue(at('2026-03-02T10:01:01Z'), 10, 60_000);
      expect(again).toHaveLength(5);
      expect(again.every((item) => item.attempts === 2)).toBe(true);
    });

    it('removes handled items, retries others later, and parks what cannot be handled', async () => {
      const [handled, later, poison] = [anItem(), anItem(), anItem()];
      await store().inbox.accept([handled, later, poison]);
      await store().inbox.claimDue(at('2026-03-02T10:00:00Z'), 10, 60_000);
      await store().inbox.complete([keyOf(handled)]);
      await store().inbox.retryLater(keyOf(later), at('2026-03-02T10:05:00Z'), 'unknown_group');
      await store().inbox.park(keyOf(poison), 'bad_timestamp');
      expect(await store().inbox.countByStatus()).toEqual({ pending: 1, parked: 1 });

      expect(await store().inbox.claimDue(at('2026-03-02T10:04:59Z'), 10, 60_000)).toEqual([]);
      const retried = await store().inbox.claimDue(at('2026-03-02T10:05:00Z'), 10, 60_000);
      expect(retried).toMatchObject([{ eventId: later.eventId, attempts: 2, lastError: 'unknown_group' }]);

      const parked = await store().inbox.listParked(10);
      expect(parked).toMatchObject([
        { eventId: poison.eventId, status: 'parked', lastError: 'bad_timestamp', lockedUntil: null },
      ]);
      // A redelivery of a parked event does not revive it.
      expect(await store().inbox.accept([poison])).toBe(0);
      expect(await store().inbox.listParked(10)).toHaveLength(1);
    });

    it('parks an item that arrives with a problem, and never hands it out', async () => {
      const unreadable = anItem({ problem: 'bad_timestamp: "abc"' });
      const good = anItem();
      expect(await store().inbox.accept([unreadable, good])).toBe(2);
      const claimed = await store().inbox.claimDue(FAR_FUTURE, 10, 60_000);
      expect(claimed.map((item) => item.eventId)).toEqual([good.eventId]);
      expect(await store().inbox.listParked(10)).toMatchObject([
        { eventId: unreadable.eventId, lastError: 'bad_timestamp: "abc"', attempts: 0 },
      ]);
      expect(await store().inbox.countByStatus()).toEqual({ pending: 1, parked: 1 });
    });

    it('says when the oldest item still waiting was received, and nothing once none waits', async () => {
      expect(await store().inbox.oldestPendingAt()).toBeNull();
      const oldest = anItem({ receivedAt: at('2026-03-02T08:59:00.250Z') });
      const parked = anItem({ receivedAt: at('2026-03-02T08:00:00Z'), problem: 'bad_timestamp' });
      await store().inbox.accept([anItem(), oldest, parked]);
      expect(await store().inbox.oldestPendingAt()).toEqual(oldest.receivedAt);
      const claimed = await store().inbox.claimDue(FAR_FUTURE, 10, 60_000);
      await store().inbox.complete(claimed);
      expect(await store().inbox.oldestPendingAt()).toBeNull();
    });

    it('gives each item to exactly one of many racing claimers', async () => {
      const items = Array.from({ length: 60 }, () => anItem({ workspaceId: `T${randomUUID()}` }));
      await store().inbox.accept(items);
      await inParallel(6, () => store().inbox.countByStatus());
      const now = at('2026-03-02T11:00:00Z');
      const rounds = await Promise.all(Array.from({ length: 6 }, () => store().inbox.claimDue(now, 15, 60_000)));
      const claimed = rounds.flat().map((item) => item.eventId);
      expect(claimed).toHaveLength(60);
      expect(new Set(claimed).size).toBe(60);
    });

    it('keeps the same event id of two workspaces or platforms apart', async () => {
      const eventId = `Ev${randomUUID()}`;
      const items = [
        anItem({ eventId }),
        anItem({ eventId, workspaceId: 'T0OTHER' }),
        anItem({ eventId, platform: 'teams' }),
      ];
      expect(await store().inbox.accept(items)).toBe(3);
    });
  });
}
