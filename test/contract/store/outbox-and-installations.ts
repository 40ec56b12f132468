import { describe, expect, it, onTestFinished } from 'vitest';
import { newId } from '../../../core/src/domain/ids.ts';
import { SENT_PAYLOAD_TEXTS } from '../../../core/src/domain/outbox-texts.ts';
import type { Installation } from '../../../core/src/ports/store/installations.ts';
import type { OutboxMessage } from '../../../core/src/ports/store/outbox.ts';
import { aTenant } from '../../support/factories.ts';
import { type GetStore, inParallel } from './context.ts';

const MINUTE = 60_000;
const at = (iso: string) => new Date(iso);
const later = (date: Date, ms: number) => new Date(date.getTime() + ms);

/** Not before 2030: no claim in these tests, nor a worker on today's clock, finds it due. */
const NOT_YET = at('2030-01-01T00:00:00Z');

function aMessage(tenantId: string, notBefore: Date, overrides: Partial<OutboxMessage> = {}): OutboxMessage {
  return {
    id: newId(),
    tenantId,
    platform: 'slack',
    operation: 'send_card',
    // Payloads are JSON: strings, numbers, booleans, null, arrays and objects come back as they went.
    payload: {
      to: { platform: 'slack', workspaceId: 'T1', userId: 'U1' },
      card: { title: 'Your weekly hour — 3 things', sections: [{ kind: 'requests', count: 2 }], urgent: false },
      note: null,
    },
    workspaceId: 'T1',
    groupId: null,
    dedupeKey: null,
    status: 'pending',
    attempts: 0,
    createdAt: notBefore,
    notBefore,
    lockedUntil: null,
    doneAt: null,
    result: null,
    lastError: null,
    ...overrides,
  };
}

function anInstallation(tenantId: string, overrides: Partial<Installation> = {}): Installation {
  return {
    platform: 'slack',
    workspaceId: `T${newId()}`,
    tenantId,
    enterpriseInstall: false,
    installedAt: at('2026-03-01T09:00:00Z'),
    secrets: { botToken: 'xoxb-1', botUserId: 'U0BOT', scopes: ['chat:write', 'users:read'], user: null },
    revokedAt: null,
    ...overrides,
  };
}

