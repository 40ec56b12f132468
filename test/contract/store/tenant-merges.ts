import { describe, expect, it } from 'vitest';
import type { ContributionEvent } from '../../../core/src/domain/contribution.ts';
import type { Group } from '../../../core/src/domain/group.ts';
import { newId } from '../../../core/src/domain/ids.ts';
import type { IsoWeek } from '../../../core/src/domain/iso-week.ts';
import type { Person } from '../../../core/src/domain/person.ts';
import type { Platform } from '../../../core/src/domain/platform.ts';
import type { Tenant } from '../../../core/src/domain/tenant.ts';
import { newWeeklyHourRecord } from '../../../core/src/domain/weekly-hour.ts';
import { ErrorCode } from '../../../core/src/errors.ts';
import type { OutboxMessage, Store } from '../../../core/src/ports/store/index.ts';
import { planTenantMerge } from '../../../core/src/use-cases/organisation.ts';
import {
  aContentItem,
  aGroup,
  aHealthDay,
  anEvent,
  anInstallation,
  aPerson,
  aRequest,
  aTenant,
} from '../../support/factories.ts';
import type { GetStore } from './context.ts';

const RANGE = { from: '2000-01-01', to: '2100-01-01' };
const at = (iso: string) => new Date(iso);

/**
 * A tenant with a row of every kind: an owner (of `email`) and a member on `platform`, a group with
 * both as members, a pending and a decided request, a content item, a question answered, rollups,
 * weekly hours (one delegated to the member, W11 in `w11`'s status), the schedule, audit, outbox,
 * installation, grant.
 */
