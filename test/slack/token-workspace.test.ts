import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TokenWorkspace } from '../../apps/slack/src/token-workspace.ts';
import { type CoreDeps, enqueue, PlatformError, type Store, systemClock } from '../../core/src/index.ts';
import { openTemporaryEmbeddedStore } from '../support/embedded-store.ts';
import { eventually } from '../support/eventually.ts';
import { FakeSlack } from '../support/fake-slack/index.ts';
import { silentLogger } from '../support/silent-logger.ts';

const TEAM = 'T0MISSED';
const TOKEN = 'xoxb-missed';

describe('the workspace of a configured Slack bot token', () => {
  const fake = new FakeSlack({ workspaces: [{ id: TEAM, token: TOKEN, scopes: null }] });
  let store: Store;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    await fake.start();
    ({ store, dispose } = await openTemporaryEmbeddedStore());
  });
  afterAll(async () => {
    await dispose();
    await fake.stop();
  });

  it('takes a token Slack calls revoked at start as a missed tokens_revoked: revoked, its messages cancelled, no more calls', async () => {
    const deps: CoreDeps = { store, clock: systemClock };
    // What an earlier start learnt and kept.
    const first = new TokenWorkspace({ botToken: TOKEN, deps, logger: silentLogger, apiUrl: fake.url });
    await first.start();
    await eventually(async () => expect(await first.health()).toEqual({ state: 'ok' }));
    await first.stop();
    const { tenantId } = (await store.installations.find('slack', TEAM))!;
    const { message } = await enqueue(deps, tenantId, 'slack', {
      operation: 'send_card',
      payload: {
        to: { platform: 'slack', workspaceId: TEAM, userId: 'U1' },
        card: { locale: 'en', title: 't', summary: 't', blocks: [] },
      },
    });

    // Revoked while the service was stopped: the event never came.
    fake.revokeToken(TOKEN);
    const workspace = new TokenWorkspace({ botToken: TOKEN, deps, logger: silentLogger, apiUrl: fake.url });
    await workspace.start();
    try {
      await eventually(async () => expect((await workspace.health()).detail).toContain('token_revoked'));
      expect(fake.callsTo('auth.test').at(-1)?.outcome).toBe('token_revoked');
      expect((await store.installations.find('slack', TEAM))?.revokedAt).toEqual(expect.any(Date));
      expect(await store.outbox.get(tenantId, message.id)).toMatchObject({
        status: 'cancelled',
        lastError: 'token_revoked',
      });

      const calls = fake.calls.length;
      await expect(workspace.tokenFor(TEAM)).rejects.toThrow(PlatformError);
      await expect(workspace.tokenFor(TEAM)).rejects.toMatchObject({ code: 'token_revoked', permanent: true });
      expect(await workspace.authorize({ teamId: TEAM })).toEqual({ botUserId: fake.botUserId, botId: 'B0FAKEBOT' });
      expect(fake.calls.length).toBe(calls);
    } finally {
      await workspace.stop();
    }
    // A new token for the workspace (installed again) makes it live again.
    fake.addWorkspace({ id: TEAM, token: 'xoxb-new' });
    const reinstalled = new TokenWorkspace({ botToken: 'xoxb-new', deps, logger: silentLogger, apiUrl: fake.url });
    await reinstalled.start();
    await eventually(async () => expect(await reinstalled.health()).toEqual({ state: 'ok' }));
    await reinstalled.stop();
    expect(await store.installations.find('slack', TEAM)).toMatchObject({ tenantId, revokedAt: null });
  });
});
