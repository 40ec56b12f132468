import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChatPlatform, PlatformError, type SentCard } from '../../core/src/ports/chat-platform.ts';
import type { Store } from '../../core/src/ports/store/index.ts';
import type { OutboxMessage } from '../../core/src/ports/store/outbox.ts';
import { DEFAULT_DELIVERY, deliverOutbox, enqueue } from '../../core/src/use-cases/deliver-outbox.ts';
import { openTemporaryEmbeddedStore } from '../support/embedded-store.ts';
import { aTenant } from '../support/factories.ts';
import { silentLogger } from '../support/silent-logger.ts';
import { WallClock } from '../support/wall-clock.ts';

const DAY = 24 * 3_600_000;
const to = { platform: 'slack' as const, workspaceId: 'T1', userId: 'U1' };
const card = { locale: 'en' as const, title: 'Weekly hour', summary: 'Weekly hour', blocks: [] };

/** A platform whose n-th sendCard throws what `failure(n)` says, or succeeds when it says null. */
class ScriptedPlatform implements ChatPlatform {
  readonly platform = 'slack' as const;
  calls = 0;
  readonly #failure: (call: number) => Error | null;

  constructor(failure: (call: number) => Error | null) {
    this.#failure = failure;
  }

  async sendCard(): Promise<SentCard> {
    this.calls += 1;
    const failure = this.#failure(this.calls);
    if (failure) throw failure;
    return { platform: 'slack', workspaceId: 'T1', conversationId: 'D1', messageId: String(this.calls) };
  }

  // Only cards are sent here.
  postInGroup = notUsed;
  updateCard = notUsed;
  inviteMember = notUsed;
  listContent = notUsed;
  archiveContent = notUsed;
  archiveGroup = notUsed;
  readProfile = notUsed;
}

function notUsed(): never {
  throw new Error('not used in this test');
}

const outage = [
  new PlatformError('http_503', { permanent: false }),
  new PlatformError('ratelimited', { permanent: false, retryAfterMs: 30_000 }),
  new PlatformError('request_failed', { permanent: false }),
];

/**
 * The outbox's policy with the default settings, against a platform that fails as told. Each test
 * finishes its message (sent or failed), so that the next finds nothing of it due.
 */
describe('delivering the outbox: what ends a message and what does not', () => {
  let store: Store;
  let dispose: () => Promise<void>;
  const clock = new WallClock('2026-03-02T09:00:00Z');
  beforeAll(async () => ({ store, dispose } = await openTemporaryEmbeddedStore()));
  afterAll(() => dispose());

  /** Delivers each time the message is due, moving the clock there, until it is no longer pending. */
  async function deliverUntilDone(
    message: OutboxMessage,
    platform: ScriptedPlatform,
    rounds: number,
  ): Promise<OutboxMessage> {
    for (let round = 0; round < rounds; round++) {
      expect(await deliverOutbox({ store, clock }, { slack: platform }, silentLogger)).toBe(1);
      const now = (await store.outbox.get(message.tenantId, message.id))!;
      if (now.status !== 'pending') return now;
      clock.set(now.notBefore.toISOString());
    }
    return (await store.outbox.get(message.tenantId, message.id))!;
  }

  async function aMessage(): Promise<OutboxMessage> {
    const tenant = aTenant();
    await store.tenants.save(tenant);
    return (await enqueue({ store, clock }, tenant.id, 'slack', { operation: 'send_card', payload: { to, card } }))
      .message;
  }

  it('keeps a message through hours of 503s, 429s and dropped connections, without using up attempts, then sends it once', async () => {
    const start = clock.now().getTime();
    const platform = new ScriptedPlatform((call) => (call <= 150 ? outage[call % 3]! : null));
    const message = await aMessage();

    const during = await deliverUntilDone(message, platform, 100);
    expect(during).toMatchObject({ status: 'pending', attempts: 0 });
    expect(['http_503', 'ratelimited', 'request_failed']).toContain(during.lastError);
    expect(clock.now().getTime() - start).toBeGreaterThan(3 * 3_600_000);
    // Never longer than five minutes between tries (plus a second on a Retry-After).
    expect(during.notBefore.getTime() - clock.now().getTime()).toBeLessThanOrEqual(5 * 60_000);

    const done = await deliverUntilDone(during, platform, 60);
    expect(done).toMatchObject({ status: 'sent', attempts: 1, result: { messageId: '151' } });
    expect(platform.calls).toBe(151);
  });

  it('counts only our own errors, and ends a message after twelve of them', async () => {
    // Our bug every other try, the platform down in between: only the bugs add up.
    const platform = new ScriptedPlatform((call) =>
      call % 2 === 1 ? new TypeError('cannot read card.blocks') : outage[0]!,
    );
    const message = await aMessage();
    const done = await deliverUntilDone(message, platform, 40);
    expect(done).toMatchObject({
      status: 'failed',
      lastError: 'unexpected_error',
      attempts: DEFAULT_DELIVERY.maxAttempts,
    });
    expect(platform.calls).toBe(2 * DEFAULT_DELIVERY.maxAttempts - 1);
  });

  it('ends a message at once on a permanent error, with its code', async () => {
    const platform = new ScriptedPlatform(() => new PlatformError('channel_not_found', { permanent: true }));
    const done = await deliverUntilDone(await aMessage(), platform, 5);
    expect(done).toMatchObject({ status: 'failed', lastError: 'channel_not_found', attempts: 1 });
    expect(platform.calls).toBe(1);
  });

  it('gives up on a message the platform has failed for a week, and not before', async () => {
    const platform = new ScriptedPlatform(() => outage[0]!);
    const message = await aMessage();
    const enqueuedAt = clock.now().getTime();
    clock.set(new Date(enqueuedAt + 7 * DAY - 60_000).toISOString());
    const before = await deliverUntilDone(message, platform, 1);
    expect(before).toMatchObject({ status: 'pending', lastError: 'http_503' });

    // Its next try comes after the week is over: that one ends it.
    expect(before.notBefore.getTime()).toBeGreaterThan(enqueuedAt + 7 * DAY);
    clock.set(before.notBefore.toISOString());
    const done = await deliverUntilDone(before, platform, 1);
    expect(done).toMatchObject({ status: 'failed', lastError: 'http_503', doneAt: before.notBefore });
    expect(platform.calls).toBe(2);
  });
});