async function aFullTenant(
  store: Store,
  options: {
    email: string;
    platform: Platform;
    createdAt: string;
    delegated: IsoWeek;
    w11: 'pending' | 'done';
    dueAt: string;
  },
) {
  const workspaceId = `${options.platform}-${newId()}`;
  const tenant = aTenant({ createdAt: at(options.createdAt) });
  await store.tenants.save(tenant);
  const identity = (userId: string) => [{ platform: options.platform, workspaceId, userId }];
  const owner = aPerson(tenant.id, {
    email: options.email,
    identities: identity(`U-owner-${newId()}`),
    roles: ['administrator'],
  });
  const member = aPerson(tenant.id, { identities: identity(`U-member-${newId()}`) });
  const outsider = aPerson(tenant.id, { identities: identity(`U-outsider-${newId()}`) });
  for (const person of [owner, member, outsider]) await store.people.save(person);
  const group = aGroup(tenant.id, [owner.id], {
    platformRef: { platform: options.platform, workspaceId, id: `C-${newId()}` },
  });
  await store.groups.save(group);
  const groupKey = { platform: options.platform, workspaceId, id: `19:${newId()}@thread.tacv2` };
  await store.groups.addKeys(tenant.id, group.id, [groupKey]);
  await store.groupSyncs.save({
    tenantId: tenant.id,
    groupId: group.id,
    passStartedAt: null,
    cursor: null,
    lastPassAt: at('2026-03-01T00:00:00Z'),
    dueAt: at('2026-03-02T00:00:00Z'),
  });
  await store.memberships.recordJoin(tenant.id, group.id, owner.id, at('2026-03-01T09:00:00Z'));
  await store.memberships.recordJoin(tenant.id, group.id, member.id, at('2026-03-01T09:30:00Z'));
  const pending = aRequest(tenant.id, group.id, outsider.id);
  const decided = aRequest(tenant.id, group.id, member.id);
  await store.membershipRequests.create(pending);
  await store.membershipRequests.create(decided);
  await store.membershipRequests.decide(tenant.id, decided.id, {
    status: 'approved',
    decidedBy: owner.id,
    decidedAt: at('2026-03-01T11:00:00Z'),
    reason: null,
  });
  const item = await store.contentItems.save(
    aContentItem(tenant.id, group.id, {
      platformRef: { platform: options.platform, workspaceId, id: `Bk-${newId()}` },
    }),
  );
  const thread = `T-${newId()}`;
  const event = (personId: string, overrides: Partial<ContributionEvent>) =>
    anEvent(tenant.id, group.id, personId, { platform: options.platform, ...overrides });
  const events = [
    event(owner.id, { kind: 'post', occurredAt: at('2026-03-02T10:00:00Z'), threadId: thread, asksQuestion: true }),
    event(member.id, { kind: 'answer', occurredAt: at('2026-03-02T11:00:00Z'), threadId: thread }),
    event(member.id, { kind: 'reaction', occurredAt: at('2026-03-03T11:00:00Z') }),
    event(owner.id, { kind: 'file', occurredAt: at('2026-03-04T11:00:00Z') }),
  ];
  await store.contributions.record(tenant.id, events);
  await store.weeklyHours.claim(newWeeklyHourRecord(tenant.id, owner.id, options.delegated, at(options.createdAt)));
  await store.weeklyHours.claim(newWeeklyHourRecord(tenant.id, owner.id, '2026-W11', at('2026-03-09T09:00:00Z')));
  if (options.w11 === 'done') {
    await store.weeklyHours.update(
      tenant.id,
      owner.id,
      '2026-W11',
      { status: 'done', doneAt: at('2026-03-09T10:00:00Z'), delegateId: null },
      ['pending'],
    );
  }
  await store.weeklyHours.update(
    tenant.id,
    owner.id,
    options.delegated,
    { status: 'delegated', delegateId: member.id },
    ['pending'],
  );
  await store.weeklyHours.scheduleCard(tenant.id, owner.id, at(options.dueAt));
  await store.audit.append({
    id: newId(),
    tenantId: tenant.id,
    at: at('2026-03-01T11:00:00Z'),
    actorId: owner.id,
    action: 'membership_request.approved',
    subjectKind: 'person',
    subjectId: owner.id,
    details: {},
  });
  const message: OutboxMessage = {
    id: newId(),
    tenantId: tenant.id,
    platform: options.platform,
    workspaceId,
    groupId: null,
    operation: 'send_card',
    payload: { n: 1 },
    dedupeKey: `weekly_hour:${owner.id}:2026-W11`,
    status: 'pending',
    attempts: 0,
    createdAt: at('2026-03-09T09:00:00Z'),
    notBefore: at('2026-03-09T09:00:00Z'),
    lockedUntil: null,
    doneAt: null,
    result: null,
    lastError: null,
  };
  await store.outbox.enqueue(message);
  await store.installations.save(anInstallation(tenant.id, options.platform, workspaceId, at(options.createdAt)));
  await store.roleGrants.grant({
    tenantId: tenant.id,
    email: options.email.toLowerCase(),
    role: 'community_manager',
    source: 'configuration',
    grantedAt: at(options.createdAt),
  });
  await store.healthSnapshots.save(tenant.id, [aHealthDay(group.id, '2026-03-09')]);
  await store.healthSnapshots.markDay(tenant.id, {
    day: '2026-03-09',
    final: true,
    measuredAt: at('2026-03-10T00:00:00Z'),
    groups: 1,
  });
  return {
    tenant,
    owner,
    member,
    outsider,
    group,
    groupKey,
    requests: [pending.id, decided.id],
    item,
    events,
    message,
    workspaceId,
  };
}
type FullTenant = Awaited<ReturnType<typeof aFullTenant>>;

/** How many rows of each kind a tenant holds, read through the port, and the rollups' sums. */
async function census(
  store: Store,
  tenantId: string,
  groups: readonly Group[],
  people: readonly Person[],
  known: { requests: string[]; outbox: string[] },
) {
  const sum = (rows: readonly object[]) =>
    rows.reduce(
      (total, row) => total + Object.values(row).reduce<number>((s, v) => s + (typeof v === 'number' ? v : 0), 0),
      0,
    );
  const perGroup = async <T>(read: (groupId: string) => Promise<readonly T[]>) =>
    (await Promise.all(groups.map((g) => read(g.id)))).flat();
  const listed = await store.people.list(tenantId);
  return {
    people: listed.length,
    identities: listed.reduce((n, p) => n + p.identities.length, 0),
    groups: (await store.groups.list(tenantId)).length,
    memberships: (await perGroup((id) => store.memberships.listMembers(tenantId, id))).length,
    requests: (await Promise.all(known.requests.map((id) => store.membershipRequests.get(tenantId, id)))).filter(
      Boolean,
    ).length,
    contentItems: (await perGroup((id) => store.contentItems.listByGroup(tenantId, id))).length,
    groupDays: sum(await perGroup((id) => store.contributions.groupDays(tenantId, id, RANGE))),
    memberDays: sum(await perGroup((id) => store.contributions.memberDays(tenantId, id, RANGE))),
    spans: (await perGroup((id) => store.contributions.contributorSpans(tenantId, id))).length,
    questions: (await perGroup((id) => store.contributions.questions(tenantId, id))).length,
    weeklyHours: (await Promise.all(people.map((p) => store.weeklyHours.listByOwner(tenantId, p.id, 100)))).flat()
      .length,
    audit: (await store.audit.list(tenantId, { limit: 1000 })).length,
    outbox: (await Promise.all(known.outbox.map((id) => store.outbox.get(tenantId, id)))).filter(Boolean).length,
    installations: (await store.installations.listByTenant(tenantId)).length,
    roleGrants: (await store.roleGrants.list(tenantId)).length,
    healthRows: (await perGroup((id) => store.healthSnapshots.series(tenantId, id, RANGE))).length,
    snapshotDays: (await store.healthSnapshots.days(tenantId, RANGE)).length,
  };
}
const censusOf = (store: Store, t: FullTenant) =>
  census(store, t.tenant.id, [t.group], [t.owner, t.member, t.outsider], {
    requests: t.requests,
    outbox: [t.message.id],
  });

