import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Group } from '../../core/src/domain/group.ts';
import type { Store } from '../../core/src/ports/store/index.ts';
import type { CoreDeps } from '../../core/src/use-cases/deps.ts';
import { groupDetail } from '../../core/src/use-cases/health/group-detail.ts';
import { groupsHealthNow } from '../../core/src/use-cases/health/measure.ts';
import { allGroupsOverview, type GroupOverview, groupsOverview } from '../../core/src/use-cases/health/overview.ts';
import { SNAPSHOT_BUDGET, takeHealthSnapshots } from '../../core/src/use-cases/health/snapshot.ts';
import { setHealthWeights } from '../../core/src/use-cases/health/weights.ts';
import { openTemporaryEmbeddedStore } from '../support/embedded-store.ts';
import { aGroup, anEvent, aPerson, aTenant } from '../support/factories.ts';
import { WallClock } from '../support/wall-clock.ts';

// The snapshot job and the community managers' reads over it, on the embedded store, with figures
// worked out by hand from METRICS.md and domain/health.ts.

const NOW = '2026-03-10T12:00:00Z';

describe('group health: snapshot job and dashboard reads', () => {
  let store: Store;
  let dispose: () => Promise<void>;
  let clock: WallClock;
  const deps = (): CoreDeps => ({ store, clock });

  beforeAll(async () => {
    ({ store, dispose } = await openTemporaryEmbeddedStore());
  });
  afterAll(async () => {
    await dispose();
  });

  /**
   * A tenant installed on 7 March: "alpha", one owner, no purpose, four members two of whom
   * replied on 9 March; "bravo", registered on 9 March, two owners and a purpose, no members.
   */
  async function aTenantWithTwoGroups() {
    clock = new WallClock(NOW);
    const tenant = aTenant({ createdAt: new Date('2026-03-07T08:00:00Z') });
    await store.tenants.save(tenant);
    const [owner, coOwner, ...members] = Array.from({ length: 6 }, () => aPerson(tenant.id));
    for (const person of [owner!, coOwner!, ...members]) await store.people.save(person);
    const alpha = aGroup(tenant.id, [owner!.id], {
      name: 'alpha',
      purpose: null,
      createdAt: new Date('2026-02-01T00:00:00Z'),
    });
    const bravo = aGroup(tenant.id, [owner!.id, coOwner!.id], {
      name: 'bravo',
      purpose: 'Help each other',
      createdAt: new Date('2026-03-09T10:00:00Z'),
    });
    await store.groups.save(alpha);
    await store.groups.save(bravo);
    for (const member of members)
      await store.memberships.recordJoin(tenant.id, alpha.id, member.id, new Date('2026-02-01T00:00:00Z'));
    await store.contributions.record(
      tenant.id,
      members.slice(0, 2).map((m, i) =>
        anEvent(tenant.id, alpha.id, m.id, {
          kind: 'reply',
          threadId: `t${i}`,
          occurredAt: new Date('2026-03-09T15:00:00Z'),
        }),
      ),
    );
    return { tenant, owner: owner!, coOwner: coOwner!, alpha, bravo };
  }

  it('measures today and every day since the install on a first run, then refreshes only today', async () => {
    const { tenant, alpha, bravo } = await aTenantWithTwoGroups();
    // 10, 9, 8 and 7 March; bravo exists on the last two only.
    expect(await takeHealthSnapshots(deps())).toEqual({ days: 4, rows: 6, unfinished: false });
    const days = await store.healthSnapshots.days(tenant.id, { from: '2026-03-01', to: '2026-03-31' });
    expect(days.map((d) => [d.day, d.final, d.groups])).toEqual([
      ['2026-03-07', true, 1],
      ['2026-03-08', true, 1],
      ['2026-03-09', true, 2],
      ['2026-03-10', false, 2],
    ]);
    const [today] = await store.healthSnapshots.series(tenant.id, alpha.id, { from: '2026-03-10', to: '2026-03-10' });
    // Two of four members active: ratio 0.5 ≥ 0.4, activity 100; no joins or leaves: growth 70;
    // one owner: 50; no purpose: 0; no question, content or weekly card: left out.
    // Score (100·30 + 70·10 + 50·15 + 0·5) / 60 = 74.2.
    expect(today).toMatchObject({
      members: 4,
      weeklyActive: 2,
      monthlyActive: 2,
      activeRatio: 0.5,
      components: {
        activity: 100,
        growth: 70,
        responsiveness: null,
        freshness: null,
        ownerEngagement: null,
        ownership: 50,
        purpose: 0,
      },
      score: 74,
      flags: ['single_owner', 'no_purpose'],
      measuredAt: new Date(NOW),
    });
    // On 8 March nobody had replied yet: activity 0, and idle. (0·30 + 70·10 + 50·15 + 0) / 60 = 24.2.
    const [before] = await store.healthSnapshots.series(tenant.id, alpha.id, { from: '2026-03-08', to: '2026-03-08' });
    expect(before).toMatchObject({
      monthlyActive: 0,
      score: 24,
      flags: ['idle', 'single_owner', 'no_purpose'],
      measuredAt: new Date('2026-03-09T00:00:00Z'),
    });
    expect(
      await store.healthSnapshots.series(tenant.id, bravo.id, { from: '2026-03-01', to: '2026-03-31' }),
    ).toHaveLength(2);

    clock.advance(60 * 60_000);
    expect(await takeHealthSnapshots(deps())).toEqual({ days: 1, rows: 2, unfinished: false });
    const [refreshed] = await store.healthSnapshots.series(tenant.id, alpha.id, {
      from: '2026-03-10',
      to: '2026-03-10',
    });
    expect(refreshed?.measuredAt).toEqual(new Date('2026-03-10T13:00:00Z'));
  });

  it('leaves the days past its budget to the next run, today first at every run', async () => {
    // A store of its own: the job reads every tenant's groups.
    const own = await openTemporaryEmbeddedStore();
    const outer = store;
    store = own.store;
    try {
      const { tenant } = await aTenantWithTwoGroups();
      const budget = { ...SNAPSHOT_BUDGET, days: 2 };
      const marked = async () =>
        (await store.healthSnapshots.days(tenant.id, { from: '2026-03-01', to: '2026-03-31' })).map((d) => [
          d.day,
          d.final,
        ]);
      expect(await takeHealthSnapshots(deps(), budget)).toEqual({ days: 2, rows: 4, unfinished: true });
      expect(await marked()).toEqual([
        ['2026-03-09', true],
        ['2026-03-10', false],
      ]);
      clock.advance(60_000);
      expect(await takeHealthSnapshots(deps(), budget)).toEqual({ days: 2, rows: 3, unfinished: true });
      expect(await takeHealthSnapshots(deps(), budget)).toEqual({ days: 2, rows: 3, unfinished: false });
      expect(await marked()).toEqual([
        ['2026-03-07', true],
        ['2026-03-08', true],
        ['2026-03-09', true],
        ['2026-03-10', false],
      ]);
    } finally {
      store = outer;
      await own.dispose();
    }
  });

  const rowOf = (rows: readonly GroupOverview[], group: Group) => rows.find((r) => r.groupId === group.id);

  it('shows the table with owners, band and flags; filters by band and by a scope of groups', async () => {
    const { tenant, owner, coOwner, alpha, bravo } = await aTenantWithTwoGroups();
    await takeHealthSnapshots(deps());
    const all = await groupsOverview(deps(), tenant.id, { sort: 'name' });
    expect(all).toMatchObject({ ok: true, value: { day: '2026-03-10', total: 2 } });
    if (!all.ok) return;
    expect(all.value.rows.map((r) => r.name)).toEqual(['alpha', 'bravo']);
    expect(rowOf(all.value.rows, alpha)).toMatchObject({
      platform: 'slack',
      owners: [{ personId: owner.id, displayName: owner.displayName, deactivated: false }],
      band: 'good',
      health: { score: 74, flags: ['single_owner', 'no_purpose'] },
      trend: null,
    });
    // bravo: no members, so activity left out and idle; growth null; two owners 100, purpose 100: (100·15 + 100·5) / 20 = 100.
    expect(rowOf(all.value.rows, bravo)).toMatchObject({
      owners: [
        { personId: owner.id, deactivated: false },
        { personId: coOwner.id, deactivated: false },
      ],
      health: { score: 100, flags: ['idle'] },
    });

    const good = await groupsOverview(deps(), tenant.id, { bands: ['good'], flags: ['single_owner'] });
    expect(good.ok && good.value.rows.map((r) => r.name)).toEqual(['alpha']);
    const poor = await groupsOverview(deps(), tenant.id, { bands: ['poor', 'fair'] });
    expect(poor.ok && poor.value.total).toBe(0);
    const scoped = await groupsOverview(deps(), tenant.id, {}, { groupIds: [bravo.id, 'not-an-id'] });
    expect(scoped.ok && scoped.value.rows.map((r) => r.name)).toEqual(['bravo']);
  });

  it('measures now a group the snapshot has not measured yet, without a trend', async () => {
    const { tenant, owner } = await aTenantWithTwoGroups();
    await takeHealthSnapshots(deps());
    const newcomer = aGroup(tenant.id, [owner.id], { name: 'charlie', purpose: 'New', createdAt: new Date(NOW) });
    await store.groups.save(newcomer);
    const page = await groupsOverview(deps(), tenant.id, { search: 'charlie' });
    expect(page.ok && page.value.rows).toEqual([
      // One owner 50, a purpose 100, nothing else computable: (50·15 + 100·5) / 20 = 62.5.
      expect.objectContaining({
        groupId: newcomer.id,
        band: 'fair',
        trend: null,
        health: expect.objectContaining({ day: '2026-03-10', score: 63 }),
      }),
    ]);
  });

  it('refuses a request it cannot read, naming the field', async () => {
    const { tenant } = await aTenantWithTwoGroups();
    expect(await groupsOverview(deps(), tenant.id, { sort: 'size' })).toMatchObject({
      ok: false,
      code: 'invalid_input',
      params: { field: 'sort' },
    });
    expect(await groupsOverview(deps(), tenant.id, { bands: ['meh'] })).toMatchObject({
      ok: false,
      params: { field: 'bands' },
    });
    expect(await groupsOverview(deps(), tenant.id, { bands: 'good' })).toMatchObject({
      ok: false,
      params: { field: 'bands' },
    });
    expect(await groupsOverview(deps(), tenant.id, { limit: 201 })).toMatchObject({
      ok: false,
      params: { field: 'limit' },
    });
    expect(allGroupsOverview(deps(), tenant.id, { flags: ['sleepy'] })).toMatchObject({
      ok: false,
      params: { field: 'flags' },
    });
  });

  it('reads every group in batches for a CSV, as sorted', async () => {
    const { tenant } = await aTenantWithTwoGroups();
    await takeHealthSnapshots(deps());
    const all = allGroupsOverview(deps(), tenant.id, { sort: 'score', order: 'desc', limit: 1 });
    expect(all.ok).toBe(true);
    if (!all.ok) return;
    const names: string[] = [];
    for await (const batch of all.value) names.push(...batch.map((r) => r.name));
    expect(names).toEqual(['bravo', 'alpha']);
  });

  it('shows a group’s page: the daily series of the period beside its activity, and its health now', async () => {
    const { tenant, alpha } = await aTenantWithTwoGroups();
    await takeHealthSnapshots(deps());
    const detail = await groupDetail(deps(), tenant.id, alpha.id, { from: '2026-03-06', to: '2026-03-10' });
    expect(detail.ok).toBe(true);
    if (!detail.ok) return;
    expect(detail.value.series.map((p) => [p.day, p.health?.score ?? null, p.activity.replies])).toEqual([
      ['2026-03-06', null, 0],
      ['2026-03-07', 24, 0],
      ['2026-03-08', 24, 0],
      ['2026-03-09', 74, 2],
      ['2026-03-10', 74, 0],
    ]);
    expect(detail.value.now).toMatchObject({ score: 74, members: 4 });
    expect(detail.value.members).toMatchObject({ members: 4, monthlyActive: 2, activeRatio: 0.5 });
    expect(await groupDetail(deps(), tenant.id, alpha.id, { from: '2026-03-10', to: '2026-03-06' })).toMatchObject({
      ok: false,
      code: 'invalid_input',
    });
    expect(await groupDetail(deps(), aTenant().id, alpha.id, { from: '2026-03-06', to: '2026-03-10' })).toMatchObject({
      ok: false,
      code: 'not_found',
    });
  });

  it('names a group’s top contributors and the askers of its open questions, null for an id with no person on record', async () => {
    const { tenant, alpha } = await aTenantWithTwoGroups();
    const asker = aPerson(tenant.id, { displayName: 'Ada Asker' });
    await store.people.save(asker);
    await store.memberships.recordJoin(tenant.id, alpha.id, asker.id, new Date('2026-02-01T00:00:00Z'));
    const stranger = aPerson(tenant.id); // contributed, but never saved as a person
    await store.contributions.record(tenant.id, [
      anEvent(tenant.id, alpha.id, asker.id, {
        kind: 'post',
        threadId: 'q1',
        asksQuestion: true,
        occurredAt: new Date('2026-03-10T08:00:00Z'),
      }),
      anEvent(tenant.id, alpha.id, stranger.id, {
        kind: 'reply',
        threadId: 't9',
        occurredAt: new Date('2026-03-08T08:00:00Z'),
      }),
    ]);
    const detail = await groupDetail(deps(), tenant.id, alpha.id, { from: '2026-03-06', to: '2026-03-10' });
    expect(detail.ok).toBe(true);
    if (!detail.ok) return;
    const { top } = detail.value.contributors;
    const saved = new Map(
      (
        await store.people.getMany(
          tenant.id,
          top.map((c) => c.personId),
        )
      ).map((p) => [p.id, p.displayName]),
    );
    // The two members who replied, the asker and the stranger: four contributors, three on record.
    expect(top).toHaveLength(4);
    expect(top.map((c) => c.displayName)).toEqual(top.map((c) => saved.get(c.personId) ?? null));
    expect(top.find((c) => c.personId === asker.id)?.displayName).toBe('Ada Asker');
    expect(top.find((c) => c.personId === stranger.id)?.displayName).toBeNull();
    expect(detail.value.questions.open).toEqual([
      expect.objectContaining({ threadId: 'q1', askerId: asker.id, askerName: 'Ada Asker' }),
    ]);
  });

  it('takes a community manager’s weights from the next run on, audited once; refuses others and wrong weights', async () => {
    const { tenant, owner, alpha } = await aTenantWithTwoGroups();
    const manager = aPerson(tenant.id, { roles: ['community_manager'] });
    await store.people.save(manager);
    const weights = {
      activity: 0,
      growth: 0,
      responsiveness: 0,
      freshness: 0,
      ownerEngagement: 0,
      ownership: 1,
      purpose: 1,
    };
    expect(await setHealthWeights(deps(), owner, weights)).toMatchObject({ ok: false, code: 'not_a_manager' });
    expect(await setHealthWeights(deps(), manager, { ...weights, ownership: 101 })).toMatchObject({
      ok: false,
      params: { field: 'weights' },
    });
    expect(await setHealthWeights(deps(), manager, { ...weights, size: 3 })).toMatchObject({
      ok: false,
      params: { field: 'weights' },
    });
    expect(await setHealthWeights(deps(), manager, weights)).toEqual({ ok: true, value: weights });
    expect(await setHealthWeights(deps(), manager, weights)).toEqual({ ok: true, value: weights });
    expect((await store.tenants.get(tenant.id))?.healthWeights).toEqual(weights);
    const audit = await store.audit.list(tenant.id, { subjectId: tenant.id, limit: 10 });
    expect(audit.filter((e) => e.action === 'tenant.health_weights_changed')).toHaveLength(1);

    await takeHealthSnapshots(deps());
    // Ownership 50 and purpose 0, weighed 1 each: 25.
    const [today] = await store.healthSnapshots.series(tenant.id, alpha.id, { from: '2026-03-10', to: '2026-03-10' });
    expect(today?.score).toBe(25);
  });

  it('counts an owner who left the group as gone: a channel whose only owner left is ownerless, not single-owner', async () => {
    const { tenant, owner, alpha } = await aTenantWithTwoGroups();
    // Slack keeps the last owner in ownerIds after they leave the channel: only the membership says so.
    await store.memberships.recordJoin(tenant.id, alpha.id, owner.id, new Date('2026-02-01T00:00:00Z'));
    await store.memberships.recordLeave(tenant.id, alpha.id, owner.id, new Date('2026-03-09T18:00:00Z'));
    // Measured now, without the snapshot job, which would also measure the other tests' tenants.
    const now = await groupsHealthNow(deps(), tenant.id, [alpha.id]);
    const today = now.ok ? now.value[0] : undefined;
    expect(today).toMatchObject({ activeOwners: 0, components: { ownership: 0 } });
    expect(today?.flags).toContain('ownerless');
    expect(today?.flags).not.toContain('single_owner');
    const detail = await groupDetail(deps(), tenant.id, alpha.id, { from: '2026-03-01', to: '2026-03-10' });
    expect(detail.ok && detail.value.owners.activeOwnerIds).toEqual([]);
  });
});
