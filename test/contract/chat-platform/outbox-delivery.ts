import {
  type Clock,
  type CoreDeps,
  DEFAULT_DELIVERY,
  deliverOutbox,
  enqueue,
  type OutboxOperation,
  type Store,
} from '@steward/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTemporaryEmbeddedStore } from '../../support/embedded-store.ts';
import { aTenant } from '../../support/factories.ts';
import { silentLogger } from '../../support/silent-logger.ts';
import { type ChatPlatformFixture, contractCard } from './context.ts';

/** A clock each test moves by hand, from its own start. */
class StepClock implements Clock {
  #now = new Date('2026-03-02T09:00:00Z');
  now(): Date {
    return this.#now;
  }
  advance(ms: number): void {
    this.#now = new Date(this.#now.getTime() + ms);
  }
}

/**
 * The outbox through the platform: what was copied per platform before. Each test has its own
 * tenant and clock, and leaves no message pending, so tests share one store and not their state.
 */
export function outboxDeliveryContract(fixture: () => ChatPlatformFixture) {
  describe('outbox delivery (embedded store)', () => {
    let store: Store | undefined;
    let dispose: (() => Promise<void>) | undefined;
    beforeAll(async () => {
      ({ store, dispose } = await openTemporaryEmbeddedStore());
    }, 60_000);
    afterAll(async () => dispose?.());

    /** A tenant of its own, a clock of its own, and the fixture's platform as the outbox sees it. */
    async function delivery() {
      if (!store) throw new Error('the store is not open');
      const tenant = aTenant();
      await store.tenants.save(tenant);
      const f = fixture();
      const clock = new StepClock();
      const deps: CoreDeps = { store, clock };
      // No jitter: a retry waits exactly what the platform asked.
      const policy = { ...DEFAULT_DELIVERY, random: () => 0 };
      const send = (call: OutboxOperation, dedupeKey: string | null = null) =>
        enqueue(deps, tenant.id, f.platform.platform, call, dedupeKey);
      const deliver = () => deliverOutbox(deps, { [f.platform.platform]: f.platform }, silentLogger, policy);
      const message = (id: string) => store!.outbox.get(tenant.id, id);
      return { f, clock, send, deliver, message, tenantId: tenant.id, store };
    }

    it('delivers a card once, and records where it went', async () => {
      const { f, send, deliver, message } = await delivery();
      const call: OutboxOperation = { operation: 'send_card', payload: { to: f.person, card: contractCard() } };
      const { message: enqueued } = await send(call, 'weekly:person');
      expect((await send(call, 'weekly:person')).created).toBe(false);
      expect(await deliver()).toBe(1);
      expect(await deliver()).toBe(0);

      const sent = await message(enqueued.id);
      expect(sent).toMatchObject({ status: 'sent', attempts: 1 });
      const result = sent?.result as {
        platform: string;
        workspaceId: string;
        conversationId: string;
        messageId: string;
      };
      expect(result).toEqual({
        platform: f.platform.platform,
        workspaceId: f.person.workspaceId,
        conversationId: expect.any(String),
        messageId: expect.any(String),
      });
      expect(f.shownSummary(result as never)).toBe(contractCard().summary);
    });

    it('delivers a card to post in the group, and an update of it, in place', async () => {
      const { f, send, deliver, message } = await delivery();
      const { message: posted } = await send({
        operation: 'post_in_group',
        payload: { group: f.group, card: contractCard('posted') },
      });
      expect(await deliver()).toBe(1);
      const result = (await message(posted.id))?.result;
      expect(result).toMatchObject({ platform: f.platform.platform, workspaceId: f.group.workspaceId });

      const { message: update } = await send({
        operation: 'update_card',
        payload: { sent: result as never, card: contractCard('posted, updated') },
      });
      expect(await deliver()).toBe(1);
      expect(await message(update.id)).toMatchObject({ status: 'sent', attempts: 1 });
      expect(f.shownSummary(result as never)).toBe('posted, updated');
    });

    it('reschedules a card refused with 429 after exactly its Retry-After, without using an attempt, or is never throttled', async () => {
      const { f, clock, send, deliver, message } = await delivery();
      if (f.capabilities.throttles) f.failNextSend({ status: 429, retryAfter: 30 });
      const { message: enqueued } = await send({
        operation: 'send_card',
        payload: { to: f.person, card: contractCard() },
      });
      expect(await deliver()).toBe(1);
      if (!f.capabilities.throttles) {
        expect(await message(enqueued.id)).toMatchObject({ status: 'sent', attempts: 1 });
        return;
      }
      expect(await message(enqueued.id)).toMatchObject({
        status: 'pending',
        lastError: 'ratelimited',
        notBefore: new Date(clock.now().getTime() + 30_000),
      });
      clock.advance(29_999);
      expect(await deliver()).toBe(0);
      clock.advance(1);
      expect(await deliver()).toBe(1);
      // The throttled try did not count: only our own errors use up attempts.
      expect(await message(enqueued.id)).toMatchObject({ status: 'sent', attempts: 1 });
    });

    it('records a permanent refusal with the platform’s code and never tries it again', async () => {
      const { f, clock, send, deliver, message, tenantId, store } = await delivery();
      const sent = await f.platform.sendCard(f.person, contractCard());
      const { message: update } = await send({
        operation: 'update_card',
        payload: { sent: { ...sent, messageId: f.missingMessageId }, card: contractCard('lost') },
      });
      expect(await deliver()).toBe(1);
      const failed = await message(update.id);
      expect(failed).toMatchObject({ status: 'failed', attempts: 1, lastError: expect.stringMatching(/\S/) });

      clock.advance(3_600_000);
      expect(await deliver()).toBe(0);
      expect(await store.outbox.listFailed(tenantId, 10)).toEqual([
        expect.objectContaining({ id: update.id, lastError: failed?.lastError }),
      ]);
    });
  });
}
