import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IsoWeek } from '../../core/src/domain/iso-week.ts';
import {
  newWeeklyHourRecord,
  type WeeklyHourRecord,
  type WeeklyHourStatus,
} from '../../core/src/domain/weekly-hour.ts';
import type { Store } from '../../core/src/ports/store/index.ts';
import { ownersOverview } from '../../core/src/use-cases/health/owners-overview.ts';
import { openTemporaryEmbeddedStore } from '../support/embedded-store.ts';
import { aGroup, aPerson, aTenant } from '../support/factories.ts';
import { WallClock } from '../support/wall-clock.ts';

// The owners page's weekly-hour record, through the store, on weeks written by hand.

/** Wednesday of ISO week 2026-W11: the 8 weeks looked back on are W03 to W10. */
const NOW = '2026-03-11T12:00:00Z';

describe('owners overview: each owner’s weekly hour over the last 8 weeks', () => {
  let store: Store;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ store, dispose } = await openTemporaryEmbeddedStore());
  });
  afterAll(async () => {
    await dispose();
  });

  it('counts the weeks done, skipped and missed, leaving out this week, older weeks and weeks without a card', async () => {
    const clock = new WallClock(NOW);
    const tenant = aTenant();
    await store.tenants.save(tenant);
    const [steady, absent] = [
      aPerson(tenant.id, { displayName: 'Steady' }),
      aPerson(tenant.id, { displayName: 'Absent' }),
    ];
    for (const person of [steady, absent]) await store.people.save(person);
    await store.groups.save(aGroup(tenant.id, [steady.id, absent.id]));
    const weeks = (ownerId: string, ...statuses: [IsoWeek, WeeklyHourStatus][]) =>
      statuses.map(
        ([week, status]): WeeklyHourRecord => ({
          ...newWeeklyHourRecord(tenant.id, ownerId, week, new Date(NOW)),
          status,
          skipReason: status === 'skipped' ? 'On leave' : null,
        }),
      );
    const records = [
      // Steady: W11 (this week) and W02 (nine weeks back) do not count; W05 had no card.
      ...weeks(
        steady.id,
        ['2026-W11', 'done'],
        ['2026-W10', 'done'],
        ['2026-W09', 'done'],
        ['2026-W08', 'skipped'],
        ['2026-W07', 'snoozed'],
      ),
      ...weeks(
        steady.id,
        ['2026-W06', 'done'],
        ['2026-W04', 'delegated'],
        ['2026-W03', 'skipped'],
        ['2026-W02', 'pending'],
      ),
      // Absent: three cards left pending.
      ...weeks(absent.id, ['2026-W10', 'pending'], ['2026-W09', 'pending'], ['2026-W08', 'pending']),
    ];
    for (const record of records) await store.weeklyHours.claim(record);

    const overview = await ownersOverview({ store, clock }, tenant.id, { sort: 'name' });
    expect(overview.ok && overview.value.rows.map((o) => [o.name, o.weeklyHours, o.missedWeeks])).toEqual([
      ['Absent', { done: 0, skipped: 0, missed: 3 }, 3],
      ['Steady', { done: 3, skipped: 2, missed: 2 }, 0],
    ]);
  });
});
