import { describe, expect, it } from 'vitest';
import type { IsoWeek } from '../../../core/src/domain/iso-week.ts';
import type { Person } from '../../../core/src/domain/person.ts';
import { newWeeklyHourRecord, type WeeklyHourRecord } from '../../../core/src/domain/weekly-hour.ts';
import type { ScheduledCard, WeeklyHourKey } from '../../../core/src/ports/store/weekly-hours.ts';
import { aPerson, aTenant } from '../../support/factories.ts';
import { type GetStore, inParallel } from './context.ts';

const at = (iso: string) => new Date(iso);
const byKey = (a: WeeklyHourKey, b: WeeklyHourKey) =>
  a.ownerId < b.ownerId ? -1 : a.ownerId > b.ownerId ? 1 : a.week < b.week ? -1 : a.week > b.week ? 1 : 0;
const keyOf = (r: WeeklyHourKey) => ({ ownerId: r.ownerId, week: r.week });

/** `count` racers' orders of the same items: as given, reversed, and rotated. */
function orders<T>(items: readonly T[], count: number): T[][] {
  return Array.from({ length: count }, (_, racer) => {
    const rotated = [...items.slice((racer * 7) % items.length), ...items.slice(0, (racer * 7) % items.length)];
    return racer % 2 === 1 ? rotated.reverse() : rotated;
  });
}

/**
 * The batch methods of the due-cards job. Every test makes its own tenants; the "other" tenant
 * holds people with the same ids as the first one's (ids are unique per tenant only), so that a
 * batch touching or returning rows of the wrong tenant shows.
 */
