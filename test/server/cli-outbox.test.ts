import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../core/src/domain/ids.ts';
import type { Store } from '../../core/src/ports/store/index.ts';
import type { OutboxMessage } from '../../core/src/ports/store/outbox.ts';
import { steward } from '../support/cli-process.ts';
import { anOutboxMessage, aTenant } from '../support/factories.ts';
import { aServerDatabase, type ServerDatabase, withStoreOf } from '../support/server-database.ts';

const at = (iso: string) => new Date(iso);

/** A message whose payload holds a text a person was sent: the listing must never print it. */
const aMessage = (tenantId: string, overrides: Partial<OutboxMessage> = {}) =>
  anOutboxMessage(tenantId, {
    payload: { to: { platform: 'slack', workspaceId: 'T1', userId: 'U1' }, text: 'a private weekly card' },
    createdAt: at('2026-03-02T09:00:00Z'),
    ...overrides,
  });

/** `steward outbox` on the real CLI process, against PGlite or (with TEST_DATABASE_URL) PostgreSQL. */
describe('steward outbox', { timeout: 240_000 }, () => {
  let database: ServerDatabase;
  const tenant = aTenant({ name: 'Outbox Co' });

  beforeAll(async () => {
    database = await aServerDatabase('steward-cli-outbox-');
    await withStore((store) => store.tenants.save(tenant));
  });
  afterAll(() => database.drop());

  const withStore = <T>(use: (store: Store) => Promise<T>) => withStoreOf(database, use);

  /** A message of the tenant that failed with `error`. */
  const aFailedMessage = (error: string) =>
    withStore(async (store) => {
      const message = aMessage(tenant.id, { attempts: 10 });
      await store.outbox.enqueue(message);
      await store.outbox.markFailed(tenant.id, message.id, at('2026-03-02T09:05:00Z'), error);
      return message;
    });

  it('lists what is stuck: the failed messages without their text, and the parked inbox events', async () => {
    const failed = await aFailedMessage('channel_not_found');
    const eventId = `Ev${newId()}`;
    await withStore((store) =>
      store.inbox.accept([
        {
          platform: 'slack',
          workspaceId: 'T1',
          eventId,
          kind: 'slack.unknown',
          payload: {},
          receivedAt: at('2026-03-02T10:00:00Z'),
          problem: 'unreadable payload',
        },
      ]),
    );

    const run = await steward(['outbox', 'list', '--tenant', tenant.id], database.env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(
      new RegExp(
        `${failed.id}\\s+${tenant.id}\\s+slack\\s+send_card\\s+failed\\s+10 tries\\s+2026-03-02 09:05 UTC\\s+channel_not_found`,
      ),
    );
    expect(run.stdout).toMatch(
      new RegExp(`slack:T1:${eventId}\\s+slack.unknown\\s+2026-03-02 10:00 UTC\\s+unreadable payload`),
    );
    expect(run.stdout).not.toContain('a private weekly card');
  });

  it('retries a failed message: pending again with its tries back to 0, audited', async () => {
    const failed = await aFailedMessage('ratelimited');
    const run = await steward(['outbox', 'retry', failed.id], database.env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('1 messages will be tried again.');
    await withStore(async (store) => {
      expect(await store.outbox.get(tenant.id, failed.id)).toMatchObject({ status: 'pending', attempts: 0 });
      const audited = await store.audit.list(tenant.id, { limit: 100 });
      expect(
        audited.find((entry) => entry.action === 'outbox.retried' && String(entry.details['ids']).includes(failed.id)),
      ).toBeDefined();
    });
  });

  it('names what it could not retry and exits 1', async () => {
    const unknown = newId();
    const run = await steward(['outbox', 'retry', unknown], database.env);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`1 not failed (left as they are): ${unknown}`);
  });

  it('cancels a pending message with the reason given', async () => {
    const pending = aMessage(tenant.id);
    await withStore((store) => store.outbox.enqueue(pending).then(() => undefined));
    const run = await steward(['outbox', 'cancel', pending.id, '--reason', 'owner left'], database.env);
    expect(run.code, run.stderr).toBe(0);
    await withStore(async (store) =>
      expect(await store.outbox.get(tenant.id, pending.id)).toMatchObject({
        status: 'cancelled',
        lastError: 'owner left',
      }),
    );
  });

  it('refuses bad usage with exit 2: ids and --all-failed together, an unknown status', async () => {
    const both = await steward(['outbox', 'retry', newId(), '--all-failed'], database.env);
    expect(both.code).toBe(2);
    expect(both.stderr.trim()).toBe('steward: name the messages to retry, or give --all-failed (not both)');
    const status = await steward(['outbox', 'list', '--status', 'sent'], database.env);
    expect(status.code).toBe(2);
    expect(status.stderr).toContain("argument 'sent' is invalid. Allowed choices are failed, pending, cancelled.");
  });
});