/** `a` and `b` counted together, as `a`'s tenant after merging `b` into it. */
async function censusOfBoth(store: Store, tenantId: string, a: FullTenant, b: FullTenant) {
  return census(store, tenantId, [a.group, b.group], [a.owner, a.member, a.outsider, b.owner, b.member, b.outsider], {
    requests: [...a.requests, ...b.requests],
    outbox: [a.message.id, b.message.id],
  });
}

/**
 * A Slack tenant and a later Teams one whose owners share an e-mail, both with this week done or
 * pending and the week before delegated: a merge's usual pair.
 */
async function twoTenantsSharingAnEmail(store: Store, name: string): Promise<{ a: FullTenant; b: FullTenant }> {
  const email = `${name}-${newId()}@example.com`;
  const shared = { email, delegated: '2026-W10', dueAt: '2026-03-16T09:00:00Z' } as const;
  const a = await aFullTenant(store, { ...shared, platform: 'slack', createdAt: '2026-01-01T00:00:00Z', w11: 'done' });
  const b = await aFullTenant(store, {
    ...shared,
    platform: 'teams',
    createdAt: '2026-02-01T00:00:00Z',
    w11: 'pending',
  });
  return { a, b };
}

async function merge(store: Store, into: Tenant, from: readonly Tenant[]) {
  const sharing = await store.people.listSharingEmail([into.id, ...from.map((t) => t.id)]);
  const plan = planTenantMerge(into, from, sharing, at('2026-03-10T12:00:00Z'));
  return { plan, result: await store.tenantMerges.merge(plan) };
}

