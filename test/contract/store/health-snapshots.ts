import { describe, expect, it } from 'vitest';
import type { Group } from '../../../core/src/domain/group.ts';
import type { GroupHealthDay } from '../../../core/src/domain/group-health.ts';
import type { OverviewQuery, Store } from '../../../core/src/ports/store/index.ts';
import { aGroup, aHealthDay, aPerson, aSmallTenant, aTenant } from '../../support/factories.ts';
import type { GetStore } from './context.ts';

const DAY = '2026-03-10';
const WEEK_BEFORE = '2026-03-03';

const query = (overrides: Partial<OverviewQuery> = {}): OverviewQuery => ({
  sort: 'score',
  descending: false,
  flags: [],
  scoreRanges: [],
  groupIds: null,
  platform: null,
  search: null,
  trendDays: 7,
  limit: 50,
  offset: 0,
  ...overrides,
});

/** A tenant with named groups, their rows of DAY and of WEEK_BEFORE, and both days marked. */
async function aMeasuredTenant(
  store: Store,
  rows: readonly (readonly [string, Partial<GroupHealthDay> | null, number | null, Partial<Group>?])[],
) {
  const tenant = aTenant();
  await store.tenants.save(tenant);
  const owner = aPerson(tenant.id);
  await store.people.save(owner);
  const groups: Group[] = [];
  for (const [name, today, before, overrides] of rows) {
    const group = aGroup(tenant.id, [owner.id], { name, ...overrides });
    await store.groups.save(group);
    groups.push(group);
    if (today) await store.healthSnapshots.save(tenant.id, [aHealthDay(group.id, DAY, today)]);
    if (before !== null)
      await store.healthSnapshots.save(tenant.id, [aHealthDay(group.id, WEEK_BEFORE, { score: before })]);
  }
  for (const day of [WEEK_BEFORE, DAY])
    await store.healthSnapshots.markDay(tenant.id, {
      day,
      final: true,
      measuredAt: new Date(`${day}T23:59:00Z`),
      groups: rows.length,
    });
  const idOf = (name: string) => groups.find((g) => g.name === name)!.id;
  return { tenant, owner, groups, idOf };
}

