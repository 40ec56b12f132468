import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type DemoSummary,
  type DemoTenant,
  generateDemoTenant,
  HISTORY_DAYS,
  pendingDemoSeed,
  seedDemoTenant,
} from '../../core/src/demo/index.ts';
import { utcDay } from '../../core/src/domain/rollups.ts';
import type { Store } from '../../core/src/ports/store/index.ts';
import { openEmbeddedStore } from '../../core/src/stores/postgres/index.ts';
import { groupsOverview } from '../../core/src/use-cases/health/overview.ts';
import { SNAPSHOT_BUDGET, takeHealthSnapshots } from '../../core/src/use-cases/health/snapshot.ts';

const now = new Date('2026-04-15T09:30:00Z');
const seed = 11;
const DAY = 86_400_000;
const history = { from: utcDay(new Date(now.getTime() - HISTORY_DAYS * DAY)), to: utcDay(now) };
const lastTwoWeeks = { from: utcDay(new Date(now.getTime() - 14 * DAY)), to: utcDay(now) };

describe('demo tenant seeded into embedded PGlite', () => {
  let dataDir: string;
  let store: Store;
  let pendingBefore: { now: Date } | null;
  let summary: DemoSummary;
  // The generator is deterministic, so it tells which stored group is which.
  let demo: DemoTenant;
  const steps = new Map<string, { done: number; total: number }>();

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'steward-demo-'));
    ({ store } = await openEmbeddedStore(dataDir));
    pendingBefore = await pendingDemoSeed(store, now, seed);
    summary = await seedDemoTenant(store, {
      now,
      seed,
      onProgress: (step, done, total) => steps.set(step, { done, total }),
    });
    demo = generateDemoTenant({ now, seed });
  });

  afterAll(async () => {
    await store?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  const groupsOf = (profile: DemoTenant['groups'][number]['profile']) =>
    demo.groups.filter((g) => g.profile === profile).map((g) => g.group);
  const tenantId = () => summary.tenantId;

  it('seeds an empty store with exactly one tenant and reports every step to the end', async () => {
    expect(pendingBefore).toEqual({ now });
    expect(await pendingDemoSeed(store, new Date(), seed)).toBeNull();
    const tenants = await store.tenants.list();
    expect(tenants.map((t) => t.id)).toEqual([demo.tenant.id]);
    expect(summary.tenantId).toBe(demo.tenant.id);
    const events = steps.get('contribution events');
    expect(events).toEqual({ done: demo.events.length, total: demo.events.length });
  });

  it('stores all groups, people and events it reports', async () => {
    expect(summary).toMatchObject({
      groups: demo.groups.length,
      people: 300,
      events: demo.events.length,
      contentItems: demo.contentItems.length,
    });
    expect(summary.groups).toBeGreaterThanOrEqual(50);
    expect(await store.groups.list(tenantId())).toHaveLength(summary.groups);
    expect(await store.people.list(tenantId(), { limit: 1000, offset: 0 })).toHaveLength(300);
    const both = demo.people.find((p) => p.identities.length === 2)!;
    const bySlack = await store.people.findByIdentity(tenantId(), both.identities.find((i) => i.platform === 'slack')!);
    const byTeams = await store.people.findByIdentity(tenantId(), both.identities.find((i) => i.platform === 'teams')!);
    expect(bySlack?.id).toBe(both.id);
    expect(byTeams?.id).toBe(both.id);
  });

  it('rolls up a lively group: activity on almost every day, answered questions, many contributors', async () => {
    const [lively] = groupsOf('lively');
    const days = await store.contributions.groupDays(tenantId(), lively!.id, history);
    expect(days.length).toBeGreaterThan(80);
    const weekdays = days.filter((d) => ![0, 6].includes(new Date(`${d.day}T00:00:00Z`).getUTCDay()));
    expect(weekdays.every((d) => d.posts > 0 && d.distinctContributors > 0)).toBe(true);
    expect(days.reduce((sum, d) => sum + d.questionsAnswered, 0)).toBeGreaterThan(0);
    expect((await store.contributions.memberDays(tenantId(), lively!.id, lastTwoWeeks)).length).toBeGreaterThan(50);
    const questions = await store.contributions.questions(tenantId(), lively!.id);
    expect(questions.some((q) => q.firstResponseAt !== null)).toBe(true);
  });

  it('rolls up a dying group: busy at first, near-empty in the recent days', async () => {
    for (const dying of groupsOf('dying')) {
      const early = await store.contributions.groupDays(tenantId(), dying.id, {
        from: history.from,
        to: utcDay(new Date(now.getTime() - (HISTORY_DAYS - 30) * DAY)),
      });
      expect(early.reduce((sum, d) => sum + d.posts + d.replies + d.reactions, 0)).toBeGreaterThan(100);
      const recent = await store.contributions.groupDays(tenantId(), dying.id, lastTwoWeeks);
      expect(recent.reduce((sum, d) => sum + d.posts + d.replies + d.reactions + d.files + d.answers, 0)).toBe(0);
    }
  });

  it('keeps memberships consistent with the plan', async () => {
    for (const { group } of demo.groups.slice(0, 10)) {
      const current = demo.memberships.filter((m) => m.groupId === group.id && m.leftAt === null).length;
      expect(await store.memberships.countMembers(tenantId(), group.id)).toBe(current);
    }
  });

  it('lists the pending membership requests, and keeps the decided ones with their owner and reason', async () => {
    const pending = await store.membershipRequests.listPending(tenantId());
    expect(pending.length).toBe(summary.pendingRequests);
    expect(pending.length).toBeGreaterThan(0);
    const decided = demo.requests.filter((r) => r.decision !== null);
    expect(decided.length).toBe(summary.decidedRequests);
    for (const { request, decision } of decided) {
      const stored = await store.membershipRequests.get(tenantId(), request.id);
      expect(stored).toMatchObject({
        status: decision!.status,
        decidedBy: decision!.decidedBy,
        reason: decision!.reason,
      });
    }
  });

  it('has ownerless groups whose stored owners are all deactivated', async () => {
    const ownerless = groupsOf('ownerless');
    expect(ownerless.length).toBeGreaterThan(0);
    for (const { id } of ownerless) {
      const group = await store.groups.get(tenantId(), id);
      const owners = await Promise.all(group!.ownerIds.map((owner) => store.people.get(tenantId(), owner)));
      expect(owners.length).toBeGreaterThan(0);
      expect(owners.every((owner) => owner?.deactivatedAt instanceof Date)).toBe(true);
    }
  });

  it('stores content inventories and weekly-hour history', async () => {
    const [lively] = groupsOf('lively');
    const items = await store.contentItems.listByGroup(tenantId(), lively!.id);
    expect(items.length).toBe(demo.contentItems.filter((c) => c.groupId === lively!.id).length);
    const record = demo.weeklyHours.find((w) => w.status === 'skipped')!;
    const history = await store.weeklyHours.listByOwner(tenantId(), record.ownerId, 10);
    expect(history).toContainEqual(
      expect.objectContaining({ week: record.week, status: 'skipped', skipReason: record.skipReason }),
    );
  });

  it('shows every group on the dashboard with health, components and flags once today is measured, as at start', async () => {
    const deps = { store, clock: { now: () => now } };
    expect(await takeHealthSnapshots(deps, { ...SNAPSHOT_BUDGET, days: 1 })).toEqual({
      days: 1,
      rows: 52,
      unfinished: true,
    });
    const page = await groupsOverview(deps, tenantId(), { limit: 200 });
    expect(page.ok).toBe(true);
    if (!page.ok) return;
    expect(page.value.total).toBe(demo.groups.length);
    expect(page.value.rows).toHaveLength(52);
    for (const row of page.value.rows) {
      expect(row.health?.score, row.name).toBeTypeOf('number');
      expect(row.band, row.name).not.toBeNull();
      expect(row.owners.length, row.name).toBeGreaterThan(0);
    }
    const flagsOf = (profile: DemoTenant['groups'][number]['profile']) =>
      page.value.rows.filter((r) => groupsOf(profile).some((g) => g.id === r.groupId)).map((r) => r.health!.flags);
    expect(flagsOf('ownerless').every((flags) => flags.includes('ownerless'))).toBe(true);
    const score = (profile: DemoTenant['groups'][number]['profile']) =>
      Math.min(
        ...page.value.rows
          .filter((r) => groupsOf(profile).some((g) => g.id === r.groupId))
          .map((r) => r.health!.score!),
      );
    const best = (profile: DemoTenant['groups'][number]['profile']) =>
      Math.max(
        ...page.value.rows
          .filter((r) => groupsOf(profile).some((g) => g.id === r.groupId))
          .map((r) => r.health!.score!),
      );
    // The seeded profiles read as such: the worst lively group is healthier than the best dying one.
    expect(score('lively')).toBeGreaterThan(best('dying'));
  });
});

describe('demo seed cut short', () => {
  let dataDir: string;
  let store: Store;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'steward-demo-cut-'));
    ({ store } = await openEmbeddedStore(dataDir));
  });
  afterAll(async () => {
    await store?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it("is finished on the next start with the first start's own now", async () => {
    const { tenant, people } = generateDemoTenant({ now, seed });
    await store.tenants.save(tenant);
    await store.people.save(people[0]!);
    expect(await pendingDemoSeed(store, new Date('2030-01-01T00:00:00Z'), seed)).toEqual({ now });
  });

  it('never touches a store that holds another tenant', async () => {
    await store.tenants.save({ ...generateDemoTenant({ now, seed: seed + 1 }).tenant, name: 'Real company' });
    expect(await pendingDemoSeed(store, now, seed)).toBeNull();
  });
});
