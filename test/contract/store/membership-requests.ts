import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../core/src/errors.ts';
import { aGroup, aPerson, aRequest, aSmallTenant } from '../../support/factories.ts';
import type { GetStore } from './context.ts';

export function membershipRequestsContract(store: GetStore) {
  describe('membership requests', () => {
    it('creates a request, lists it as pending, and refuses a second pending one', async () => {
      const { tenant, member, group } = await aSmallTenant(store());
      const request = aRequest(tenant.id, group.id, member.id);
      expect(await store().membershipRequests.create(request)).toEqual({ ok: true, value: request });
      expect(await store().membershipRequests.get(tenant.id, request.id)).toEqual(request);
      expect(await store().membershipRequests.listPending(tenant.id, group.id)).toEqual([request]);
      expect(await store().membershipRequests.listPending(tenant.id)).toEqual([request]);

      const again = await store().membershipRequests.create(aRequest(tenant.id, group.id, member.id));
      expect(again).toMatchObject({ ok: false, code: ErrorCode.RequestPending });
    });

    it('lists the pending requests of several groups, oldest first', async () => {
      const { tenant, owner, member, group } = await aSmallTenant(store());
      const second = aGroup(tenant.id, [owner.id]);
      const elsewhere = aGroup(tenant.id, [owner.id]);
      for (const g of [second, elsewhere]) await store().groups.save(g);
      const other = aPerson(tenant.id);
      await store().people.save(other);
      const at = (day: string) => new Date(`2026-03-${day}T10:00:00Z`);
      const late = { ...aRequest(tenant.id, group.id, member.id), requestedAt: at('05') };
      const early = { ...aRequest(tenant.id, second.id, member.id), requestedAt: at('02') };
      const decided = { ...aRequest(tenant.id, second.id, other.id), requestedAt: at('01') };
      const notAsked = { ...aRequest(tenant.id, elsewhere.id, member.id), requestedAt: at('03') };
      for (const r of [late, early, decided, notAsked]) await store().membershipRequests.create(r);
      await store().membershipRequests.decide(tenant.id, decided.id, {
        status: 'approved',
        decidedBy: owner.id,
        decidedAt: at('04'),
        reason: null,
      });

      expect(await store().membershipRequests.listPendingIn(tenant.id, [group.id, second.id])).toEqual([early, late]);
      expect(await store().membershipRequests.listPendingIn(tenant.id, [])).toEqual([]);
    });

    it('records the decision with who, when and why, then refuses another', async () => {
      const { tenant, owner, member, group } = await aSmallTenant(store());
      const request = aRequest(tenant.id, group.id, member.id);
      await store().membershipRequests.create(request);
      const decidedAt = new Date('2026-03-02T09:00:00Z');

      const denied = await store().membershipRequests.decide(tenant.id, request.id, {
        status: 'denied',
        decidedBy: owner.id,
        decidedAt,
        reason: 'Project members only',
      });
      expect(denied).toEqual({
        ok: true,
        value: { ...request, status: 'denied', decidedBy: owner.id, decidedAt, reason: 'Project members only' },
      });
      expect(await store().membershipRequests.listPending(tenant.id, group.id)).toEqual([]);

      const late = await store().membershipRequests.decide(tenant.id, request.id, {
        status: 'approved',
        decidedBy: owner.id,
        decidedAt,
        reason: null,
      });
      expect(late).toMatchObject({ ok: false, code: ErrorCode.AlreadyDecided });
      expect((await store().membershipRequests.get(tenant.id, request.id))?.status).toBe('denied');

      // Once decided, the person may ask again.
      const next = await store().membershipRequests.create(aRequest(tenant.id, group.id, member.id));
      expect(next.ok).toBe(true);
    });

    it('lets exactly one of many racing decisions through', async () => {
      const { tenant, owner, member, group } = await aSmallTenant(store());
      const request = aRequest(tenant.id, group.id, member.id);
      await store().membershipRequests.create(request);

      const outcomes = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          store().membershipRequests.decide(tenant.id, request.id, {
            status: i % 2 === 0 ? 'approved' : 'denied',
            decidedBy: owner.id,
            decidedAt: new Date(Date.UTC(2026, 2, 2, 9, 0, i)),
            reason: `decision ${i}`,
          }),
        ),
      );
      const winners = outcomes.filter((o) => o.ok);
      expect(winners).toHaveLength(1);
      expect(outcomes.filter((o) => !o.ok && o.code === ErrorCode.AlreadyDecided)).toHaveLength(11);
      const stored = await store().membershipRequests.get(tenant.id, request.id);
      expect(winners[0]).toEqual({ ok: true, value: stored });
    });

    it('answers not_found for an unknown request', async () => {
      const { tenant, owner } = await aSmallTenant(store());
      const outcome = await store().membershipRequests.decide(tenant.id, crypto.randomUUID(), {
        status: 'approved',
        decidedBy: owner.id,
        decidedAt: new Date(),
        reason: null,
      });
      expect(outcome).toMatchObject({ ok: false, code: ErrorCode.NotFound });
    });
  });
}