export function tenantMergesContract(store: GetStore) {
  describe('tenant merges', () => {
    it('moves every row of the merged tenant, loses none, and makes the same e-mail one person', async () => {
      const email = `ana-${newId()}@example.com`;
      const a = await aFullTenant(store(), {
        email,
        platform: 'slack',
        createdAt: '2026-01-01T00:00:00Z',
        delegated: '2026-W10',
        w11: 'pending',
        dueAt: '2026-03-16T09:00:00Z',
      });
      const b = await aFullTenant(store(), {
        email: email.toUpperCase(),
        platform: 'teams',
        createdAt: '2026-02-01T00:00:00Z',
        delegated: '2026-W09',
        w11: 'done',
        dueAt: '2026-03-16T08:00:00Z',
      });
      const unrelated = await aFullTenant(store(), {
        email,
        platform: 'slack',
        createdAt: '2025-01-01T00:00:00Z',
        delegated: '2026-W10',
        w11: 'pending',
        dueAt: '2026-03-16T07:00:00Z',
      });
      const [beforeA, beforeB, beforeUnrelated] = [
        await censusOf(store(), a),
        await censusOf(store(), b),
        await censusOf(store(), unrelated),
      ];

      const { result } = await merge(store(), a.tenant, [b.tenant]);
      expect(result).toEqual({ ok: true, value: { weeklyHoursDropped: 1 } });

      const after = await censusOfBoth(store(), a.tenant.id, a, b);
      const added = Object.fromEntries(
        Object.entries(beforeA).map(([key, n]) => [key, n + beforeB[key as keyof typeof beforeB]]),
      );
      // One person fewer (same e-mail), one W11 record fewer (kept: the done one), one grant of that
      // e-mail fewer, the merge's two audit entries more, and no day of the health snapshot done:
      // the merged tenant's days are measured again.
      expect(after).toEqual({
        ...added,
        people: added['people']! - 1,
        weeklyHours: added['weeklyHours']! - 1,
        roleGrants: added['roleGrants']! - 1,
        audit: added['audit']! + 2,
        snapshotDays: 0,
      });
      expect(after.groupDays).toBeGreaterThan(0);
      expect(await store().tenants.get(b.tenant.id)).toBeNull();
      expect(Object.values(await censusOf(store(), b)).every((n) => n === 0)).toBe(true);
      expect(await censusOf(store(), unrelated)).toEqual(beforeUnrelated);
      expect(await store().people.get(unrelated.tenant.id, unrelated.owner.id)).toEqual(unrelated.owner);
      // A group's other keys and its sync move with it.
      expect(await store().groups.findByPlatformRef(a.tenant.id, b.groupKey)).toMatchObject({ id: b.group.id });
      expect(await store().groupSyncs.get(a.tenant.id, b.group.id)).toMatchObject({
        lastPassAt: at('2026-03-01T00:00:00Z'),
      });

      // Every row that named B's owner names A's: one person with both identities.
      const ana = await store().people.get(a.tenant.id, a.owner.id);
      expect(ana?.identities).toHaveLength(2);
      expect(await store().people.findByIdentity(a.tenant.id, b.owner.identities[0]!)).toEqual(ana);
      expect(await store().people.get(a.tenant.id, b.owner.id)).toBeNull();
      expect(await store().groups.get(a.tenant.id, b.group.id)).toMatchObject({ ownerIds: [a.owner.id] });
      expect(await store().membershipRequests.get(a.tenant.id, b.requests[1]!)).toMatchObject({
        decidedBy: a.owner.id,
      });
      expect(await store().memberships.get(a.tenant.id, b.group.id, a.owner.id)).toMatchObject({ leftAt: null });
      expect(await store().contributions.questions(a.tenant.id, b.group.id)).toMatchObject([{ askerId: a.owner.id }]);
      const owners = (await store().contributions.memberDays(a.tenant.id, b.group.id, RANGE)).map((d) => d.personId);
      expect(owners).toContain(a.owner.id);
      expect(owners).not.toContain(b.owner.id);
      expect(await store().weeklyHours.get(a.tenant.id, a.owner.id, '2026-W11')).toMatchObject({ status: 'done' });
      expect((await store().weeklyHours.listByOwner(a.tenant.id, a.owner.id, 10)).map((r) => r.week)).toEqual([
        '2026-W11',
        '2026-W10',
        '2026-W09',
      ]);
      expect(await store().weeklyHours.listDelegatedTo(a.tenant.id, b.member.id, '2026-W09')).toHaveLength(1);
      const due = (await store().weeklyHours.dueCards(at('2026-03-17T00:00:00Z'), 100_000)).filter(
        (d) => d.tenantId === a.tenant.id,
      );
      expect(due).toEqual([{ tenantId: a.tenant.id, ownerId: a.owner.id, dueAt: at('2026-03-16T08:00:00Z') }]);
      const audit = await store().audit.list(a.tenant.id, { limit: 100 });
      expect(
        audit.filter((e) => e.action === 'membership_request.approved').map((e) => [e.actorId, e.subjectId]),
      ).toEqual([
        [a.owner.id, a.owner.id],
        [a.owner.id, a.owner.id],
      ]);
      expect(audit.find((e) => e.action === 'tenant.merged')).toMatchObject({
        subjectId: b.tenant.id,
        details: { into: a.tenant.id, peopleMerged: 1 },
      });
      expect(audit.find((e) => e.action === 'person.merged')).toMatchObject({
        subjectId: a.owner.id,
        details: { mergedPersonId: b.owner.id },
      });
      expect(await store().installations.find('teams', b.workspaceId)).toMatchObject({ tenantId: a.tenant.id });
      // The events moved too: recorded again, they are redeliveries.
      const again = await store().contributions.record(
        a.tenant.id,
        b.events.map((e) => ({ ...e, tenantId: a.tenant.id })),
      );
      expect(again).toEqual({ stored: 0, duplicates: b.events.length });
    });

    it('changes nothing when the same merge runs again', async () => {
      const { a, b } = await twoTenantsSharingAnEmail(store(), 'ben');
      const { plan } = await merge(store(), a.tenant, [b.tenant]);
      const once = await censusOfBoth(store(), a.tenant.id, a, b);
      expect(await store().tenantMerges.merge(plan)).toEqual({ ok: true, value: { weeklyHoursDropped: 0 } });
      expect(await censusOfBoth(store(), a.tenant.id, a, b)).toEqual(once);
      expect(await store().people.get(a.tenant.id, a.owner.id)).toMatchObject({
        identities: expect.arrayContaining([...a.owner.identities, ...b.owner.identities]),
      });
    });

    it('makes three people of one e-mail in three tenants one, in the oldest tenant', async () => {
      const email = `cleo-${newId()}@example.com`;
      const tenants = [aTenant(), aTenant(), aTenant()];
      for (const tenant of tenants) await store().tenants.save(tenant);
      const people = tenants.map((t, i) =>
        aPerson(t.id, {
          email,
          preferredPlatform: i === 2 ? 'teams' : null,
          roles: i === 1 ? ['community_manager'] : [],
        }),
      );
      for (const person of people) await store().people.save(person);
      const { result } = await merge(store(), tenants[0]!, tenants.slice(1));
      expect(result.ok).toBe(true);
      const [cleo, ...nobodyElse] = await store().people.list(tenants[0]!.id);
      expect(nobodyElse).toEqual([]);
      expect(cleo).toEqual({
        ...people[0],
        identities: expect.arrayContaining(people.flatMap((p) => p.identities)),
        roles: ['community_manager'],
        preferredPlatform: 'teams',
      });
      expect(cleo?.identities).toHaveLength(3);
      expect(await store().people.listWithRole(tenants[0]!.id, 'community_manager')).toHaveLength(1);
    });

    it('refuses a plan that misses someone who shares an e-mail, changing nothing', async () => {
      const { a, b } = await twoTenantsSharingAnEmail(store(), 'dan');
      const [beforeA, beforeB] = [await censusOf(store(), a), await censusOf(store(), b)];
      const stale = { ...planTenantMerge(a.tenant, [b.tenant], [], new Date()) };
      expect(await store().tenantMerges.merge(stale)).toMatchObject({ ok: false, code: ErrorCode.Conflict });
      expect([await censusOf(store(), a), await censusOf(store(), b)]).toEqual([beforeA, beforeB]);
      expect(await store().tenants.get(b.tenant.id)).toEqual(b.tenant);
    });

    it('keeps both events of two tenants that share a platform event id', async () => {
      const [a, b] = [aTenant(), aTenant()];
      const week: IsoWeek = '2026-W10';
      for (const tenant of [a, b]) await store().tenants.save(tenant);
      const [pa, pb] = [aPerson(a.id), aPerson(b.id)];
      await store().people.save(pa);
      await store().people.save(pb);
      const [ga, gb] = [aGroup(a.id, [pa.id]), aGroup(b.id, [pb.id])];
      await store().groups.save(ga);
      await store().groups.save(gb);
      const id = `message:${newId()}`;
      await store().contributions.record(a.id, [
        anEvent(a.id, ga.id, pa.id, { platform: 'teams', platformEventId: id }),
      ]);
      await store().contributions.record(b.id, [
        anEvent(b.id, gb.id, pb.id, { platform: 'teams', platformEventId: id }),
      ]);
      await store().weeklyHours.claim(newWeeklyHourRecord(b.id, pb.id, week, new Date()));
      expect((await merge(store(), a, [b])).result.ok).toBe(true);
      expect((await store().contributions.groupDays(a.id, gb.id, RANGE)).map((d) => d.posts)).toEqual([1]);
      expect(
        await store().contributions.record(a.id, [
          anEvent(a.id, ga.id, pa.id, { platform: 'teams', platformEventId: id }),
        ]),
      ).toEqual({ stored: 0, duplicates: 1 });
      expect(await store().weeklyHours.get(a.id, pb.id, week)).toMatchObject({ tenantId: a.id });
    });
  });
}