export function weeklyHourBatchesContract(store: GetStore) {
  async function twoTenants(owners: number): Promise<{ tenantId: string; otherId: string; people: Person[] }> {
    const tenant = aTenant();
    const other = aTenant();
    await store().tenants.save(tenant);
    await store().tenants.save(other);
    const people = Array.from({ length: owners }, () => aPerson(tenant.id));
    for (const person of people) {
      await store().people.save(person);
      await store().people.save(aPerson(other.id, { id: person.id }));
    }
    return { tenantId: tenant.id, otherId: other.id, people };
  }

  /** Fifteen weeks: a race's batch is owners × weeks, big enough for racers to overlap. */
  const weeks = Array.from({ length: 15 }, (_, i): IsoWeek => `2026-W${String(i + 1).padStart(2, '0')}`);

  describe('weekly hours in batches', () => {
    it('claims many records at once: creates those not there, returns each stored record in the order given', async () => {
      const { tenantId, otherId, people } = await twoTenants(4);
      const [a, b, c, d] = people.map((p) => p.id) as [string, string, string, string];
      const now = at('2026-03-02T08:00:00.123Z');

      // There already: b's week 10 (acted on since), and every record of the other tenant.
      const { record: before } = await store().weeklyHours.claim(
        newWeeklyHourRecord(tenantId, b, '2026-W10', at('2026-03-01T07:00:00Z')),
      );
      const existing = await store().weeklyHours.update(
        tenantId,
        b,
        '2026-W10',
        { status: 'done', doneAt: at('2026-03-01T10:00:00Z'), firstActionAt: at('2026-03-01T10:00:00Z') },
        ['pending'],
      );
      expect(existing).toEqual({
        ...before,
        status: 'done',
        doneAt: at('2026-03-01T10:00:00Z'),
        firstActionAt: at('2026-03-01T10:00:00Z'),
      });
      const elsewhere = await store().weeklyHours.claimMany(
        [a, b, c, d].map((owner) => newWeeklyHourRecord(otherId, owner, '2026-W10', at('2026-02-28T00:00:00Z'))),
      );

      // Every field goes in and comes back as given, times to the millisecond.
      const full: WeeklyHourRecord = {
        ...newWeeklyHourRecord(tenantId, d, '2026-W10', now),
        status: 'delegated',
        cardSentAt: at('2026-03-02T08:00:01.001Z'),
        firstActionAt: at('2026-03-02T08:10:00.999Z'),
        doneAt: at('2026-03-02T09:00:00.500Z'),
        snoozedUntil: at('2026-03-03T08:00:00.250Z'),
        skipReason: 'holiday',
        delegateId: a,
      };
      const asked = [
        newWeeklyHourRecord(tenantId, a, '2026-W10', now),
        newWeeklyHourRecord(tenantId, b, '2026-W10', now),
        newWeeklyHourRecord(tenantId, c, '2026-W10', now),
        newWeeklyHourRecord(tenantId, a, '2026-W09', now),
        full,
      ];
      const claimed = await store().weeklyHours.claimMany(asked);
      expect(claimed).toEqual([asked[0], existing, asked[2], asked[3], full]);
      for (const record of claimed)
        expect(await store().weeklyHours.get(tenantId, record.ownerId, record.week)).toEqual(record);

      // The other tenant's records are as they were.
      for (const record of elsewhere)
        expect(await store().weeklyHours.get(otherId, record.ownerId, record.week)).toEqual(record);
      expect(elsewhere.map((r) => r.tenantId)).toEqual([otherId, otherId, otherId, otherId]);

      // Claimed again: nothing changes, and each caller gets the stored records.
      const again = await store().weeklyHours.claimMany(
        asked.map((r) => ({ ...r, createdAt: at('2026-03-02T09:00:00Z'), status: 'skipped' as const })),
      );
      expect(again).toEqual(claimed);
      expect(await store().weeklyHours.claimMany([])).toEqual([]);
    });

    it('claims a record given twice in one call once, as first given', async () => {
      const { tenantId, people } = await twoTenants(2);
      const [a, b] = people.map((p) => p.id) as [string, string];
      const first = newWeeklyHourRecord(tenantId, a, '2026-W10', at('2026-03-02T08:00:00Z'));
      const second = {
        ...newWeeklyHourRecord(tenantId, a, '2026-W10', at('2026-03-02T08:05:00Z')),
        status: 'snoozed' as const,
      };
      const other = newWeeklyHourRecord(tenantId, b, '2026-W10', at('2026-03-02T08:00:00Z'));
      expect(await store().weeklyHours.claimMany([first, other, second, first])).toEqual([first, other, first, first]);
      expect(await store().weeklyHours.listByOwner(tenantId, a, 10)).toEqual([first]);
    });

    it('claims records of several tenants in one call, each in its own tenant', async () => {
      const { tenantId, otherId, people } = await twoTenants(1);
      const owner = people[0]!.id;
      const mine = newWeeklyHourRecord(tenantId, owner, '2026-W10', at('2026-03-02T08:00:00Z'));
      const theirs = newWeeklyHourRecord(otherId, owner, '2026-W10', at('2026-03-02T09:00:00Z'));
      expect(await store().weeklyHours.claimMany([mine, theirs])).toEqual([mine, theirs]);
      expect(await store().weeklyHours.get(tenantId, owner, '2026-W10')).toEqual(mine);
      expect(await store().weeklyHours.get(otherId, owner, '2026-W10')).toEqual(theirs);
    });

    it('creates each record once however many claim the same batch at once, in any order', async () => {
      const { tenantId, people } = await twoTenants(20);
      const keys = people.flatMap((p) => weeks.map((week) => ({ ownerId: p.id, week })));
      // A few are there before the race.
      const already = await store().weeklyHours.claimMany(
        keys.slice(0, 3).map((k) => newWeeklyHourRecord(tenantId, k.ownerId, k.week, at('2026-03-01T00:00:00Z'))),
      );

      await inParallel(6, () => store().weeklyHours.getMany(tenantId, keys));

      // Each racer proposes records of its own creation time, so the stored one tells who created it.
      const proposedAt = (racer: number) => at(`2026-03-02T08:00:00.00${racer}Z`);
      const results = await Promise.all(
        orders(keys, 6).map((order, racer) =>
          store().weeklyHours.claimMany(
            order.map((k) => newWeeklyHourRecord(tenantId, k.ownerId, k.week, proposedAt(racer))),
          ),
        ),
      );

      const stored = await store().weeklyHours.getMany(tenantId, keys);
      expect(stored).toHaveLength(keys.length);
      const storedByKey = new Map(stored.map((r) => [`${r.ownerId} ${r.week}`, r]));
      const orderOf = orders(keys, 6);
      results.forEach((result, racer) => {
        expect(result.map(keyOf)).toEqual(orderOf[racer]);
        for (const record of result) expect(record).toEqual(storedByKey.get(`${record.ownerId} ${record.week}`));
      });
      for (const record of already) expect(storedByKey.get(`${record.ownerId} ${record.week}`)).toEqual(record);
      const racers = Array.from({ length: 6 }, (_, racer) => proposedAt(racer).getTime());
      for (const record of stored) {
        if (already.some((r) => r.ownerId === record.ownerId && r.week === record.week)) continue;
        expect(racers).toContain(record.createdAt.getTime());
      }
    });

    it('reads many records of a tenant at once, each once, those that exist', async () => {
      const { tenantId, otherId, people } = await twoTenants(3);
      const [a, b, c] = people.map((p) => p.id) as [string, string, string];
      const records = await store().weeklyHours.claimMany([
        newWeeklyHourRecord(tenantId, a, '2026-W10', at('2026-03-02T08:00:00Z')),
        newWeeklyHourRecord(tenantId, a, '2026-W11', at('2026-03-09T08:00:00Z')),
        newWeeklyHourRecord(tenantId, b, '2026-W10', at('2026-03-02T08:00:00Z')),
      ]);
      // The other tenant has c's week 10, which the tenant does not.
      await store().weeklyHours.claimMany([
        newWeeklyHourRecord(otherId, c, '2026-W10', at('2026-03-02T08:00:00Z')),
        newWeeklyHourRecord(otherId, a, '2026-W09', at('2026-02-23T08:00:00Z')),
      ]);

      const found = await store().weeklyHours.getMany(tenantId, [
        { ownerId: a, week: '2026-W10' },
        { ownerId: b, week: '2026-W10' },
        { ownerId: c, week: '2026-W10' },
        { ownerId: a, week: '2026-W09' },
        { ownerId: b, week: '2026-W11' },
        { ownerId: a, week: '2026-W10' },
        { ownerId: a, week: '2026-W11' },
      ]);
      expect([...found].sort(byKey)).toEqual([...records].sort(byKey));
      expect(await store().weeklyHours.getMany(tenantId, [])).toEqual([]);
      expect(await store().weeklyHours.getMany(otherId, [{ ownerId: b, week: '2026-W10' }])).toEqual([]);
    });

    it('marks cards sent on pending records without one only', async () => {
      const { tenantId, otherId, people } = await twoTenants(7);
      const [fresh, alsoFresh, sentBefore, done, snoozed, notGiven, noRecord] = people.map((p) => p.id) as [
        string,
        string,
        string,
        string,
        string,
        string,
        string,
      ];
      const week = '2026-W10';
      const created = at('2026-03-02T08:00:00Z');
      const earlier = at('2026-03-02T08:00:01Z');
      await store().weeklyHours.claimMany(
        [fresh, alsoFresh, sentBefore, done, snoozed, notGiven].map((o) =>
          newWeeklyHourRecord(tenantId, o, week, created),
        ),
      );
      await store().weeklyHours.update(tenantId, sentBefore, week, { cardSentAt: earlier }, ['pending']);
      await store().weeklyHours.update(tenantId, done, week, { status: 'done', doneAt: earlier }, ['pending']);
      await store().weeklyHours.update(tenantId, snoozed, week, { status: 'snoozed', snoozedUntil: earlier }, [
        'pending',
      ]);
      const theirs = await store().weeklyHours.claimMany(
        [fresh, noRecord].map((o) => newWeeklyHourRecord(otherId, o, week, created)),
      );
      const before = await store().weeklyHours.getMany(
        tenantId,
        people.map((p) => ({ ownerId: p.id, week })),
      );
      const beforeByOwner = new Map(before.map((r) => [r.ownerId, r]));

      const sentAt = at('2026-03-02T08:00:05.123Z');
      await store().weeklyHours.markCardsSent(
        tenantId,
        [fresh, alsoFresh, sentBefore, done, snoozed, noRecord, fresh].map((ownerId) => ({ ownerId, week })),
        sentAt,
      );
      await store().weeklyHours.markCardsSent(tenantId, [], sentAt);

      const after = await store().weeklyHours.getMany(
        tenantId,
        people.map((p) => ({ ownerId: p.id, week })),
      );
      expect(after).toHaveLength(6);
      for (const record of after) {
        const was = beforeByOwner.get(record.ownerId)!;
        expect(record).toEqual([fresh, alsoFresh].includes(record.ownerId) ? { ...was, cardSentAt: sentAt } : was);
      }
      expect(beforeByOwner.get(sentBefore)?.cardSentAt).toEqual(earlier);
      expect(await store().weeklyHours.getMany(otherId, theirs.map(keyOf))).toEqual(expect.arrayContaining(theirs));
      expect(await store().weeklyHours.get(tenantId, noRecord, week)).toBeNull();
    });

    it('marks each card sent once however many mark the same batch at once, in any order', async () => {
      const { tenantId, people } = await twoTenants(20);
      const keys = people.flatMap((p) => weeks.map((week) => ({ ownerId: p.id, week })));
      await store().weeklyHours.claimMany(
        keys.map((k) => newWeeklyHourRecord(tenantId, k.ownerId, k.week, at('2026-03-02T08:00:00Z'))),
      );
      const times = Array.from({ length: 6 }, (_, racer) => at(`2026-03-02T08:01:00.00${racer}Z`).getTime());
      await inParallel(6, () => store().weeklyHours.getMany(tenantId, keys));
      await Promise.all(
        orders(keys, 6).map((order, racer) =>
          store().weeklyHours.markCardsSent(tenantId, order, new Date(times[racer]!)),
        ),
      );
      const stored = await store().weeklyHours.getMany(tenantId, keys);
      expect(stored).toHaveLength(keys.length);
      for (const record of stored) expect(times).toContain(record.cardSentAt?.getTime());
    });

    it('lists each owner’s latest records before a week, newest first, owners given twice once', async () => {
      const { tenantId, otherId, people } = await twoTenants(4);
      const [a, b, c, notAsked] = people.map((p) => p.id) as [string, string, string, string];
      const claim = (tenant: string, owner: string, ...weekList: IsoWeek[]) =>
        store().weeklyHours.claimMany(
          weekList.map((w) => newWeeklyHourRecord(tenant, owner, w, at('2026-01-05T08:00:00Z'))),
        );
      const ofA = await claim(tenantId, a, '2026-W01', '2026-W02', '2026-W03', '2026-W04', '2026-W05', '2026-W06');
      const ofB = await claim(tenantId, b, '2026-W05', '2025-W52', '2026-W03');
      await claim(tenantId, notAsked, '2026-W03', '2026-W04');
      await claim(otherId, a, '2026-W04', '2026-W03');
      await claim(otherId, c, '2026-W04');

      const listed = await store().weeklyHours.listRecentByOwners(tenantId, [a, b, c, a], '2026-W05', 3);
      const of = (owner: string) => listed.filter((r) => r.ownerId === owner);
      expect(of(a)).toEqual([ofA[3], ofA[2], ofA[1]]);
      expect(of(b)).toEqual([ofB[2], ofB[1]]);
      expect(listed).toHaveLength(5);
      for (const record of listed) expect(record.tenantId).toBe(tenantId);

      expect(await store().weeklyHours.listRecentByOwners(tenantId, [a], '2026-W01', 3)).toEqual([]);
      expect(await store().weeklyHours.listRecentByOwners(tenantId, [b], '2027-W01', 10)).toEqual([
        ofB[0],
        ofB[2],
        ofB[1],
      ]);
      expect(await store().weeklyHours.listRecentByOwners(tenantId, [a, b], '2026-W05', 0)).toEqual([]);
      expect(await store().weeklyHours.listRecentByOwners(tenantId, [], '2026-W05', 3)).toEqual([]);
      expect(await store().weeklyHours.listRecentByOwners(tenantId, [c], '2026-W05', 3)).toEqual([]);
    });
  });

  describe('weekly-hour schedule in batches', () => {
    // Due dates of 2001, as in the schedule's other tests, and the rows taken off again.

    it('schedules, moves and removes many owners’ cards at once, an owner’s last entry standing', async () => {
      const { tenantId, otherId, people } = await twoTenants(5);
      const [moved, added, removed, twice, untouched] = people.map((p) => p.id) as [
        string,
        string,
        string,
        string,
        string,
      ];
      const due = (minute: number) => new Date(Date.UTC(2001, 10, 1, 9, minute));
      const now = due(59);
      const dueOf = async (tenant: string): Promise<ScheduledCard[]> =>
        (await store().weeklyHours.dueCards(now, 100_000)).filter((card) => card.tenantId === tenant);
      const card = (tenant: string, ownerId: string, minute: number) => ({
        tenantId: tenant,
        ownerId,
        dueAt: due(minute),
      });

      try {
        await store().weeklyHours.scheduleCards(tenantId, [
          { ownerId: moved, dueAt: due(10) },
          { ownerId: removed, dueAt: due(11) },
          { ownerId: untouched, dueAt: due(12) },
        ]);
        // The other tenant schedules the same ids; the tenant's batches never touch them.
        await store().weeklyHours.scheduleCards(otherId, [
          { ownerId: moved, dueAt: due(1) },
          { ownerId: removed, dueAt: due(2) },
        ]);
        expect(await dueOf(tenantId)).toEqual([
          card(tenantId, moved, 10),
          card(tenantId, removed, 11),
          card(tenantId, untouched, 12),
        ]);

        await store().weeklyHours.scheduleCards(tenantId, [
          { ownerId: moved, dueAt: due(20) },
          { ownerId: added, dueAt: due(5) },
          { ownerId: removed, dueAt: null },
          { ownerId: twice, dueAt: due(3) },
          { ownerId: twice, dueAt: null },
          { ownerId: twice, dueAt: due(30) },
          { ownerId: added, dueAt: due(6) },
        ]);
        expect(await dueOf(tenantId)).toEqual([
          card(tenantId, added, 6),
          card(tenantId, untouched, 12),
          card(tenantId, moved, 20),
          card(tenantId, twice, 30),
        ]);
        expect(await dueOf(otherId)).toEqual([card(otherId, moved, 1), card(otherId, removed, 2)]);

        await store().weeklyHours.scheduleCards(tenantId, []);
        await store().weeklyHours.scheduleCards(tenantId, [
          { ownerId: twice, dueAt: null },
          { ownerId: removed, dueAt: null },
          { ownerId: added, dueAt: due(7) },
        ]);
        expect(await dueOf(tenantId)).toEqual([
          card(tenantId, added, 7),
          card(tenantId, untouched, 12),
          card(tenantId, moved, 20),
        ]);
      } finally {
        const off = people.map((p) => ({ ownerId: p.id, dueAt: null }));
        await store().weeklyHours.scheduleCards(tenantId, off);
        await store().weeklyHours.scheduleCards(otherId, off);
      }
      expect(await dueOf(tenantId)).toEqual([]);
      expect(await dueOf(otherId)).toEqual([]);
    });
  });
}
