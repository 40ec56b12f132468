import { describe, expect, it } from 'vitest';
import { newWeeklyHourRecord, timeOffWeeklyHourRecord } from '../../../core/src/domain/weekly-hour.ts';
import { aPerson, aSmallTenant } from '../../support/factories.ts';
import type { GetStore } from './context.ts';

export function timeOffContract(store: GetStore) {
  describe('time off', () => {
    it('keeps an owner’s time off and its cover, changes and clears it', async () => {
      const { tenant, owner, member } = await aSmallTenant(store());
      const away = { ...owner, timeOff: { from: '2026-07-06', until: '2026-07-26', coverId: member.id } };
      await store().people.save(away);
      expect(await store().people.get(tenant.id, owner.id)).toEqual(away);
      expect((await store().people.getMany(tenant.id, [owner.id]))[0]?.timeOff).toEqual(away.timeOff);

      const uncovered = { ...away, timeOff: { from: '2026-08-01', until: '2026-08-01', coverId: null } };
      await store().people.save(uncovered);
      expect((await store().people.get(tenant.id, owner.id))?.timeOff).toEqual(uncovered.timeOff);

      await store().people.save({ ...uncovered, timeOff: null });
      expect((await store().people.get(tenant.id, owner.id))?.timeOff).toBeNull();
    });

    it('reads a person saved without time off as having none', async () => {
      const { tenant } = await aSmallTenant(store());
      const person = aPerson(tenant.id);
      await store().people.save(person);
      expect((await store().people.get(tenant.id, person.id))?.timeOff).toBeNull();
    });

    it('keeps whether a week was on time off, claimed alone or in a batch, and lists it in the history', async () => {
      const { tenant, owner, member } = await aSmallTenant(store());
      const at = new Date('2026-07-06T08:00:00Z');
      const alone = await store().weeklyHours.claim(
        timeOffWeeklyHourRecord(tenant.id, owner.id, '2026-W28', member.id, at),
      );
      expect(alone.record).toMatchObject({ status: 'delegated', delegateId: member.id, timeOff: true });
      const [batched, usual] = await store().weeklyHours.claimMany([
        timeOffWeeklyHourRecord(tenant.id, owner.id, '2026-W29', null, at),
        newWeeklyHourRecord(tenant.id, owner.id, '2026-W30', at),
      ]);
      expect(batched).toMatchObject({ status: 'skipped', delegateId: null, timeOff: true });
      expect(usual).toMatchObject({ status: 'pending', timeOff: false });

      const history = await store().weeklyHours.listRecentByOwners(tenant.id, [owner.id], '2026-W31', 5);
      expect(history.map((r) => [r.week, r.timeOff])).toEqual([
        ['2026-W30', false],
        ['2026-W29', true],
        ['2026-W28', true],
      ]);
      expect(
        (await store().weeklyHours.listDelegatedTo(tenant.id, member.id, '2026-W28')).map((r) => r.timeOff),
      ).toEqual([true]);
    });
  });
}
