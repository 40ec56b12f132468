import { describe, expect, it } from 'vitest';
import { newId } from '../../../core/src/domain/ids.ts';
import { aContentItem, aGroup, aSmallTenant } from '../../support/factories.ts';
import type { GetStore } from './context.ts';
import { groupsToSchedule } from './group-registration.ts';

export function contentSyncContract(store: GetStore) {
  describe('content sync', () => {
    it('archives the active items of the listed kinds that the platform no longer shows, and nothing else', async () => {
      const { tenant, owner, group } = await aSmallTenant(store());
      const other = aGroup(tenant.id, [owner.id]);
      await store().groups.save(other);
      const pin = (id: string, groupId = group.id) =>
        aContentItem(tenant.id, groupId, {
          kind: 'pinned_message',
          platformRef: { platform: 'slack', workspaceId: 'T1', id },
        });
      const [kept, gone, elsewhere] = [pin(`C1/${newId()}`), pin(`C1/${newId()}`), pin(`C2/${newId()}`, other.id)];
      const tab = aContentItem(tenant.id, group.id, { kind: 'tab' });
      const alreadyArchived = aContentItem(tenant.id, group.id, {
        kind: 'pinned_message',
        state: 'archived',
        lastChangedAt: new Date('2025-01-01T00:00:00Z'),
      });
      for (const item of [kept, gone, elsewhere, tab, alreadyArchived]) await store().contentItems.save(item);

      const at = new Date('2026-03-10T00:00:00Z');
      expect(
        await store().contentItems.archiveMissing(
          tenant.id,
          group.id,
          ['pinned_message', 'bookmark'],
          [kept.platformRef.id],
          at,
        ),
      ).toBe(1);
      expect(await store().contentItems.get(tenant.id, gone.id)).toEqual({
        ...gone,
        state: 'archived',
        lastChangedAt: at,
      });
      for (const untouched of [kept, elsewhere, tab, alreadyArchived])
        expect(await store().contentItems.get(tenant.id, untouched.id)).toEqual(untouched);
      // Nothing listed: every active item of those kinds is gone.
      expect(await store().contentItems.archiveMissing(tenant.id, group.id, ['pinned_message'], [], at)).toBe(1);
      expect((await store().contentItems.get(tenant.id, kept.id))?.state).toBe('archived');
    });

    it('saves when a group’s content was synced, and lists the groups due, never synced first, then by due time', async () => {
      const { tenant, never, early, late, notYet, archived, team } = await groupsToSchedule(store());
      // Due dates of 2001 and 2099, which no other test uses: due() reads across tenants.
      const sync = (groupId: string, dueAt: string) =>
        store().contentSyncs.save({
          tenantId: tenant.id,
          groupId,
          lastSyncedAt: new Date('2000-12-31T00:00:00Z'),
          dueAt: new Date(dueAt),
        });
      await sync(late.id, '2001-01-02T00:00:00Z');
      await sync(early.id, '2001-01-01T00:00:00Z');
      await sync(notYet.id, '2099-01-01T00:00:00Z');
      await sync(archived.id, '2001-01-01T00:00:00Z');
      await sync(team.id, '2001-01-01T00:00:00Z');
      expect(await store().contentSyncs.get(tenant.id, early.id)).toEqual({
        tenantId: tenant.id,
        groupId: early.id,
        lastSyncedAt: new Date('2000-12-31T00:00:00Z'),
        dueAt: new Date('2001-01-01T00:00:00Z'),
      });
      expect(await store().contentSyncs.get(tenant.id, never.id)).toBeNull();

      const now = new Date('2026-03-02T00:00:00Z');
      const ours = (rows: readonly { tenantId: string; groupId: string }[]) =>
        rows.filter((r) => r.tenantId === tenant.id).map((r) => r.groupId);
      expect(ours(await store().contentSyncs.due(now, ['slack'], 100_000))).toEqual([never.id, early.id, late.id]);
      expect(ours(await store().contentSyncs.due(now, ['teams'], 100_000))).toEqual([team.id]);
      expect(await store().contentSyncs.due(now, ['slack'], 2)).toHaveLength(2);
      // A group's content sync is its own schedule: the member sync's record changes nothing.
      await store().groupSyncs.save({
        tenantId: tenant.id,
        groupId: never.id,
        passStartedAt: null,
        cursor: null,
        lastPassAt: null,
        dueAt: new Date('2099-01-01T00:00:00Z'),
      });
      expect(ours(await store().contentSyncs.due(now, ['slack'], 100_000))[0]).toBe(never.id);
    });

    it('keeps the scopes an installation granted, and says nothing of them when not known', async () => {
      const { tenant } = await aSmallTenant(store());
      const base = {
        platform: 'slack' as const,
        tenantId: tenant.id,
        enterpriseInstall: false,
        installedAt: new Date('2026-03-01T00:00:00Z'),
        secrets: {},
        revokedAt: null,
      };
      const granted = { ...base, workspaceId: `T${newId()}`, grantedScopes: ['pins:read', 'pins:write'] };
      const unknown = { ...base, workspaceId: `T${newId()}` };
      await store().installations.save(granted);
      await store().installations.save(unknown);
      expect(await store().installations.find('slack', granted.workspaceId)).toEqual(granted);
      expect(await store().installations.find('slack', unknown.workspaceId)).toEqual(unknown);
      await store().installations.save({ ...granted, grantedScopes: ['pins:read'] });
      expect((await store().installations.find('slack', granted.workspaceId))?.grantedScopes).toEqual(['pins:read']);
    });
  });
}