export function outboxAndInstallationsContract(store: GetStore) {
  async function aSavedTenant(): Promise<string> {
    const tenant = aTenant();
    await store().tenants.save(tenant);
    return tenant.id;
  }

  // claimDue serves every tenant at once, so each claiming test lives in a year of its own, long
  // past (other tests' messages are due in 2030), and fails what is still pending when it ends,
  // passed or not: no later test, nor a later run on a kept database, finds its messages due.
  async function enqueueForClaiming(...messages: OutboxMessage[]): Promise<void> {
    onTestFinished(async () => {
      for (const m of messages) await store().outbox.markFailed(m.tenantId, m.id, m.notBefore, 'test_finished');
    });
    for (const m of messages) expect((await store().outbox.enqueue(m)).created).toBe(true);
  }

  async function claim(tenantIds: string[], now: Date, limit: number, lockMs = MINUTE): Promise<OutboxMessage[]> {
    return (await store().outbox.claimDue(now, limit, lockMs)).filter((m) => tenantIds.includes(m.tenantId));
  }

  describe('outbox', () => {
    it('enqueues a message and reads it back in its tenant only', async () => {
      const tenantId = await aSavedTenant();
      const other = await aSavedTenant();
      const message = aMessage(tenantId, NOT_YET, { dedupeKey: `weekly-card:${newId()}:2026-W10` });
      expect(await store().outbox.enqueue(message)).toEqual({ created: true, message });
      expect(await store().outbox.get(tenantId, message.id)).toEqual(message);
      expect(await store().outbox.get(tenantId, newId())).toBeNull();

      expect(await store().outbox.get(other, message.id)).toBeNull();
      await store().outbox.markSent(other, message.id, NOT_YET, { ts: '1' });
      await store().outbox.retryLater(other, message.id, {
        notBefore: later(NOT_YET, MINUTE),
        error: 'rate_limited',
        counted: false,
      });
      expect(
        await store().outbox.cancelPending(other, { platform: 'slack', workspaceId: 'T1' }, NOT_YET, 'app_uninstalled'),
      ).toBe(0);
      await store().outbox.markFailed(other, message.id, NOT_YET, 'channel_not_found');
      expect(await store().outbox.listFailed(other, 10)).toEqual([]);
      expect(await store().outbox.get(tenantId, message.id)).toEqual(message);
    });

    it('keeps payloads and results as JSON: a date comes back as its ISO string', async () => {
      const tenantId = await aSavedTenant();
      const message = aMessage(tenantId, NOT_YET, { payload: { dueAt: at('2026-03-02T09:00:00Z') } });
      const { message: stored } = await store().outbox.enqueue(message);
      expect(stored.payload).toEqual({ dueAt: '2026-03-02T09:00:00.000Z' });
      await store().outbox.markSent(tenantId, message.id, NOT_YET, { postedAt: at('2026-03-02T09:00:01Z') });
      expect((await store().outbox.get(tenantId, message.id))?.result).toEqual({
        postedAt: '2026-03-02T09:00:01.000Z',
      });
    });

    it('keeps the first message of a dedupe key, per tenant, and never matches messages without a key', async () => {
      const tenantId = await aSavedTenant();
      const other = await aSavedTenant();
      const key = `weekly-card:${newId()}:2026-W11`;
      const first = aMessage(tenantId, NOT_YET, { dedupeKey: key });
      const second = aMessage(tenantId, later(NOT_YET, MINUTE), { dedupeKey: key, payload: { other: true } });
      expect(await store().outbox.enqueue(first)).toEqual({ created: true, message: first });
      expect(await store().outbox.enqueue(second)).toEqual({ created: false, message: first });
      expect(await store().outbox.get(tenantId, second.id)).toBeNull();

      const elsewhere = aMessage(other, NOT_YET, { dedupeKey: key });
      expect(await store().outbox.enqueue(elsewhere)).toEqual({ created: true, message: elsewhere });

      const unkeyed = [aMessage(tenantId, NOT_YET), aMessage(tenantId, NOT_YET)];
      for (const m of unkeyed) expect(await store().outbox.enqueue(m)).toEqual({ created: true, message: m });
      for (const m of unkeyed) expect(await store().outbox.get(tenantId, m.id)).toEqual(m);
    });

    it('claims one platform’s messages only, for that platform’s lane', async () => {
      const tenantId = await aSavedTenant();
      const due = at('2007-05-01T10:00:00Z');
      const slack = aMessage(tenantId, due);
      const teams = aMessage(tenantId, due, { platform: 'teams' });
      await enqueueForClaiming(slack, teams);
      const claimTeams = async () =>
        (await store().outbox.claimDue(later(due, MINUTE), 10, MINUTE, 'teams')).filter((m) => m.tenantId === tenantId);
      expect((await claimTeams()).map((m) => m.id)).toEqual([teams.id]);
      expect(await claimTeams()).toEqual([]);
      expect((await claim([tenantId], later(due, MINUTE), 10)).map((m) => m.id)).toEqual([slack.id]);
    });

    it('creates one message per dedupe key however many enqueue it at once', async () => {
      const tenantId = await aSavedTenant();
      const key = `invite:${newId()}`;
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          store().outbox.enqueue(aMessage(tenantId, later(NOT_YET, i * MINUTE), { dedupeKey: key })),
        ),
      );
      expect(results.filter((r) => r.created)).toHaveLength(1);
      const winner = results.find((r) => r.created)!.message;
      for (const result of results) expect(result.message).toEqual(winner);
    });

    it('enqueues many messages of a tenant at once, saying for each in order whether it was created', async () => {
      const tenantId = await aSavedTenant();
      const other = await aSavedTenant();
      const [fresh, taken, twice] = ['fresh', 'taken', 'twice'].map((k) => `weekly-card:${k}:${newId()}`) as [
        string,
        string,
        string,
      ];
      const before = aMessage(tenantId, NOT_YET, { dedupeKey: taken });
      await store().outbox.enqueue(before);
      // The other tenant holds the keys this batch creates: keys are per tenant.
      const theirs = [fresh, twice].map((dedupeKey) => aMessage(other, NOT_YET, { dedupeKey }));
      expect(await store().outbox.enqueueMany(other, theirs)).toEqual([true, true]);

      // Every field goes in and comes back as given, times to the millisecond.
      const full = aMessage(tenantId, at('2030-01-02T03:04:05.678Z'), {
        operation: 'update_card',
        platform: 'teams',
        workspaceId: 'b28fdbfd-2b78-4f93-b0f8-8881793f0f8f',
        groupId: 'da849743-4259-475f-ae7a-4f4b0fb49943/19:channel@thread.tacv2',
        dedupeKey: fresh,
        attempts: 3,
        createdAt: at('2030-01-01T00:00:00.001Z'),
        lockedUntil: at('2030-01-02T03:05:00.999Z'),
        result: { conversationId: 'D1', ids: [1, 2], ok: true, nothing: null },
        lastError: 'rate_limited',
      });
      const batch = [
        full,
        aMessage(tenantId, NOT_YET),
        aMessage(tenantId, NOT_YET, { dedupeKey: taken, payload: { other: true } }),
        aMessage(tenantId, NOT_YET, { dedupeKey: twice }),
        aMessage(tenantId, NOT_YET),
        aMessage(tenantId, later(NOT_YET, MINUTE), { dedupeKey: twice, payload: { second: true } }),
        aMessage(tenantId, NOT_YET, { dedupeKey: fresh }),
      ];
      expect(await store().outbox.enqueueMany(tenantId, batch)).toEqual([true, true, false, true, true, false, false]);
      for (const [i, m] of batch.entries()) {
        expect(await store().outbox.get(tenantId, m.id)).toEqual([0, 1, 3, 4].includes(i) ? m : null);
      }
      expect(await store().outbox.get(tenantId, before.id)).toEqual(before);
      for (const m of theirs) expect(await store().outbox.get(other, m.id)).toEqual(m);
      expect(await store().outbox.enqueue(aMessage(tenantId, NOT_YET, { dedupeKey: twice }))).toEqual({
        created: false,
        message: batch[3],
      });

      // Enqueued again, nothing is created and nothing changes.
      expect(await store().outbox.enqueueMany(tenantId, [batch[3]!, batch[0]!])).toEqual([false, false]);
      expect(await store().outbox.get(tenantId, full.id)).toEqual(full);
      expect(await store().outbox.enqueueMany(tenantId, [])).toEqual([]);
    });

    it('creates one message per dedupe key however many enqueue the same batch at once, in any order', async () => {
      const tenantId = await aSavedTenant();
      const keys = Array.from({ length: 100 }, (_, i) => `weekly-card:${newId()}:${i}`);
      const batches = Array.from({ length: 6 }, (_, racer) => {
        const rotated = [...keys.slice(racer * 7), ...keys.slice(0, racer * 7)];
        const order = racer % 2 === 1 ? rotated.reverse() : rotated;
        // Each racer's messages of its own time, so the stored one tells whose it is; one without a key.
        const messages = order.map((dedupeKey) => aMessage(tenantId, later(NOT_YET, racer * MINUTE), { dedupeKey }));
        return [...messages, aMessage(tenantId, NOT_YET)];
      });
      await inParallel(6, () => store().outbox.get(tenantId, newId()));
      const results = await Promise.all(batches.map((batch) => store().outbox.enqueueMany(tenantId, batch)));

      for (const result of results) {
        expect(result).toHaveLength(keys.length + 1);
        expect(result.at(-1)).toBe(true);
      }
      for (const key of keys) {
        const creators = batches.flatMap((batch, racer) =>
          batch.filter((m, i) => m.dedupeKey === key && results[racer]![i]).map((m) => ({ racer, m })),
        );
        expect(creators).toHaveLength(1);
        expect(await store().outbox.get(tenantId, creators[0]!.m.id)).toEqual(creators[0]!.m);
        const losers = batches.flat().filter((m) => m.dedupeKey === key && m !== creators[0]!.m);
        for (const m of losers) expect(await store().outbox.get(tenantId, m.id)).toBeNull();
      }
      for (const batch of batches) expect(await store().outbox.get(tenantId, batch.at(-1)!.id)).toEqual(batch.at(-1));
    });

    it('claims due pending messages of every tenant, oldest first, locking each and counting the attempt', async () => {
      const a = await aSavedTenant();
      const b = await aSavedTenant();
      const now = at('2001-03-01T12:00:00Z');
      const earliest = aMessage(a, at('2001-03-01T09:00:00Z'));
      const otherTenants = aMessage(b, at('2001-03-01T10:00:00Z'));
      const tiedOlder = aMessage(a, at('2001-03-01T11:00:00Z'), { createdAt: at('2001-03-01T08:00:00Z') });
      const tiedNewer = aMessage(a, at('2001-03-01T11:00:00Z'), { createdAt: at('2001-03-01T08:30:00Z') });
      const notYetDue = aMessage(a, at('2001-03-01T13:00:00Z'), { createdAt: at('2001-03-01T07:00:00Z') });
      await enqueueForClaiming(notYetDue, tiedNewer, earliest, tiedOlder, otherTenants);

      const claimed = (m: OutboxMessage) => ({ ...m, attempts: 1, lockedUntil: later(now, MINUTE) });
      expect(await claim([a, b], now, 2)).toEqual([claimed(earliest), claimed(otherTenants)]);
      expect(await claim([a, b], now, 10)).toEqual([claimed(tiedOlder), claimed(tiedNewer)]);
      // All locked for a minute, and the last one not due before 13:00.
      expect(await claim([a, b], later(now, 30_000), 10)).toEqual([]);
      expect(await store().outbox.get(a, earliest.id)).toEqual(claimed(earliest));
      expect(await store().outbox.get(a, notYetDue.id)).toEqual(notYetDue);
    });

    it('never hands the same message to two claimers at once', async () => {
      const tenantId = await aSavedTenant();
      const now = at('2002-03-01T12:00:00Z');
      const messages = Array.from({ length: 20 }, (_, i) => aMessage(tenantId, later(now, -(20 - i) * MINUTE)));
      await enqueueForClaiming(...messages);

      const claims = await Promise.all(Array.from({ length: 4 }, () => claim([tenantId], now, 10)));
      const ids = claims.flat().map((m) => m.id);
      expect(ids).toHaveLength(20);
      expect(new Set(ids)).toEqual(new Set(messages.map((m) => m.id)));
      for (const m of claims.flat()) expect(m.attempts).toBe(1);
      for (const batch of claims) {
        const times = batch.map((m) => m.notBefore.getTime());
        expect(times).toEqual([...times].sort((x, y) => x - y));
      }
    });

    it('hands a message whose lock has expired (a crashed worker) to the next claimer', async () => {
      const tenantId = await aSavedTenant();
      const now = at('2003-03-01T12:00:00Z');
      const message = aMessage(tenantId, at('2003-03-01T11:00:00Z'));
      await enqueueForClaiming(message);

      expect(await claim([tenantId], now, 10)).toEqual([{ ...message, attempts: 1, lockedUntil: later(now, MINUTE) }]);
      expect(await claim([tenantId], later(now, 59_000), 10)).toEqual([]);
      const retakenAt = later(now, 5 * MINUTE);
      expect(await claim([tenantId], retakenAt, 10, 2 * MINUTE)).toEqual([
        { ...message, attempts: 2, lockedUntil: later(retakenAt, 2 * MINUTE) },
      ]);
    });

    it('records a sent message with its result and never claims it again', async () => {
      const tenantId = await aSavedTenant();
      const now = at('2004-03-01T12:00:00Z');
      const message = aMessage(tenantId, at('2004-03-01T11:00:00Z'));
      await enqueueForClaiming(message);
      await claim([tenantId], now, 10);

      const sentAt = later(now, 2_000);
      await store().outbox.markSent(tenantId, message.id, sentAt, {
        conversationId: 'D1',
        messageId: '1709294400.000100',
      });
      const sent = {
        ...message,
        status: 'sent',
        attempts: 1,
        doneAt: sentAt,
        result: { conversationId: 'D1', messageId: '1709294400.000100' },
        // Delivered, the card's texts are forgotten; where it went stays.
        payload: Object.fromEntries(
          Object.entries(message.payload).filter(([key]) => !SENT_PAYLOAD_TEXTS.includes(key)),
        ),
      };
      expect(sent.payload).not.toHaveProperty('card');
      expect(await store().outbox.get(tenantId, message.id)).toEqual(sent);
      expect(await claim([tenantId], at('2004-12-31T00:00:00Z'), 10)).toEqual([]);

      // A worker whose lock expired reports late: the message stays sent.
      await store().outbox.retryLater(tenantId, message.id, {
        notBefore: later(now, MINUTE),
        error: 'timeout',
        counted: true,
      });
      await store().outbox.markFailed(tenantId, message.id, later(now, MINUTE), 'timeout');
      expect(await store().outbox.get(tenantId, message.id)).toEqual(sent);
    });

    it('puts a message back for later with its error and the lock released', async () => {
      const tenantId = await aSavedTenant();
      const now = at('2005-03-01T12:00:00Z');
      const message = aMessage(tenantId, at('2005-03-01T11:00:00Z'));
      await enqueueForClaiming(message);
      await claim([tenantId], now, 10);

      const retryAt = later(now, 10 * MINUTE);
      await store().outbox.retryLater(tenantId, message.id, {
        notBefore: retryAt,
        error: 'unexpected_error',
        counted: true,
      });
      const waiting = { ...message, attempts: 1, notBefore: retryAt, lastError: 'unexpected_error' };
      expect(await store().outbox.get(tenantId, message.id)).toEqual(waiting);
      expect(await claim([tenantId], later(now, 5 * MINUTE), 10)).toEqual([]);
      expect(await claim([tenantId], retryAt, 10)).toEqual([
        { ...waiting, attempts: 2, lockedUntil: later(retryAt, MINUTE) },
      ]);
    });

    it('gives back the attempt of a try that did not count (the platform failed), never below zero', async () => {
      const tenantId = await aSavedTenant();
      const now = at('2005-06-01T12:00:00Z');
      const message = aMessage(tenantId, at('2005-06-01T11:00:00Z'));
      const unclaimed = aMessage(tenantId, NOT_YET);
      await enqueueForClaiming(message);
      await store().outbox.enqueue(unclaimed);
      expect((await claim([tenantId], now, 10)).map((m) => m.id)).toEqual([message.id]);

      const retryAt = later(now, 30_000);
      await store().outbox.retryLater(tenantId, message.id, {
        notBefore: retryAt,
        error: 'ratelimited',
        counted: false,
      });
      expect(await store().outbox.get(tenantId, message.id)).toEqual({
        ...message,
        attempts: 0,
        notBefore: retryAt,
        lastError: 'ratelimited',
      });
      expect((await claim([tenantId], retryAt, 10)).map((m) => [m.id, m.attempts])).toEqual([[message.id, 1]]);

      await store().outbox.retryLater(tenantId, unclaimed.id, {
        notBefore: NOT_YET,
        error: 'ratelimited',
        counted: false,
      });
      expect((await store().outbox.get(tenantId, unclaimed.id))?.attempts).toBe(0);
    });

    it('records a failed message with its error and never claims it again', async () => {
      const tenantId = await aSavedTenant();
      const now = at('2006-03-01T12:00:00Z');
      const message = aMessage(tenantId, at('2006-03-01T11:00:00Z'));
      await enqueueForClaiming(message);
      await claim([tenantId], now, 10);

      const failedAt = later(now, 3_000);
      await store().outbox.markFailed(tenantId, message.id, failedAt, 'channel_not_found');
      const failed = { ...message, status: 'failed', attempts: 1, doneAt: failedAt, lastError: 'channel_not_found' };
      expect(await store().outbox.get(tenantId, message.id)).toEqual(failed);
      expect(await claim([tenantId], at('2006-12-31T00:00:00Z'), 10)).toEqual([]);

      await store().outbox.markSent(tenantId, message.id, later(now, MINUTE), { late: true });
      expect(await store().outbox.get(tenantId, message.id)).toEqual(failed);
    });

    it('cancels a workspace’s pending messages with a reason, and no one else’s', async () => {
      const tenantId = await aSavedTenant();
      const other = await aSavedTenant();
      const now = at('2008-03-01T12:00:00Z');
      const due = at('2008-03-01T11:00:00Z');
      const toT1 = [aMessage(tenantId, due), aMessage(tenantId, due, { operation: 'post_in_group', groupId: 'C1' })];
      // Due first, so that the claim below takes these two.
      const held = aMessage(tenantId, at('2008-03-01T10:00:00Z'));
      const sent = aMessage(tenantId, at('2008-03-01T10:00:00Z'));
      const untouched = [
        aMessage(tenantId, due, { workspaceId: 'T2' }),
        aMessage(tenantId, due, { platform: 'teams' }),
        aMessage(other, due),
      ];
      await enqueueForClaiming(held, sent, ...toT1, ...untouched);
      // One held by a worker right now, one already sent.
      expect((await claim([tenantId], now, 2)).map((m) => m.id).sort()).toEqual([held.id, sent.id].sort());
      await store().outbox.markSent(tenantId, sent.id, now, { ts: '1' });

      const cancelledAt = later(now, MINUTE);
      expect(
        await store().outbox.cancelPending(
          tenantId,
          { platform: 'slack', workspaceId: 'T1' },
          cancelledAt,
          'tokens_revoked',
        ),
      ).toBe(3);
      for (const m of [...toT1, held]) {
        expect(await store().outbox.get(tenantId, m.id)).toMatchObject({
          status: 'cancelled',
          doneAt: cancelledAt,
          lastError: 'tokens_revoked',
          lockedUntil: null,
        });
      }
      expect(await store().outbox.get(tenantId, sent.id)).toMatchObject({ status: 'sent', lastError: null });
      // Never claimed again, and a late report from the worker that held one changes nothing.
      const stillDue = await claim([tenantId, other], later(now, 10 * MINUTE), 10);
      expect(stillDue.map((m) => m.id).sort()).toEqual(untouched.map((m) => m.id).sort());
      await store().outbox.markSent(tenantId, held.id, later(now, 2 * MINUTE), { ts: '2' });
      await store().outbox.retryLater(tenantId, held.id, {
        notBefore: later(now, 3 * MINUTE),
        error: 'ratelimited',
        counted: false,
      });
      expect(await store().outbox.get(tenantId, held.id)).toMatchObject({
        status: 'cancelled',
        lastError: 'tokens_revoked',
        result: null,
      });
      expect(
        await store().outbox.cancelPending(
          tenantId,
          { platform: 'slack', workspaceId: 'T1' },
          cancelledAt,
          'app_uninstalled',
        ),
      ).toBe(0);
    });

    it('cancels only the pending messages about one group when told so', async () => {
      const tenantId = await aSavedTenant();
      const team = 'da849743-4259-475f-ae7a-4f4b0fb49943';
      const teams = { platform: 'teams' as const, workspaceId: 'b28fdbfd' };
      const post = aMessage(tenantId, NOT_YET, { ...teams, operation: 'post_in_group', groupId: team });
      const invite = aMessage(tenantId, NOT_YET, { ...teams, operation: 'invite_member', groupId: team });
      const elsewhere = aMessage(tenantId, NOT_YET, { ...teams, operation: 'post_in_group', groupId: 'another-team' });
      const direct = aMessage(tenantId, NOT_YET, { ...teams });
      for (const m of [post, invite, elsewhere, direct]) await store().outbox.enqueue(m);

      expect(
        await store().outbox.cancelPending(tenantId, { ...teams, groupId: team }, NOT_YET, 'app_removed_from_team'),
      ).toBe(2);
      for (const m of [post, invite]) expect((await store().outbox.get(tenantId, m.id))?.status).toBe('cancelled');
      for (const m of [elsewhere, direct]) expect(await store().outbox.get(tenantId, m.id)).toEqual(m);
    });

    it('lists a tenant’s failed messages, newest failure first, up to a limit', async () => {
      const tenantId = await aSavedTenant();
      const other = await aSavedTenant();
      const [first, second, third, sent] = Array.from({ length: 4 }, () => aMessage(tenantId, NOT_YET));
      const elsewhere = aMessage(other, NOT_YET);
      for (const m of [first!, second!, third!, sent!, elsewhere]) await store().outbox.enqueue(m);
      const failedAt = (minute: number) => later(NOT_YET, minute * MINUTE);
      await store().outbox.markFailed(tenantId, second!.id, failedAt(2), 'missing_scope');
      await store().outbox.markFailed(tenantId, first!.id, failedAt(1), 'channel_not_found');
      await store().outbox.markFailed(tenantId, third!.id, failedAt(3), 'user_not_found');
      await store().outbox.markSent(tenantId, sent!.id, failedAt(4), {});
      await store().outbox.markFailed(other, elsewhere.id, failedAt(5), 'channel_not_found');

      const failed = (m: OutboxMessage, minute: number, error: string) => ({
        ...m,
        status: 'failed',
        doneAt: failedAt(minute),
        lastError: error,
      });
      expect(await store().outbox.listFailed(tenantId, 10)).toEqual([
        failed(third!, 3, 'user_not_found'),
        failed(second!, 2, 'missing_scope'),
        failed(first!, 1, 'channel_not_found'),
      ]);
      expect((await store().outbox.listFailed(tenantId, 2)).map((m) => m.id)).toEqual([third!.id, second!.id]);
      expect((await store().outbox.listFailed(other, 10)).map((m) => m.id)).toEqual([elsewhere.id]);
    });

    it('counts the messages waiting and given up on, by platform, across tenants, and never the sent or cancelled', async () => {
      // Other tests' messages share the store: what this test adds is the difference.
      const count = async () =>
        Object.fromEntries(
          (await store().outbox.countWaiting()).map((row) => [`${row.platform}:${row.status}`, row.count]),
        );
      const before = await count();
      const [a, b] = [await aSavedTenant(), await aSavedTenant()];
      const messages = [
        aMessage(a, NOT_YET),
        aMessage(b, NOT_YET),
        aMessage(a, NOT_YET, { platform: 'teams' }),
        aMessage(a, NOT_YET, { platform: 'teams' }),
        aMessage(b, NOT_YET),
        aMessage(b, NOT_YET),
      ];
      for (const m of messages) await store().outbox.enqueue(m);
      // b's other Slack messages (the second and the last) are cancelled by the uninstall below.
      const [, , , failed, sent] = messages;
      await store().outbox.markFailed(a, failed!.id, NOT_YET, 'channel_not_found');
      await store().outbox.markSent(b, sent!.id, NOT_YET, {});
      await store().outbox.cancelPending(b, { platform: 'slack', workspaceId: 'T1' }, NOT_YET, 'app_uninstalled');

      const after = await count();
      const added = (key: string) => (after[key] ?? 0) - (before[key] ?? 0);
      expect({
        slackPending: added('slack:pending'),
        teamsPending: added('teams:pending'),
        teamsFailed: added('teams:failed'),
        slackFailed: added('slack:failed'),
      }).toEqual({
        slackPending: 1,
        teamsPending: 1,
        teamsFailed: 1,
        slackFailed: 0,
      });
      expect(Object.keys(after).every((key) => /^(slack|teams):(pending|failed)$/.test(key))).toBe(true);
    });
  });

  describe('installations', () => {
    it('saves an installation, finds it by platform and workspace alone, and replaces it', async () => {
      const a = await aSavedTenant();
      const b = await aSavedTenant();
      const installation = anInstallation(a);
      await store().installations.save(installation);
      expect(await store().installations.find('slack', installation.workspaceId)).toEqual(installation);
      expect(await store().installations.find('teams', installation.workspaceId)).toBeNull();
      expect(await store().installations.find('slack', `T${newId()}`)).toBeNull();

      const reinstalled = anInstallation(b, {
        workspaceId: installation.workspaceId,
        enterpriseInstall: true,
        installedAt: at('2026-03-05T09:00:00Z'),
        secrets: { botToken: 'xoxb-2', scopes: ['chat:write'] },
      });
      await store().installations.save(reinstalled);
      expect(await store().installations.find('slack', installation.workspaceId)).toEqual(reinstalled);
      expect(await store().installations.listByTenant(a)).toEqual([]);
      expect(await store().installations.listByTenant(b)).toEqual([reinstalled]);
    });

    it('revokes an installation once, and keeps it', async () => {
      const tenantId = await aSavedTenant();
      const installation = anInstallation(tenantId);
      await store().installations.save(installation);
      const revokedAt = at('2026-03-09T10:00:00Z');
      const revoked = { ...installation, revokedAt };
      expect(await store().installations.revoke('slack', installation.workspaceId, revokedAt)).toEqual(revoked);
      expect(await store().installations.find('slack', installation.workspaceId)).toEqual(revoked);
      expect(
        await store().installations.revoke('slack', installation.workspaceId, later(revokedAt, MINUTE)),
      ).toBeNull();
      expect(await store().installations.find('slack', installation.workspaceId)).toEqual(revoked);
      expect(await store().installations.revoke('teams', installation.workspaceId, revokedAt)).toBeNull();
      expect(await store().installations.listByTenant(tenantId)).toEqual([revoked]);

      // Installed again: live once more.
      await store().installations.save({ ...installation, secrets: { botToken: 'xoxb-2' } });
      expect(await store().installations.find('slack', installation.workspaceId)).toMatchObject({
        revokedAt: null,
        secrets: { botToken: 'xoxb-2' },
      });
    });

    it('lists a tenant’s installations on every platform, and no one else’s', async () => {
      const a = await aSavedTenant();
      const b = await aSavedTenant();
      const mine = [
        anInstallation(a),
        anInstallation(a, { workspaceId: `E${newId()}`, enterpriseInstall: true }),
        anInstallation(a, { platform: 'teams', workspaceId: newId(), secrets: {} }),
      ];
      const theirs = anInstallation(b);
      for (const i of [...mine, theirs]) await store().installations.save(i);

      const byKey = (x: Installation, y: Installation) =>
        `${x.platform}/${x.workspaceId}` < `${y.platform}/${y.workspaceId}` ? -1 : 1;
      expect((await store().installations.listByTenant(a)).sort(byKey)).toEqual([...mine].sort(byKey));
      expect(await store().installations.listByTenant(b)).toEqual([theirs]);
      expect(await store().installations.listByTenant(await aSavedTenant())).toEqual([]);
    });

    it('lists a platform’s installations, revoked ones too, by workspace id', async () => {
      const tenantId = await aSavedTenant();
      const platform = 'teams' as const;
      const mine = [newId(), newId()].map((workspaceId) => anInstallation(tenantId, { platform, workspaceId }));
      for (const i of mine) await store().installations.save(i);
      await store().installations.save(
        anInstallation(tenantId, { platform: 'slack', workspaceId: mine[0]!.workspaceId }),
      );
      await store().installations.revoke(platform, mine[1]!.workspaceId, NOT_YET);

      const listed = (await store().installations.listByPlatform(platform)).filter((i) => i.tenantId === tenantId);
      const expected = [mine[0]!, { ...mine[1]!, revokedAt: NOT_YET }].sort((x, y) =>
        x.workspaceId < y.workspaceId ? -1 : 1,
      );
      expect(listed).toEqual(expected);
      const all = (await store().installations.listByPlatform(platform)).map((i) => i.workspaceId);
      expect(all).toEqual([...all].sort());
      expect((await store().installations.listByPlatform('slack')).every((i) => i.platform === 'slack')).toBe(true);
    });
  });
}
