import { describe, expect, it } from 'vitest';
import { newId } from '../../../core/src/domain/ids.ts';
import { newWeeklyHourRecord } from '../../../core/src/domain/weekly-hour.ts';
import { aGroup, aPerson, aSmallTenant, aTenant } from '../../support/factories.ts';
import type { GetStore } from './context.ts';

export function weeklyHoursAndAuditContract(store: GetStore) {
  describe('weekly hours', () => {
    it('creates one record per owner and week however many claim it at once', async () => {
      const { tenant, owner } = await aSmallTenant(store());
      const claims = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          store().weeklyHours.claim(
            newWeeklyHourRecord(tenant.id, owner.id, '2026-W10', new Date(Date.UTC(2026, 2, 2, 8, i))),
          ),
        ),
      );
      expect(claims.filter((c) => c.created)).toHaveLength(1);
      const winner = claims.find((c) => c.created)!.record;
      for (const claim of claims) expect(claim.record).toEqual(winner);
      expect(await store().weeklyHours.get(tenant.id, owner.id, '2026-W10')).toEqual(winner);
    });

    it('changes a record only while its status matches', async () => {
      const { tenant, owner } = await aSmallTenant(store());
      const { record } = await store().weeklyHours.claim(
        newWeeklyHourRecord(tenant.id, owner.id, '2026-W11', new Date('2026-03-09T08:00:00Z')),
      );
      const sentAt = new Date('2026-03-09T08:00:05Z');
      const sent = await store().weeklyHours.update(tenant.id, owner.id, '2026-W11', { cardSentAt: sentAt }, [
        'pending',
      ]);
      expect(sent).toEqual({ ...record, cardSentAt: sentAt });

      const doneAt = new Date('2026-03-09T10:00:00Z');
      const done = await store().weeklyHours.update(
        tenant.id,
        owner.id,
        '2026-W11',
        { status: 'done', doneAt, firstActionAt: doneAt },
        ['pending', 'snoozed'],
      );
      expect(done).toEqual({ ...record, cardSentAt: sentAt, status: 'done', doneAt, firstActionAt: doneAt });

      const skipped = await store().weeklyHours.update(
        tenant.id,
        owner.id,
        '2026-W11',
        { status: 'skipped', skipReason: 'holiday' },
        ['pending', 'snoozed'],
      );
      expect(skipped).toBeNull();
      expect((await store().weeklyHours.get(tenant.id, owner.id, '2026-W11'))?.status).toBe('done');
      expect(
        await store().weeklyHours.update(tenant.id, owner.id, '2026-W12', { status: 'done' }, ['pending']),
      ).toBeNull();
    });

    it('lists an owner’s weeks, newest first', async () => {
      const { tenant, owner } = await aSmallTenant(store());
      for (const week of ['2026-W02', '2026-W04', '2026-W03'] as const) {
        await store().weeklyHours.claim(
          newWeeklyHourRecord(tenant.id, owner.id, week, new Date('2026-01-05T08:00:00Z')),
        );
      }
      expect((await store().weeklyHours.listByOwner(tenant.id, owner.id, 2)).map((r) => r.week)).toEqual([
        '2026-W04',
        '2026-W03',
      ]);
    });
  });

  describe('weekly-hour schedule', () => {
    // dueCards and unscheduledOwners look across all tenants, so these tests use due dates of 2001,
    // which no other test uses, and take their rows off the schedule again.

    it('lists this week’s records delegated to a person, by any owner', async () => {
      const { tenant, owner, member } = await aSmallTenant(store());
      const [second, third, someoneElse] = [aPerson(tenant.id), aPerson(tenant.id), aPerson(tenant.id)];
      for (const p of [second!, third!, someoneElse!]) await store().people.save(p);
      const delegate = async (ownerId: string, week: '2026-W10' | '2026-W11', delegateId: string) => {
        await store().weeklyHours.claim(
          newWeeklyHourRecord(tenant.id, ownerId, week, new Date('2026-03-02T08:00:00Z')),
        );
        return store().weeklyHours.update(tenant.id, ownerId, week, { status: 'delegated', delegateId }, ['pending']);
      };
      const first = await delegate(owner.id, '2026-W10', member.id);
      const other = await delegate(second!.id, '2026-W10', member.id);
      await delegate(owner.id, '2026-W11', member.id);
      await delegate(third!.id, '2026-W10', someoneElse!.id);
      await store().weeklyHours.claim(newWeeklyHourRecord(tenant.id, member.id, '2026-W10', new Date()));

      const delegated = await store().weeklyHours.listDelegatedTo(tenant.id, member.id, '2026-W10');
      expect(delegated).toHaveLength(2);
      expect(delegated).toEqual(expect.arrayContaining([first, other]));
      expect(await store().weeklyHours.listDelegatedTo(tenant.id, owner.id, '2026-W10')).toEqual([]);
    });

    it('schedules an owner’s card, moves it, and takes it off the schedule', async () => {
      const { tenant, owner } = await aSmallTenant(store());
      const due = (minute: number) => new Date(Date.UTC(2001, 0, 1, 9, minute));
      const now = due(30);
      const mine = async () => (await store().weeklyHours.dueCards(now, 1000)).filter((c) => c.tenantId === tenant.id);

      await store().weeklyHours.scheduleCard(tenant.id, owner.id, due(10));
      expect(await mine()).toEqual([{ tenantId: tenant.id, ownerId: owner.id, dueAt: due(10) }]);
      await store().weeklyHours.scheduleCard(tenant.id, owner.id, due(20));
      expect(await mine()).toEqual([{ tenantId: tenant.id, ownerId: owner.id, dueAt: due(20) }]);
      await store().weeklyHours.scheduleCard(tenant.id, owner.id, due(40));
      expect(await mine()).toEqual([]);
      await store().weeklyHours.scheduleCard(tenant.id, owner.id, null);
      await store().weeklyHours.scheduleCard(tenant.id, owner.id, due(10));
      expect(await mine()).toHaveLength(1);
      await store().weeklyHours.scheduleCard(tenant.id, owner.id, null);
      await store().weeklyHours.scheduleCard(tenant.id, owner.id, null);
      expect(await mine()).toEqual([]);
    });

    it('lists due cards of all tenants, earliest first, up to a limit', async () => {
      const a = await aSmallTenant(store());
      const b = await aSmallTenant(store());
      const due = (minute: number) => new Date(Date.UTC(2001, 5, 1, 9, minute));
      const schedule: [string, string, Date][] = [
        [a.tenant.id, a.owner.id, due(5)],
        [b.tenant.id, b.owner.id, due(1)],
        [a.tenant.id, a.member.id, due(3)],
        [b.tenant.id, b.member.id, due(6)],
      ];
      try {
        for (const [tenantId, ownerId, at] of schedule) await store().weeklyHours.scheduleCard(tenantId, ownerId, at);
        expect(await store().weeklyHours.dueCards(due(5), 10)).toEqual([
          { tenantId: b.tenant.id, ownerId: b.owner.id, dueAt: due(1) },
          { tenantId: a.tenant.id, ownerId: a.member.id, dueAt: due(3) },
          { tenantId: a.tenant.id, ownerId: a.owner.id, dueAt: due(5) },
        ]);
        expect((await store().weeklyHours.dueCards(due(5), 2)).map((c) => c.ownerId)).toEqual([
          b.owner.id,
          a.member.id,
        ]);
        expect(await store().weeklyHours.dueCards(due(0), 10)).toEqual([]);
      } finally {
        for (const [tenantId, ownerId] of schedule) await store().weeklyHours.scheduleCard(tenantId, ownerId, null);
      }
    });

    it('lists the active owners of all tenants who are not on the schedule yet, each once', async () => {
      const tenant = aTenant();
      await store().tenants.save(tenant);
      const [scheduled, unscheduled, deactivated, notAnOwner] = [
        aPerson(tenant.id),
        aPerson(tenant.id),
        aPerson(tenant.id, { deactivatedAt: new Date('2026-01-15T00:00:00Z') }),
        aPerson(tenant.id),
      ];
      for (const p of [scheduled!, unscheduled!, deactivated!, notAnOwner!]) await store().people.save(p);
      await store().groups.save(aGroup(tenant.id, [scheduled!.id, unscheduled!.id]));
      await store().groups.save(aGroup(tenant.id, [unscheduled!.id, deactivated!.id]));
      const elsewhere = await aSmallTenant(store());
      await store().weeklyHours.scheduleCard(tenant.id, scheduled!.id, new Date('2001-09-01T09:00:00Z'));
      try {
        const owners = await store().weeklyHours.unscheduledOwners(100_000);
        expect(owners.filter((o) => o.tenantId === tenant.id)).toEqual([
          { tenantId: tenant.id, ownerId: unscheduled!.id },
        ]);
        expect(owners).toContainEqual({ tenantId: elsewhere.tenant.id, ownerId: elsewhere.owner.id });
        expect(await store().weeklyHours.unscheduledOwners(1)).toHaveLength(1);

        await store().weeklyHours.scheduleCard(tenant.id, unscheduled!.id, new Date('2001-09-01T09:00:00Z'));
        const later = await store().weeklyHours.unscheduledOwners(100_000);
        expect(later.filter((o) => o.tenantId === tenant.id)).toEqual([]);
      } finally {
        await store().weeklyHours.scheduleCard(tenant.id, scheduled!.id, null);
        await store().weeklyHours.scheduleCard(tenant.id, unscheduled!.id, null);
      }
    });
  });

  describe('audit log', () => {
    it('appends entries and lists them newest first, by subject and up to a limit', async () => {
      const { tenant, owner } = await aSmallTenant(store());
      const entry = (minute: number, subjectId: string) => ({
        id: newId(),
        tenantId: tenant.id,
        at: new Date(Date.UTC(2026, 2, 2, 9, minute)),
        actorId: owner.id,
        action: 'membership_request.approved',
        subjectKind: 'membership_request',
        subjectId,
        details: { reason: 'welcome', count: 1, urgent: false, note: null },
      });
      const a1 = entry(1, 'request-a');
      const b2 = entry(2, 'request-b');
      const a3 = entry(3, 'request-a');
      for (const e of [a1, b2, a3]) await store().audit.append(e);

      expect(await store().audit.list(tenant.id, { limit: 10 })).toEqual([a3, b2, a1]);
      expect(await store().audit.list(tenant.id, { subjectId: 'request-a', limit: 10 })).toEqual([a3, a1]);
      expect(await store().audit.list(tenant.id, { limit: 1 })).toEqual([a3]);
    });
  });
}
