import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSteward } from '../../apps/server/src/steward.ts';
import { type Card, enqueue, type OutboxMessage, type Store, systemClock } from '../../core/src/index.ts';
import { eventually } from '../support/eventually.ts';
import { aGroup, aPerson, aTenant } from '../support/factories.ts';
import { FakeSlack } from '../support/fake-slack/index.ts';
import { fromWorkspace } from '../support/slack-message-events.ts';
import { asEvent, postToSlackEndpoint, slackFixture } from '../support/slack-requests.ts';
import { startStewardWithSlack } from '../support/steward-with-slack.ts';

// The events' shapes: https://docs.slack.dev/reference/events/tokens_revoked and
// https://docs.slack.dev/reference/events/app_uninstalled, in the Events API envelope
// (test/fixtures/slack/tokens-revoked.json, app-uninstalled.json).

const TEAM = 'T0STEWARD';
const TOKEN = 'xoxb-lifecycle';
const card: Card = {
  locale: 'en',
  title: 'Weekly hour',
  summary: 'Weekly hour',
  blocks: [{ kind: 'text', text: 'Your weekly hour' }],
};
const alice = { platform: 'slack' as const, workspaceId: TEAM, userId: 'U0ALICE' };

async function health(
  steward: RunningSteward,
): Promise<{ status: number; body: { platforms: Record<string, { state: string; detail?: string }> } }> {
  const response = await fetch(`${steward.url}/healthz`);
  return {
    status: response.status,
    body: (await response.json()) as { platforms: Record<string, { state: string; detail?: string }> },
  };
}

const sendCard = (store: Store, tenantId: string) =>
  enqueue({ store, clock: systemClock }, tenantId, 'slack', { operation: 'send_card', payload: { to: alice, card } });

async function settled(store: Store, message: OutboxMessage, status: string): Promise<OutboxMessage> {
  return eventually(async () => {
    const now = await store.outbox.get(message.tenantId, message.id);
    expect(now?.status).toBe(status);
    return now!;
  }, 8_000);
}