export function healthSnapshotsContract(store: GetStore) {
  describe('health snapshots', () => {
    it('keeps a group’s rows by day, a day written again replacing its row', async () => {
      const { tenant, group } = await aSmallTenant(store());
      const first = aHealthDay(group.id, '2026-03-01');
      const second = aHealthDay(group.id, '2026-03-02', {
        score: null,
        components: {
          activity: null,
          growth: null,
          responsiveness: null,
          freshness: null,
          ownerEngagement: null,
          ownership: 0,
          purpose: 0,
        },
        activeRatio: null,
        flags: [],
      });
      await store().healthSnapshots.save(tenant.id, [first, second]);
      const replaced = { ...first, score: 12, activeRatio: 1 / 3, flags: ['idle' as const] };
      await store().healthSnapshots.save(tenant.id, [replaced]);

      expect(
        await store().healthSnapshots.series(tenant.id, group.id, { from: '2026-03-01', to: '2026-03-02' }),
      ).toEqual([replaced, second]);
      expect(
        await store().healthSnapshots.series(tenant.id, group.id, { from: '2026-03-02', to: '2026-03-09' }),
      ).toEqual([second]);
    });

    it('marks the days completely written, final or not, a mark replacing the day’s', async () => {
      const { tenant } = await aSmallTenant(store());
      const mark = (day: string, final: boolean, groups: number) => ({
        day,
        final,
        measuredAt: new Date(`${day}T10:00:00Z`),
        groups,
      });
      await store().healthSnapshots.markDay(tenant.id, mark('2026-03-02', false, 3));
      await store().healthSnapshots.markDay(tenant.id, mark('2026-03-01', true, 2));
      await store().healthSnapshots.markDay(tenant.id, mark('2026-03-02', true, 4));
      expect(await store().healthSnapshots.days(tenant.id, { from: '2026-03-01', to: '2026-03-31' })).toEqual([
        mark('2026-03-01', true, 2),
        mark('2026-03-02', true, 4),
      ]);
      expect(await store().healthSnapshots.days(tenant.id, { from: '2026-03-02', to: '2026-03-02' })).toEqual([
        mark('2026-03-02', true, 4),
      ]);
    });

    it('lists the active groups with their latest row and their score a week before, by score, unmeasured ones last', async () => {
      const { tenant, owner, idOf } = await aMeasuredTenant(store(), [
        ['alpha', { score: 80 }, 70, undefined],
        ['bravo', { score: 40 }, 60, undefined],
        ['charlie', null, null, undefined],
        ['delta', { score: 40 }, null, undefined],
        ['echo', { score: 10 }, 20, { state: 'archived' }],
      ]);
      const ascending = await store().healthSnapshots.overview(tenant.id, query());
      expect(ascending.day).toBe(DAY);
      expect(ascending.total).toBe(4);
      expect(ascending.rows.map((r) => [r.name, r.health?.score ?? null, r.scoreBefore])).toEqual([
        ['bravo', 40, 60],
        ['delta', 40, null],
        ['alpha', 80, 70],
        ['charlie', null, null],
      ]);
      expect(ascending.rows[0]).toEqual({
        groupId: idOf('bravo'),
        name: 'bravo',
        platform: 'slack',
        owners: [{ personId: owner.id, displayName: owner.displayName, deactivated: false }],
        health: aHealthDay(idOf('bravo'), DAY, { score: 40 }),
        scoreBefore: 60,
      });
      const descending = await store().healthSnapshots.overview(tenant.id, query({ descending: true }));
      expect(descending.rows.map((r) => r.name)).toEqual(['alpha', 'bravo', 'delta', 'charlie']);
    });

    it('sorts by name, figures and trend', async () => {
      const { tenant } = await aMeasuredTenant(store(), [
        ['alpha', { score: 80, members: 10, activeRatio: 0.5, monthlyActive: 5 }, 90, undefined],
        ['bravo', { score: 40, members: 30, activeRatio: 0.1, monthlyActive: 3 }, 20, undefined],
        ['charlie', { score: 50, members: 20, activeRatio: null, monthlyActive: 0 }, 50, undefined],
      ]);
      const names = async (overrides: Partial<OverviewQuery>) =>
        (await store().healthSnapshots.overview(tenant.id, query(overrides))).rows.map((r) => r.name);
      expect(await names({ sort: 'name', descending: true })).toEqual(['charlie', 'bravo', 'alpha']);
      expect(await names({ sort: 'members' })).toEqual(['alpha', 'charlie', 'bravo']);
      expect(await names({ sort: 'activeRatio', descending: true })).toEqual(['alpha', 'bravo', 'charlie']);
      expect(await names({ sort: 'monthlyActive' })).toEqual(['charlie', 'bravo', 'alpha']);
      // Trends: alpha −10, bravo +20, charlie 0.
      expect(await names({ sort: 'trend', descending: true })).toEqual(['bravo', 'charlie', 'alpha']);
    });

    it('sorts by platform, active owners, flags raised and each component', async () => {
      const teams = { platformRef: { platform: 'teams' as const, workspaceId: 'tid', id: 'team-9' } };
      const components = (activity: number | null, growth: number) => ({
        ...aHealthDay('x', DAY).components,
        activity,
        growth,
      });
      const { tenant } = await aMeasuredTenant(store(), [
        ['alpha', { activeOwners: 2, flags: ['idle'], components: components(10, 90) }, null, teams],
        [
          'bravo',
          { activeOwners: 0, flags: ['idle', 'ownerless', 'no_purpose'], components: components(null, 50) },
          null,
          undefined,
        ],
        ['charlie', { activeOwners: 1, flags: [], components: components(60, 70) }, null, undefined],
      ]);
      const names = async (overrides: Partial<OverviewQuery>) =>
        (await store().healthSnapshots.overview(tenant.id, query(overrides))).rows.map((r) => r.name);
      expect(await names({ sort: 'platform', descending: true })).toEqual(['alpha', 'bravo', 'charlie']);
      expect(await names({ sort: 'owners' })).toEqual(['bravo', 'charlie', 'alpha']);
      expect(await names({ sort: 'flags', descending: true })).toEqual(['bravo', 'alpha', 'charlie']);
      // A component not computed sorts last either way.
      expect(await names({ sort: 'activity' })).toEqual(['alpha', 'charlie', 'bravo']);
      expect(await names({ sort: 'activity', descending: true })).toEqual(['charlie', 'alpha', 'bravo']);
      expect(await names({ sort: 'growth' })).toEqual(['bravo', 'charlie', 'alpha']);
    });

    it('filters by score ranges (any of them) and by a scope of groups, with the total', async () => {
      const { tenant, idOf } = await aMeasuredTenant(store(), [
        ['alpha', { score: 39 }, null, undefined],
        ['bravo', { score: 40 }, null, undefined],
        ['charlie', { score: 70 }, null, undefined],
        ['delta', { score: 100 }, null, undefined],
        ['echo', null, null, undefined],
      ]);
      const overview = (overrides: Partial<OverviewQuery>) =>
        store().healthSnapshots.overview(tenant.id, query(overrides));
      const names = async (overrides: Partial<OverviewQuery>) => (await overview(overrides)).rows.map((r) => r.name);
      expect(await names({ scoreRanges: [{ min: 40, max: 70 }] })).toEqual(['bravo']);
      expect(
        await names({
          scoreRanges: [
            { min: 0, max: 40 },
            { min: 70, max: 101 },
          ],
        }),
      ).toEqual(['alpha', 'charlie', 'delta']);
      expect(await overview({ groupIds: [idOf('delta'), idOf('echo'), idOf('alpha')] })).toMatchObject({
        total: 3,
        rows: [{ name: 'alpha' }, { name: 'delta' }, { name: 'echo' }],
      });
      expect(await overview({ groupIds: [] })).toMatchObject({ total: 0, rows: [] });
      expect(await names({ groupIds: [idOf('alpha'), idOf('bravo')], scoreRanges: [{ min: 40, max: 70 }] })).toEqual([
        'bravo',
      ]);
    });

    it('names each row’s owners in the group’s order, deactivated ones said so, for the page only', async () => {
      const { tenant, owner, idOf } = await aMeasuredTenant(store(), [['alpha', { score: 50 }, null, undefined]]);
      const gone = { ...aPerson(tenant.id), deactivatedAt: new Date('2026-03-01T00:00:00Z') };
      await store().people.save(gone);
      const group = (await store().groups.get(tenant.id, idOf('alpha')))!;
      await store().groups.save({ ...group, ownerIds: [gone.id, owner.id] });
      const page = await store().healthSnapshots.overview(tenant.id, query());
      expect(page.rows[0]?.owners).toEqual([
        { personId: gone.id, displayName: gone.displayName, deactivated: true },
        { personId: owner.id, displayName: owner.displayName, deactivated: false },
      ]);
    });

    it('filters by flags (all of them), platform and part of the name, and pages with the total', async () => {
      const { tenant } = await aMeasuredTenant(store(), [
        ['ops_100%', { score: 10, flags: ['idle', 'ownerless'] }, null, undefined],
        [
          'ops-1team',
          { score: 20, flags: ['idle'] },
          null,
          { platformRef: { platform: 'teams', workspaceId: 'tid', id: 'team-1' } },
        ],
        ['design', { score: 30, flags: ['idle', 'ownerless', 'no_purpose'] }, null, undefined],
        ['opsy', null, null, undefined],
      ]);
      const overview = (overrides: Partial<OverviewQuery>) =>
        store().healthSnapshots.overview(tenant.id, query(overrides));
      const names = async (overrides: Partial<OverviewQuery>) => (await overview(overrides)).rows.map((r) => r.name);
      expect(await names({ flags: ['idle', 'ownerless'] })).toEqual(['ops_100%', 'design']);
      expect(await names({ platform: 'teams' })).toEqual(['ops-1team']);
      expect(await names({ search: 'OPS' })).toEqual(['ops_100%', 'ops-1team', 'opsy']);
      // Wildcards are taken literally: "s_1" would match "ops-1team" too.
      expect(await names({ search: 's_1' })).toEqual(['ops_100%']);
      expect(await names({ search: '%' })).toEqual(['ops_100%']);

      expect(await overview({ limit: 2, offset: 1 })).toMatchObject({
        total: 4,
        rows: [{ name: 'ops-1team' }, { name: 'design' }],
      });
      expect(await overview({ limit: 2, offset: 10 })).toEqual({ day: DAY, total: 4, rows: [] });
    });

    it('reads the latest day marked, and answers without a day before the first', async () => {
      const { tenant, owner } = await aSmallTenant(store());
      expect(await store().healthSnapshots.overview(tenant.id, query())).toMatchObject({
        day: null,
        total: 1,
        rows: [{ health: null }],
      });
      const other = aGroup(tenant.id, [owner.id]);
      await store().groups.save(other);
      // A day being written (rows, no mark yet) is not read.
      await store().healthSnapshots.save(tenant.id, [aHealthDay(other.id, '2026-03-11', { score: 99 })]);
      await store().healthSnapshots.save(tenant.id, [aHealthDay(other.id, DAY, { score: 55 })]);
      await store().healthSnapshots.markDay(tenant.id, { day: DAY, final: true, measuredAt: new Date(), groups: 1 });
      const page = await store().healthSnapshots.overview(tenant.id, query());
      expect(page.day).toBe(DAY);
      expect(page.rows.find((r) => r.groupId === other.id)?.health?.score).toBe(55);
    });
  });
}
