import { describe, expect, it } from 'vitest';
import { newId } from '../../../core/src/domain/ids.ts';
import type { OutboxMessage } from '../../../core/src/ports/store/outbox.ts';
import { anOutboxMessage, aTenant } from '../../support/factories.ts';
import type { GetStore } from './context.ts';

const at = (iso: string) => new Date(iso);
/** Later than any other test's messages: across tenants, this file's are the newest. */
const FAR = at('2099-01-01T00:00:00Z');
const minutes = (n: number) => new Date(FAR.getTime() + n * 60_000);

const aMessage = (tenantId: string, overrides: Partial<OutboxMessage> = {}) =>
  anOutboxMessage(tenantId, { createdAt: FAR, notBefore: FAR, ...overrides });

/** What an administrator does with the outbox (`steward outbox`): list by status, retry, cancel. */
export function outboxAdministrationContract(store: GetStore) {
  async function aSavedTenant(): Promise<string> {
    const tenant = aTenant();
    await store().tenants.save(tenant);
    return tenant.id;
  }

  /** Enqueues `count` messages, created a minute apart. */
  async function enqueued(tenantId: string, count: number): Promise<OutboxMessage[]> {
    const messages = Array.from({ length: count }, (_, i) =>
      aMessage(tenantId, { createdAt: minutes(i), notBefore: minutes(i) }),
    );
    for (const m of messages) await store().outbox.enqueue(m);
    return messages;
  }

  describe('outbox administration', () => {
    it('lists one status of one tenant, newest first: failed by when they failed, pending by when enqueued', async () => {
      const tenantId = await aSavedTenant();
      const [a, b, c, d] = await enqueued(tenantId, 4);
      await store().outbox.markFailed(tenantId, a!.id, minutes(20), 'channel_not_found');
      await store().outbox.markFailed(tenantId, b!.id, minutes(10), 'missing_scope');
      await store().outbox.cancel([c!.id], minutes(30), 'cancelled by an administrator');

      const ids = async (status: 'pending' | 'failed' | 'cancelled', limit = 10) =>
        (await store().outbox.listByStatus({ status, tenantId, limit })).map((m) => m.id);
      expect(await ids('failed')).toEqual([a!.id, b!.id]);
      expect(await ids('failed', 1)).toEqual([a!.id]);
      expect(await ids('pending')).toEqual([d!.id]);
      expect(await store().outbox.listByStatus({ status: 'cancelled', tenantId, limit: 10 })).toEqual([
        { ...c!, status: 'cancelled', doneAt: minutes(30), lastError: 'cancelled by an administrator' },
      ]);
    });

    it('lists across tenants when no tenant is named', async () => {
      const [one, two] = [await aSavedTenant(), await aSavedTenant()];
      const [first] = await enqueued(one, 1);
      const [second] = await enqueued(two, 1);
      // A PostgreSQL test database outlives a run: later than any earlier run's, too.
      const newest = new Date(FAR.getTime() + Date.now());
      await store().outbox.markFailed(one, first!.id, newest, 'user_not_found');
      await store().outbox.markFailed(two, second!.id, new Date(newest.getTime() + 1), 'user_not_found');
      expect((await store().outbox.listByStatus({ status: 'failed', limit: 2 })).map((m) => m.id)).toEqual([
        second!.id,
        first!.id,
      ]);
    });

    it('retries the failed messages named: pending again, due now, attempts back to 0; others untouched', async () => {
      const tenantId = await aSavedTenant();
      const [pending, sent] = await enqueued(tenantId, 2);
      const failed = aMessage(tenantId, { attempts: 10 });
      await store().outbox.enqueue(failed);
      await store().outbox.markFailed(tenantId, failed.id, minutes(5), 'ratelimited too long');
      await store().outbox.markSent(tenantId, sent!.id, minutes(5), { ts: '1.2' });

      const retried = await store().outbox.retryFailed(
        { ids: [failed.id, pending!.id, sent!.id, newId(), 'not-an-id'] },
        minutes(60),
      );
      expect(retried).toEqual([{ tenantId, id: failed.id }]);
      expect(await store().outbox.get(tenantId, failed.id)).toMatchObject({
        status: 'pending',
        attempts: 0,
        notBefore: minutes(60),
        doneAt: null,
        lockedUntil: null,
        lastError: 'ratelimited too long',
      });
      expect(await store().outbox.get(tenantId, pending!.id)).toMatchObject({
        status: 'pending',
        notBefore: minutes(0),
      });
      expect(await store().outbox.get(tenantId, sent!.id)).toMatchObject({ status: 'sent', result: { ts: '1.2' } });
    });

    it('retries every failed message of a tenant, and only of that tenant', async () => {
      const [tenantId, other] = [await aSavedTenant(), await aSavedTenant()];
      const mine = await enqueued(tenantId, 2);
      const [theirs] = await enqueued(other, 1);
      for (const m of mine) await store().outbox.markFailed(tenantId, m.id, minutes(5), 'missing_scope');
      await store().outbox.markFailed(other, theirs!.id, minutes(5), 'missing_scope');

      const retried = await store().outbox.retryFailed({ allFailed: true, tenantId }, minutes(6));
      expect(retried.map((m) => m.id).sort()).toEqual(mine.map((m) => m.id).sort());
      expect(retried.every((m) => m.tenantId === tenantId)).toBe(true);
      expect(await store().outbox.listByStatus({ status: 'failed', tenantId, limit: 10 })).toEqual([]);
      expect(await store().outbox.get(other, theirs!.id)).toMatchObject({ status: 'failed' });
    });

    it('cancels pending and failed messages, never a sent one, and says which', async () => {
      const tenantId = await aSavedTenant();
      const [pending, failed, sent] = await enqueued(tenantId, 3);
      await store().outbox.markFailed(tenantId, failed!.id, minutes(5), 'missing_scope');
      await store().outbox.markSent(tenantId, sent!.id, minutes(5), {});

      const cancelled = await store().outbox.cancel(
        [pending!.id, failed!.id, sent!.id, 'nonsense'],
        minutes(9),
        'not wanted',
      );
      expect(cancelled.map((m) => `${m.tenantId}/${m.id}`).sort()).toEqual(
        [pending!.id, failed!.id].map((id) => `${tenantId}/${id}`).sort(),
      );
      expect(await store().outbox.get(tenantId, pending!.id)).toMatchObject({
        status: 'cancelled',
        doneAt: minutes(9),
        lastError: 'not wanted',
      });
      expect(await store().outbox.get(tenantId, sent!.id)).toMatchObject({ status: 'sent' });
      // A cancelled message is not claimed again, nor retried as failed.
      expect(await store().outbox.retryFailed({ ids: [failed!.id] }, minutes(10))).toEqual([]);
    });
  });
}
