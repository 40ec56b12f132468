import { describe, expect, it } from 'vitest';
import { newId } from '../../../core/src/domain/ids.ts';
import type { OutboxMessage } from '../../../core/src/ports/store/outbox.ts';
import { aGroup, aPerson, aRequest, aSmallTenant, aTenant } from '../../support/factories.ts';
import type { GetStore } from './context.ts';

// Deadlines in 2001: no other test's request is due that early, so the cross-tenant read sees only these.
const at = (iso: string) => new Date(`2001-02-${iso}Z`);

export function requestDeadlinesContract(store: GetStore) {
  describe('membership request deadlines', () => {
    it('keeps the tenant’s expiry limit and the group’s target, and their changes', async () => {
      const tenant = aTenant({ requestExpiryDays: 21 });
      await store().tenants.save(tenant);
      expect((await store().tenants.get(tenant.id))?.requestExpiryDays).toBe(21);
      await store().tenants.save({ ...tenant, requestExpiryDays: 7 });
      expect((await store().tenants.get(tenant.id))?.requestExpiryDays).toBe(7);

      const owner = aPerson(tenant.id);
      await store().people.save(owner);
      const group = aGroup(tenant.id, [owner.id], { requestDeadlineHours: 72 });
      await store().groups.save(group);
      expect(await store().groups.get(tenant.id, group.id)).toEqual(group);
      await store().groups.save({ ...group, requestDeadlineHours: 12 });
      expect((await store().groups.get(tenant.id, group.id))?.requestDeadlineHours).toBe(12);
    });

    it('lists the pending requests whose deadline has come, earliest first, up to the limit', async () => {
      const { tenant, owner, member, group } = await aSmallTenant(store());
      const others = [aPerson(tenant.id), aPerson(tenant.id), aPerson(tenant.id)];
      for (const person of others) await store().people.save(person);
      const ask = (requesterId: string, deadlineAt: Date | null) => ({
        ...aRequest(tenant.id, group.id, requesterId),
        deadlineAt,
      });
      const second = ask(member.id, at('10T12:00:00'));
      const first = { ...ask(others[0]!.id, at('10T09:00:00')), deadlineStep: 'remind' as const };
      const notYet = ask(others[1]!.id, at('12T09:00:00'));
      const decided = ask(others[2]!.id, at('09T09:00:00'));
      for (const request of [second, first, notYet, decided]) await store().membershipRequests.create(request);
      await store().membershipRequests.decide(tenant.id, decided.id, {
        status: 'approved',
        decidedBy: owner.id,
        decidedAt: at('09T10:00:00'),
        reason: null,
      });

      expect(await store().membershipRequests.get(tenant.id, first.id)).toEqual(first);
      // The read is across tenants and the suite shares one store: other tests' requests may be due too.
      const due = await store().membershipRequests.listDeadlinesDue(at('11T00:00:00'), 10_000);
      expect(due.filter((r) => r.tenantId === tenant.id)).toEqual([first, second]);
      const times = due.map((r) => r.deadlineAt!.getTime());
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(await store().membershipRequests.listDeadlinesDue(at('11T00:00:00'), 1)).toHaveLength(1);
      expect(
        (await store().membershipRequests.listDeadlinesDue(at('10T08:00:00'), 10_000)).filter(
          (r) => r.tenantId === tenant.id,
        ),
      ).toEqual([]);
    });

    it('moves a request to its next step once, from the step it is at, and only while pending', async () => {
      const { tenant, owner, member, group } = await aSmallTenant(store());
      const request = { ...aRequest(tenant.id, group.id, member.id), deadlineAt: at('05T09:00:00') };
      await store().membershipRequests.create(request);
      const next = { step: 'remind' as const, at: at('07T09:00:00') };

      const outcomes = await Promise.all(
        Array.from({ length: 8 }, () => store().membershipRequests.advanceDeadline(tenant.id, request.id, null, next)),
      );
      expect(outcomes.filter(Boolean)).toHaveLength(1);
      expect(await store().membershipRequests.get(tenant.id, request.id)).toMatchObject({
        deadlineStep: 'remind',
        deadlineAt: next.at,
      });
      // From a step it is no longer at: nothing changes.
      expect(
        await store().membershipRequests.advanceDeadline(tenant.id, request.id, null, { step: 'co_owners', at: null }),
      ).toBe(false);
      expect((await store().membershipRequests.get(tenant.id, request.id))?.deadlineStep).toBe('remind');
      // The same step with another time only reschedules.
      expect(
        await store().membershipRequests.advanceDeadline(tenant.id, request.id, 'remind', {
          step: 'remind',
          at: at('08T09:00:00'),
        }),
      ).toBe(true);
      expect((await store().membershipRequests.get(tenant.id, request.id))?.deadlineAt).toEqual(at('08T09:00:00'));

      await store().membershipRequests.decide(tenant.id, request.id, {
        status: 'denied',
        decidedBy: owner.id,
        decidedAt: at('08T10:00:00'),
        reason: null,
      });
      expect(
        await store().membershipRequests.advanceDeadline(tenant.id, request.id, 'remind', {
          step: 'co_owners',
          at: null,
        }),
      ).toBe(false);
      expect(
        await store().membershipRequests.advanceDeadline(crypto.randomUUID(), request.id, 'remind', {
          step: 'co_owners',
          at: null,
        }),
      ).toBe(false);
    });

    it('brings the tenant’s pending requests due after a shorter expiry forward to it, and no other', async () => {
      const { tenant, owner, member, group } = await aSmallTenant(store());
      const other = await aSmallTenant(store());
      const others = [aPerson(tenant.id), aPerson(tenant.id), aPerson(tenant.id)];
      for (const person of others) await store().people.save(person);
      const made = at('01T09:00:00');
      const ask = (requesterId: string, deadlineAt: Date | null, t = tenant.id, g = group.id) => ({
        ...aRequest(t, g, requesterId),
        requestedAt: made,
        deadlineAt,
      });
      const late = { ...ask(member.id, at('07T09:00:00')), deadlineStep: 'remind' as const };
      const early = ask(others[0]!.id, at('03T09:00:00'));
      const unscheduled = ask(others[1]!.id, null);
      const decided = ask(others[2]!.id, at('07T09:00:00'));
      const elsewhere = ask(other.member.id, at('07T09:00:00'), other.tenant.id, other.group.id);
      for (const request of [late, early, unscheduled, decided, elsewhere])
        await store().membershipRequests.create(request);
      await store().membershipRequests.decide(tenant.id, decided.id, {
        status: 'approved',
        decidedBy: owner.id,
        decidedAt: at('02T09:00:00'),
        reason: null,
      });

      expect(await store().membershipRequests.bringDeadlinesWithin(tenant.id, 3)).toBe(1);
      expect(await store().membershipRequests.get(tenant.id, late.id)).toEqual({
        ...late,
        deadlineAt: at('04T09:00:00'),
      });
      expect((await store().membershipRequests.get(tenant.id, early.id))?.deadlineAt).toEqual(at('03T09:00:00'));
      expect((await store().membershipRequests.get(tenant.id, unscheduled.id))?.deadlineAt).toBeNull();
      expect((await store().membershipRequests.get(tenant.id, decided.id))?.deadlineAt).toEqual(at('07T09:00:00'));
      expect((await store().membershipRequests.get(other.tenant.id, elsewhere.id))?.deadlineAt).toEqual(
        at('07T09:00:00'),
      );
      // A longer limit moves nothing: the job reschedules as it goes.
      expect(await store().membershipRequests.bringDeadlinesWithin(tenant.id, 30)).toBe(0);
    });

    it('finds the tenant’s outbox messages by their dedupe keys, with where the platform put them once sent', async () => {
      const { tenant } = await aSmallTenant(store());
      const other = aTenant();
      await store().tenants.save(other);
      const message = (tenantId: string, dedupeKey: string | null): OutboxMessage => ({
        id: newId(),
        tenantId,
        platform: 'slack',
        operation: 'send_card',
        payload: { to: { platform: 'slack', workspaceId: 'T1', userId: 'U1' }, card: { title: 'Request' } },
        workspaceId: 'T1',
        groupId: null,
        dedupeKey,
        status: 'pending',
        attempts: 0,
        createdAt: at('01T09:00:00'),
        notBefore: new Date('2030-01-01T00:00:00Z'),
        lockedUntil: null,
        doneAt: null,
        result: null,
        lastError: null,
      });
      const sent = message(tenant.id, 'membership_request:r1:owner:a');
      const waiting = message(tenant.id, 'membership_request:r1:owner:b');
      const unrelated = message(tenant.id, 'membership_request:r2:owner:a');
      const elsewhere = message(other.id, 'membership_request:r1:owner:a');
      for (const m of [sent, waiting, unrelated, elsewhere]) await store().outbox.enqueue(m);
      const where = { platform: 'slack', workspaceId: 'T1', conversationId: 'D1', messageId: '1700000000.000100' };
      await store().outbox.markSent(tenant.id, sent.id, at('01T09:01:00'), where);

      const found = await store().outbox.listByDedupeKeys(tenant.id, [
        'membership_request:r1:owner:a',
        'membership_request:r1:owner:b',
        'absent',
      ]);
      expect(found.map((m) => m.id).sort()).toEqual([sent.id, waiting.id].sort());
      expect(found.find((m) => m.id === sent.id)).toMatchObject({ status: 'sent', result: where });
      expect(found.find((m) => m.id === waiting.id)).toMatchObject({ status: 'pending', result: null });
      expect(await store().outbox.listByDedupeKeys(tenant.id, [])).toEqual([]);
    });
  });
}
