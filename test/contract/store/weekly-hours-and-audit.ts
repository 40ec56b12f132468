import { describe, expect, it } from 'vitest';
import { newId } from '../../../core/src/domain/ids.ts';
import { newWeeklyHourRecord } from '../../../core/src/domain/weekly-hour.ts';
import { aSmallTenant } from '../../support/factories.ts';
import type { GetStore } from './context.ts';

export function weeklyHoursAndAuditContract(store: GetStore) {
  describe('weekly hours', () => {
    it('creates one record per owner and week however many claim it at once', async () => {
      const { tenant, owner } = await aSmallTenant(store());
      const claims = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          store().weeklyHours.claim(newWeeklyHourRecord(tenant.id, owner.id, '2026-W10', new Date(Date.UTC(2026, 2, 2, 8, i)))),
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
      const sent = await store().weeklyHours.update(tenant.id, owner.id, '2026-W11', { cardSentAt: sentAt }, ['pending']);
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
      expect(await store().weeklyHours.update(tenant.id, owner.id, '2026-W12', { status: 'done' }, ['pending'])).toBeNull();
    });

    it('lists an owner’s weeks, newest first', async () => {
      const { tenant, owner } = await aSmallTenant(store());
      for (const week of ['2026-W02', '2026-W04', '2026-W03'] as const) {
        await store().weeklyHours.claim(newWeeklyHourRecord(tenant.id, owner.id, week, new Date('2026-01-05T08:00:00Z')));
      }
      expect((await store().weeklyHours.listByOwner(tenant.id, owner.id, 2)).map((r) => r.week)).toEqual([
        '2026-W04',
        '2026-W03',
      ]);
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