describe('a revoked Slack token is never used again (single-workspace token mode)', () => {
  const fake = new FakeSlack({ workspaces: [{ id: TEAM, token: TOKEN, scopes: null }] });
  let dataDir: string;

  beforeAll(async () => {
    await fake.start();
    fake.addUser({ id: 'U0ALICE', realName: 'Alice Martin' });
    dataDir = await mkdtemp(join(tmpdir(), 'steward-revoked-'));
  });
  afterAll(async () => {
    await fake.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('cancels what was waiting on tokens_revoked, calls Slack no more with the token, even after a restart', {
    timeout: 120_000,
  }, async () => {
    const first = await startStewardWithSlack(fake, { SLACK_BOT_TOKEN: TOKEN }, { dataDir });
    try {
      const { store } = first.steward;
      const tenantId = (await store.installations.find('slack', TEAM))!.tenantId;
      // Two cards Slack throttles for an hour: they are waiting when the token is revoked.
      fake.failNext('chat.postMessage', { status: 429, retryAfter: 3_600 });
      fake.failNext('chat.postMessage', { status: 429, retryAfter: 3_600 });
      const waiting = [(await sendCard(store, tenantId)).message, (await sendCard(store, tenantId)).message];
      for (const message of waiting)
        await eventually(async () =>
          expect(await store.outbox.get(tenantId, message.id)).toMatchObject({ lastError: 'ratelimited' }),
        );

      fake.revokeToken(TOKEN);
      const callsBefore = fake.calls.length;
      expect((await postToSlackEndpoint(first.steward.url, asEvent(slackFixture('tokens-revoked.json')))).status).toBe(
        200,
      );
      for (const message of waiting) {
        expect(await settled(store, message, 'cancelled')).toMatchObject({
          lastError: 'tokens_revoked',
          doneAt: expect.any(Date),
        });
      }
      expect((await store.installations.find('slack', TEAM))?.revokedAt).toEqual(expect.any(Date));

      // A card enqueued afterwards ends for good, with the reason, and no call.
      const later = (await sendCard(store, tenantId)).message;
      expect(await settled(store, later, 'failed')).toMatchObject({ lastError: 'token_revoked' });
      const { status, body } = await health(first.steward);
      expect(status).toBe(200);
      expect(body.platforms['slack']).toMatchObject({
        state: 'degraded',
        detail: expect.stringContaining('token_revoked'),
      });
      expect(fake.calls.slice(callsBefore)).toEqual([]);
    } finally {
      await first.dispose();
    }

    // Started again with the same (dead) token: it knows, and asks Slack nothing.
    const callsBefore = fake.calls.length;
    const again = await startStewardWithSlack(fake, { SLACK_BOT_TOKEN: TOKEN }, { dataDir, waitForSlack: false });
    try {
      expect((await health(again.steward)).body.platforms['slack']).toMatchObject({
        state: 'degraded',
        detail: expect.stringContaining('token_revoked'),
      });
      await new Promise((resolve) => setTimeout(resolve, 1_500)); // past the first retry auth.test would have had
      expect(fake.calls.slice(callsBefore)).toEqual([]);
    } finally {
      await again.dispose();
    }
  });
});

describe('an uninstalled Slack app (OAuth installs)', () => {
  const fake = new FakeSlack({ workspaces: [{ id: TEAM, token: TOKEN, scopes: null }] });
  let steward: RunningSteward;
  let dispose: () => Promise<void>;

  beforeAll(async () => {
    await fake.start();
    fake.addUser({ id: 'U0ALICE', realName: 'Alice Martin' });
    ({ steward, dispose } = await startStewardWithSlack(fake, {
      SLACK_CLIENT_ID: '1234.5678',
      SLACK_CLIENT_SECRET: 'client-secret',
      SLACK_STATE_SECRET: 'state-secret-of-at-least-some-length',
    }));
  });
  afterAll(async () => {
    await dispose?.();
    await fake.stop();
  });

  it('cancels what was waiting on app_uninstalled and never uses the token again', async () => {
    const tenant = aTenant();
    await steward.store.tenants.save(tenant);
    const installation = {
      team: { id: TEAM },
      bot: { token: TOKEN, userId: 'U0BOT', id: 'B0BOT' },
      isEnterpriseInstall: false,
    };
    await steward.store.installations.save({
      platform: 'slack',
      workspaceId: TEAM,
      tenantId: tenant.id,
      enterpriseInstall: false,
      installedAt: new Date(),
      secrets: { installation },
      revokedAt: null,
    });
    // Installed: a card goes with the installation's token.
    const sent = (await sendCard(steward.store, tenant.id)).message;
    await settled(steward.store, sent, 'sent');
    expect(fake.callsTo('chat.postMessage').at(-1)?.token).toBe(TOKEN);

    fake.failNext('chat.postMessage', { status: 503 });
    fake.failNext('chat.postMessage', { status: 429, retryAfter: 3_600 });
    const waiting = (await sendCard(steward.store, tenant.id)).message;
    await eventually(
      async () =>
        expect(await steward.store.outbox.get(tenant.id, waiting.id)).toMatchObject({ lastError: 'ratelimited' }),
      8_000,
    );

    fake.revokeToken(TOKEN);
    const callsBefore = fake.calls.length;
    expect((await postToSlackEndpoint(steward.url, asEvent(slackFixture('app-uninstalled.json')))).status).toBe(200);
    expect(await settled(steward.store, waiting, 'cancelled')).toMatchObject({ lastError: 'app_uninstalled' });
    const later = (await sendCard(steward.store, tenant.id)).message;
    expect(await settled(steward.store, later, 'failed')).toMatchObject({ lastError: 'token_revoked' });
    expect(fake.calls.slice(callsBefore)).toEqual([]);
    // The tenant stays: a reinstall finds it again.
    expect(await steward.store.installations.find('slack', TEAM)).toMatchObject({
      tenantId: tenant.id,
      revokedAt: expect.any(Date),
    });
  });
});

describe('start-up while Slack is down (single-workspace token mode)', () => {
  const fake = new FakeSlack({ workspaces: [{ id: TEAM, token: TOKEN, scopes: null }] });
  let dataDir: string;

  beforeAll(async () => {
    await fake.start();
    fake.addUser({ id: 'U0ALICE', realName: 'Alice Martin' });
    fake.addChannel({ id: 'C0DESIGN', members: ['U0ALICE'], botIsMember: true });
    dataDir = await mkdtemp(join(tmpdir(), 'steward-slack-down-'));
  });
  afterAll(async () => {
    await fake.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('starts, accepts signed events and stores them, says Slack is degraded, then recovers', {
    timeout: 120_000,
  }, async () => {
    // A first start with Slack up: the workspace becomes a tenant with one group.
    const first = await startStewardWithSlack(fake, { SLACK_BOT_TOKEN: TOKEN }, { dataDir });
    const tenantId = (await first.steward.store.installations.find('slack', TEAM))!.tenantId;
    const owner = aPerson(tenantId, { identities: [alice] });
    await first.steward.store.people.save(owner);
    const group = aGroup(tenantId, [owner.id], {
      platformRef: { platform: 'slack', workspaceId: TEAM, id: 'C0DESIGN' },
    });
    await first.steward.store.groups.save(group);
    await first.dispose();

    // Slack answers 503 to the next start's auth.test, and to its first retry.
    fake.failNext('auth.test', { status: 503 });
    fake.failNext('auth.test', { status: 503 });
    const started = Date.now();
    const { steward, dispose } = await startStewardWithSlack(
      fake,
      { SLACK_BOT_TOKEN: TOKEN },
      { dataDir, waitForSlack: false },
    );
    try {
      expect(Date.now() - started).toBeLessThan(15_000);
      const degraded = await eventually(async () => {
        const now = await health(steward);
        expect(now.body.platforms['slack']?.state).toBe('degraded');
        return now;
      });
      expect(degraded.status).toBe(200);
      expect(degraded.body.platforms['slack']?.detail).toContain('http_503');

      // Verified by its signature and taken, with the workspace and bot the last start learnt.
      expect((await postToSlackEndpoint(steward.url, asEvent(slackFixture('message.json')))).status).toBe(200);
      const range = { from: '2026-01-01', to: '2026-12-31' };
      await eventually(
        async () =>
          expect((await steward.store.contributions.groupDays(tenantId, group.id, range))[0]).toMatchObject({
            posts: 1,
          }),
        8_000,
      );
      // Another workspace's requests are still refused.
      expect(
        (await postToSlackEndpoint(steward.url, asEvent(fromWorkspace(slackFixture('message.json'), 'T0STRANGER'))))
          .status,
      ).toBe(401);

      // Slack is back: auth.test is tried again in the background, and the state is ok.
      await eventually(
        async () => expect((await health(steward)).body.platforms['slack']).toEqual({ state: 'ok' }),
        10_000,
      );
      expect(
        fake
          .callsTo('auth.test')
          .slice(-3)
          .map((call) => call.outcome),
      ).toEqual(['http_503', 'http_503', 'ok']);
    } finally {
      await dispose();
    }
  });
});
