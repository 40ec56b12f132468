import { type Card, type ChatPlatform, enqueue, type SentCard, type Store } from '@steward/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutboxWorker } from '../../apps/server/src/outbox-worker.ts';
import { openTemporaryEmbeddedStore } from '../support/embedded-store.ts';
import { eventually } from '../support/eventually.ts';
import { aTenant } from '../support/factories.ts';
import { silentLogger } from '../support/silent-logger.ts';
import { WallClock } from '../support/wall-clock.ts';

/** A platform whose sends wait until the test lets them through, or go at once. */
class HeldPlatform implements ChatPlatform {
  readonly platform: 'slack' | 'teams';
  readonly sent: string[] = [];
  #release: () => void = () => {};
  readonly #held: Promise<void>;

  constructor(platform: 'slack' | 'teams', held: boolean) {
    this.platform = platform;
    this.#held = held ? new Promise((resolve) => (this.#release = resolve)) : Promise.resolve();
  }

  async sendCard(_to: unknown, card: Card): Promise<SentCard> {
    await this.#held;
    this.sent.push(card.title);
    return { platform: this.platform, workspaceId: 'W', conversationId: 'C', messageId: card.title };
  }

  release(): void {
    this.#release();
  }

  // Only cards are sent in this test.
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

describe('the outbox worker', () => {
  let store: Store;
  let dispose: () => Promise<void>;
  const clock = new WallClock('2026-11-23T08:00:00Z');
  beforeAll(async () => ({ store, dispose } = await openTemporaryEmbeddedStore()));
  afterAll(() => dispose());

  it('runs a lane per platform: a stalled Slack holds up no Teams card', async () => {
    const tenant = aTenant();
    await store.tenants.save(tenant);
    const slack = new HeldPlatform('slack', true);
    const teams = new HeldPlatform('teams', false);
    const card = (title: string): Card => ({ locale: 'en', title, summary: title, blocks: [] });
    const deps = { store, clock };
    await enqueue(deps, tenant.id, 'slack', {
      operation: 'send_card',
      payload: { to: { platform: 'slack', workspaceId: 'T', userId: 'U' }, card: card('to Slack') },
    });
    await enqueue(deps, tenant.id, 'teams', {
      operation: 'send_card',
      payload: { to: { platform: 'teams', workspaceId: 'A', userId: 'B' }, card: card('to Teams') },
    });

    const worker = new OutboxWorker(deps, { slack, teams }, silentLogger, 20);
    worker.start();
    await eventually(() => expect(teams.sent).toEqual(['to Teams']));
    expect(slack.sent).toEqual([]);
    slack.release();
    await eventually(() => expect(slack.sent).toEqual(['to Slack']));
    await worker.stop();
  });
});
