import { describe, expect, it } from 'vitest';
import { newId } from '../../../core/src/domain/ids.ts';
import type { Store } from '../../../core/src/ports/store/index.ts';
import { aGroup, aPerson, aSmallTenant } from '../../support/factories.ts';
import type { GetStore } from './context.ts';

/** What registering groups and syncing them with their platform keep: states, keys, sightings, passes. */
export function groupRegistrationContract(store: GetStore) {
  describe('group keys and states', () => {
    it('finds a group by any of its keys, in its tenant only; a key moves to the group that adds it last', async () => {
      const { tenant, owner, group } = await aSmallTenant(store());
      const team = aGroup(tenant.id, [owner.id], {
        platformRef: { platform: 'teams', workspaceId: 'tid-1', id: 'aad-group-1' },
      });
      await store().groups.save(team);
      const thread = { platform: 'teams' as const, workspaceId: 'tid-1', id: '19:general@thread.tacv2' };
      await store().groups.addKeys(tenant.id, team.id, [thread, thread]);
      await store().groups.addKeys(tenant.id, team.id, [thread]);

      expect(await store().groups.findByPlatformRef(tenant.id, thread)).toEqual(team);
      expect(await store().groups.findByPlatformRef(tenant.id, team.platformRef)).toEqual(team);
      expect(await store().groups.findByPlatformRef(tenant.id, { ...thread, workspaceId: 'tid-2' })).toBeNull();
      const elsewhere = await aSmallTenant(store());
      expect(await store().groups.findByPlatformRef(elsewhere.tenant.id, thread)).toBeNull();

      await store().groups.addKeys(tenant.id, group.id, [thread]);
      expect((await store().groups.findByPlatformRef(tenant.id, thread))?.id).toBe(group.id);
      expect((await store().groups.findByPlatformRef(tenant.id, team.platformRef))?.id).toBe(team.id);
      // Saving a group keeps its keys.
      await store().groups.save({ ...group, name: 'renamed' });
      expect(await store().groups.findByPlatformRef(tenant.id, thread)).toMatchObject({
        id: group.id,
        name: 'renamed',
      });
    });

    it('keeps a group’s state; archived and retired groups are listed but owned by nobody', async () => {
      const { tenant, owner, group } = await aSmallTenant(store());
      const archived = aGroup(tenant.id, [owner.id], { state: 'archived', name: 'b-archived' });
      const retired = aGroup(tenant.id, [owner.id], { state: 'retired', name: 'c-retired' });
      await store().groups.save(archived);
      await store().groups.save(retired);

      expect(await store().groups.get(tenant.id, archived.id)).toEqual(archived);
      expect((await store().groups.list(tenant.id)).map((g) => g.state).sort()).toEqual([
        'active',
        'archived',
        'retired',
      ]);
      expect(await store().groups.listOwnedBy(tenant.id, owner.id)).toEqual([group]);
      expect(await store().groups.listOwnedByAny(tenant.id, [owner.id])).toEqual([group]);

      await store().groups.save({ ...archived, state: 'active' });
      expect((await store().groups.listOwnedBy(tenant.id, owner.id)).map((g) => g.id)).toEqual([archived.id, group.id]);
    });

    it('puts on the weekly-hour schedule only the owners of an active group', async () => {
      const { tenant, owner, group } = await aSmallTenant(store());
      await store().groups.save({ ...group, state: 'archived' });
      const owners = await store().weeklyHours.unscheduledOwners(100_000);
      expect(owners.filter((o) => o.tenantId === tenant.id)).toEqual([]);
      await store().groups.save(group);
      expect(await store().weeklyHours.unscheduledOwners(100_000)).toContainEqual({
        tenantId: tenant.id,
        ownerId: owner.id,
      });
    });
  });

  describe('people by identities', () => {
    it('finds the people holding any of the identities, once each', async () => {
      const { tenant, owner, member } = await aSmallTenant(store());
      const both = aPerson(tenant.id, {
        identities: [
          { platform: 'slack', workspaceId: 'T9', userId: 'U-both' },
          { platform: 'teams', workspaceId: 'tid-9', userId: 'aad-both' },
        ],
      });
      await store().people.save(both);
      const found = await store().people.findByIdentities(tenant.id, [
        ...both.identities,
        owner.identities[0]!,
        { platform: 'slack', workspaceId: 'T9', userId: 'U-nobody' },
      ]);
      expect(found.map((p) => p.id).sort()).toEqual([both.id, owner.id].sort());
      expect(found.find((p) => p.id === both.id)).toEqual(both);
      expect(await store().people.findByIdentities(tenant.id, [])).toEqual([]);
      const elsewhere = await aSmallTenant(store());
      expect(await store().people.findByIdentities(elsewhere.tenant.id, member.identities)).toEqual([]);
    });
  });

  describe('members seen by a sync', () => {
    it('joins new members, keeps current ones’ join date, brings back those who left, and reads them back', async () => {
      const { tenant, owner, member, group } = await aSmallTenant(store());
      const gone = aPerson(tenant.id);
      await store().people.save(gone);
      await store().memberships.recordJoin(tenant.id, group.id, owner.id, new Date('2026-01-05T00:00:00Z'));
      await store().memberships.recordJoin(tenant.id, group.id, gone.id, new Date('2026-01-06T00:00:00Z'));
      await store().memberships.recordLeave(tenant.id, group.id, gone.id, new Date('2026-02-01T00:00:00Z'));

      const at = { joinedAt: new Date('2026-03-01T00:00:00Z'), seenAt: new Date('2026-03-02T00:00:00Z') };
      await store().memberships.recordSeen(tenant.id, group.id, [owner.id, member.id, gone.id, member.id], at);
      const rows = await store().memberships.getMany(tenant.id, group.id, [owner.id, member.id, gone.id]);
      const byPerson = new Map(rows.map((m) => [m.personId, m]));
      expect(byPerson.get(owner.id)).toMatchObject({ joinedAt: new Date('2026-01-05T00:00:00Z'), leftAt: null });
      expect(byPerson.get(member.id)).toMatchObject({ joinedAt: at.joinedAt, leftAt: null });
      expect(byPerson.get(gone.id)).toMatchObject({ joinedAt: at.joinedAt, leftAt: null });
      expect(await store().memberships.countMembers(tenant.id, group.id)).toBe(3);
      expect(await store().memberships.getMany(tenant.id, group.id, [])).toEqual([]);
    });

    it('lists current members neither seen nor joined since a time', async () => {
      const { tenant, owner, member, group } = await aSmallTenant(store());
      const [late, left] = [aPerson(tenant.id), aPerson(tenant.id)];
      for (const p of [late, left]) await store().people.save(p);
      const pass = new Date('2026-03-02T00:00:00Z');
      for (const p of [owner, member, left])
        await store().memberships.recordJoin(tenant.id, group.id, p.id, new Date('2026-01-01T00:00:00Z'));
      await store().memberships.recordSeen(tenant.id, group.id, [owner.id], {
        joinedAt: pass,
        seenAt: new Date('2026-03-02T00:10:00Z'),
      });
      // Joined after the pass began: not gone, even if the pass missed them.
      await store().memberships.recordJoin(tenant.id, group.id, late.id, new Date('2026-03-02T00:05:00Z'));
      await store().memberships.recordLeave(tenant.id, group.id, left.id, new Date('2026-02-01T00:00:00Z'));
      // A sighting older than the pass does not count.
      await store().memberships.recordSeen(tenant.id, group.id, [member.id], {
        joinedAt: pass,
        seenAt: new Date('2026-02-20T00:00:00Z'),
      });

      expect(await store().memberships.listUnseenSince(tenant.id, group.id, pass)).toEqual([member.id]);
      await store().memberships.recordSeen(tenant.id, group.id, [member.id], { joinedAt: pass, seenAt: pass });
      expect(await store().memberships.listUnseenSince(tenant.id, group.id, pass)).toEqual([]);
    });
  });

  describe('group syncs', () => {
    it('saves and replaces a group’s sync', async () => {
      const { tenant, group } = await aSmallTenant(store());
      expect(await store().groupSyncs.get(tenant.id, group.id)).toBeNull();
      const sync = {
        tenantId: tenant.id,
        groupId: group.id,
        passStartedAt: new Date('2026-03-02T00:00:00Z'),
        cursor: 'page-2',
        lastPassAt: null,
        dueAt: new Date('2026-03-02T00:00:00Z'),
      };
      await store().groupSyncs.save(sync);
      expect(await store().groupSyncs.get(tenant.id, group.id)).toEqual(sync);
      const done = {
        ...sync,
        passStartedAt: null,
        cursor: null,
        lastPassAt: sync.passStartedAt,
        dueAt: new Date('2026-03-03T00:00:00Z'),
      };
      await store().groupSyncs.save(done);
      expect(await store().groupSyncs.get(tenant.id, group.id)).toEqual(done);
    });

    it('lists the active groups of the platforms asked for that are due, never synced first, then by due time', async () => {
      const { tenant, never, early, late, notYet, archived, team } = await groupsToSchedule(store());
      const sync = (groupId: string, dueAt: string) =>
        store().groupSyncs.save({
          tenantId: tenant.id,
          groupId,
          passStartedAt: null,
          cursor: null,
          lastPassAt: null,
          dueAt: new Date(dueAt),
        });
      // Due dates of 2001 and 2099, which no other test uses: due() reads across tenants.
      await sync(late.id, '2001-01-02T00:00:00Z');
      await sync(early.id, '2001-01-01T00:00:00Z');
      await sync(notYet.id, '2099-01-01T00:00:00Z');
      await sync(archived.id, '2001-01-01T00:00:00Z');
      await sync(team.id, '2001-01-01T00:00:00Z');

      const now = new Date('2026-03-02T00:00:00Z');
      const ours = (rows: { tenantId: string; groupId: string }[]) =>
        rows.filter((r) => r.tenantId === tenant.id).map((r) => r.groupId);
      expect(ours(await store().groupSyncs.due(now, ['slack'], 100_000))).toEqual([never.id, early.id, late.id]);
      const both = ours(await store().groupSyncs.due(now, ['slack', 'teams'], 100_000));
      expect([both[0], new Set(both.slice(1, 3)), both[3], both.length]).toEqual([
        never.id,
        new Set([early.id, team.id]),
        late.id,
        4,
      ]);
      expect(ours(await store().groupSyncs.due(now, ['teams'], 100_000))).toEqual([team.id]);
      expect(await store().groupSyncs.due(now, ['slack'], 2)).toHaveLength(2);
      expect(await store().groupSyncs.due(now, ['slack'], 0)).toEqual([]);
    });
  });
}

/**
 * A tenant's groups for a sync schedule's due list: one never synced, three active Slack ones
 * (early, late, not yet due), an archived one, and a team.
 */
export async function groupsToSchedule(store: Store) {
  const { tenant, owner, group: never } = await aSmallTenant(store);
  const [early, late, notYet, archived, team] = [
    aGroup(tenant.id, [owner.id]),
    aGroup(tenant.id, [owner.id]),
    aGroup(tenant.id, [owner.id]),
    aGroup(tenant.id, [owner.id], { state: 'archived' }),
    aGroup(tenant.id, [owner.id], { platformRef: { platform: 'teams', workspaceId: 'tid', id: `aad-${newId()}` } }),
  ];
  for (const g of [early, late, notYet, archived, team]) await store.groups.save(g);
  return { tenant, never, early, late, notYet, archived, team };
}
