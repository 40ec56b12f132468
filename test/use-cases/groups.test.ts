import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../core/src/domain/ids.ts';
import type { Platform } from '../../core/src/domain/platform.ts';
import { ErrorCode } from '../../core/src/errors.ts';
import { PlatformError } from '../../core/src/ports/chat-platform.ts';
import type { Store } from '../../core/src/ports/store/index.ts';
import { changeGroup } from '../../core/src/use-cases/groups/change-group.ts';
import type { DirectoryDeps } from '../../core/src/use-cases/groups/directory.ts';
import { handOverOwnership, shareOwnership } from '../../core/src/use-cases/groups/owners.ts';
import { registerGroup } from '../../core/src/use-cases/groups/register-group.ts';
import { syncGroups } from '../../core/src/use-cases/groups/sync-groups.ts';
import { openTemporaryEmbeddedStore } from '../support/embedded-store.ts';
import { anInstallation, aTenant } from '../support/factories.ts';
import { FakeDirectory } from '../support/fake-directory.ts';

const range = { from: '2000-01-01', to: '2100-01-01' };

describe('groups register themselves and follow their platform', () => {
  let store: Store;
  let dispose: () => Promise<void>;
  let now = new Date('2026-03-02T10:00:00Z');
  const clock = { now: () => now };
  beforeAll(async () => ({ store, dispose } = await openTemporaryEmbeddedStore()));
  afterAll(() => dispose());
  // Each test moves the clock on its own: it starts where the first did, whatever ran before.
  beforeEach(() => {
    now = new Date('2026-03-02T10:00:00Z');
  });

  /** A tenant installed in a workspace of its own, and that workspace's directory. */
  async function installed(platform: Platform = 'slack') {
    const tenant = aTenant();
    await store.tenants.save(tenant);
    const directory = new FakeDirectory(platform, `${platform === 'slack' ? 'T' : 'tid-'}${newId().slice(0, 8)}`);
    await store.installations.save(anInstallation(tenant.id, platform, directory.workspaceId, now));
    const deps: DirectoryDeps = {
      store,
      clock,
      profiles: { [platform]: directory },
      directories: { [platform]: directory },
    };
    return { tenant, directory, deps };
  }
  const memberIds = async (tenantId: string, groupId: string) =>
    (await store.memberships.listMembers(tenantId, groupId)).map((m) => m.personId);
  const idsOf = async (tenantId: string, directory: FakeDirectory, userIds: string[]) =>
    (
      await store.people.findByIdentities(
        tenantId,
        userIds.map((id) => directory.identity(id)),
      )
    )
      .map((p) => p.id)
      .sort();

  it('makes a Slack channel a group owned by who added the app and its creator, with its members, bots left out', async () => {
    const { tenant, directory, deps } = await installed();
    for (const id of ['UADDER', 'UCREATOR', 'UMEMBER']) directory.addPerson(id);
    directory.addPerson('UBOT', { isBot: true });
    const channel = directory.addGroup('CDESIGN', ['UADDER', 'UCREATOR', 'UMEMBER', 'UBOT'], {
      name: '#design',
      isPrivate: true,
      owners: [directory.identity('UCREATOR')],
    });

    const registered = await registerGroup(deps, {
      group: channel,
      keys: [],
      addedBy: directory.identity('UADDER'),
      at: now,
    });
    if (!registered.ok) throw new Error(registered.detail);
    const { group, owners, membersComplete } = registered.value;
    expect(group).toMatchObject({
      name: '#design',
      platformRef: channel,
      state: 'active',
      membershipPolicy: 'approval',
      purpose: null,
    });
    expect(owners.map((o) => o.displayName)).toEqual(['UADDER', 'UCREATOR']);
    expect(membersComplete).toBe(true);
    expect((await memberIds(tenant.id, group.id)).sort()).toEqual(
      await idsOf(tenant.id, directory, ['UADDER', 'UCREATOR', 'UMEMBER']),
    );
    // The first roster is who was there, not who joined: dated from the channel's creation, no join counted.
    expect((await store.memberships.listMembers(tenant.id, group.id))[0]?.joinedAt).toEqual(
      new Date('2025-06-01T00:00:00Z'),
    );
    expect(await store.contributions.groupDays(tenant.id, group.id, range)).toEqual([]);
    expect(await store.audit.list(tenant.id, { subjectId: group.id, limit: 5 })).toMatchObject([
      { action: 'group.registered', actorId: owners[0]!.id },
    ]);
  });

  it('registers again without duplicating, and does not make whoever asks an owner of an existing group', async () => {
    const { tenant, directory, deps } = await installed();
    for (const id of ['UADDER', 'UOTHER']) directory.addPerson(id);
    const channel = directory.addGroup('CAGAIN', ['UADDER', 'UOTHER']);
    const first = await registerGroup(deps, {
      group: channel,
      keys: [],
      addedBy: directory.identity('UADDER'),
      at: now,
    });
    const again = directory.groups.get('CAGAIN')!;
    again.description = { ...again.description, name: '#again-renamed' };
    const second = await registerGroup(deps, {
      group: channel,
      keys: [],
      addedBy: directory.identity('UOTHER'),
      at: now,
    });
    if (!first.ok || !second.ok) throw new Error('not registered');
    expect(second.value.group.id).toBe(first.value.group.id);
    expect(second.value.group).toMatchObject({ name: '#again-renamed', ownerIds: first.value.group.ownerIds });
    expect(await store.groups.list(tenant.id)).toHaveLength(1);
    expect(await store.memberships.countMembers(tenant.id, first.value.group.id)).toBe(2);
    expect(directory.calls.readProfile).toBe(2);
  });

  it('says when the platform cannot see the channel, and throws when it fails for now', async () => {
    const { deps, directory } = await installed();
    directory.addPerson('UADDER');
    expect(
      await registerGroup(deps, {
        group: directory.ref('CUNSEEN'),
        keys: [],
        addedBy: directory.identity('UADDER'),
        at: now,
      }),
    ).toMatchObject({
      ok: false,
      code: ErrorCode.GroupNotVisible,
    });
    directory.addGroup('CFLAKY', ['UADDER']);
    directory.failNext('describeGroup', new PlatformError('ratelimited', { permanent: false, retryAfterMs: 1000 }));
    await expect(
      registerGroup(deps, { group: directory.ref('CFLAKY'), keys: [], addedBy: null, at: now }),
    ).rejects.toThrow(PlatformError);
    expect(
      await registerGroup(deps, { group: directory.ref('CFLAKY'), keys: [], addedBy: null, at: now }),
    ).toMatchObject({ ok: false, code: ErrorCode.NoOwner });
  });

  it('reads a large channel page by page: registration reads one, the sync job the rest from its cursor, after a failure too', async () => {
    const { tenant, directory, deps } = await installed();
    const users = Array.from({ length: 450 }, (_, i) => `U${String(i).padStart(4, '0')}`);
    for (const id of users) directory.addPerson(id);
    const channel = directory.addGroup('CLARGE', users, { owners: [directory.identity('U0000')] });

    const registered = await registerGroup(deps, { group: channel, keys: [], addedBy: null, at: now });
    if (!registered.ok) throw new Error(registered.detail);
    expect(registered.value.membersComplete).toBe(false);
    expect(await store.memberships.countMembers(tenant.id, registered.value.group.id)).toBe(200);

    // The job works across tenants: other tests' groups are due too (and unknown to this directory).
    directory.failNext('listMembers', new PlatformError('internal_error', { permanent: false }));
    await syncGroups(deps, { groups: 1000, pages: 10 });
    await syncGroups(deps, { groups: 1000, pages: 10 });
    expect(directory.calls.listMembers).toEqual([null, '200', '200', '400']);
    expect(await store.memberships.countMembers(tenant.id, registered.value.group.id)).toBe(450);
    // Everyone's profile read once, whatever the retries; a later pass reads none.
    expect(directory.calls.readProfile).toBe(450);
    now = new Date(now.getTime() + 25 * 3600_000);
    await syncGroups(deps, { groups: 1000, pages: 10 });
    expect(directory.calls.listMembers).toEqual([null, '200', '200', '400', null, '200', '400']);
    expect(directory.calls.readProfile).toBe(450);
    await syncGroups(deps, { groups: 1000, pages: 10 });
    expect(directory.calls.listMembers).toHaveLength(7);
  });

  it('counts joins and leaves missed while away once, and notices owners who left', async () => {
    const { tenant, directory, deps } = await installed();
    for (const id of ['UOWNER', 'UCO', 'USTAYS', 'ULEAVES', 'UNEW']) directory.addPerson(id);
    const channel = directory.addGroup('CSYNC', ['UOWNER', 'UCO', 'USTAYS', 'ULEAVES'], {
      owners: [directory.identity('UCO')],
    });
    const registered = await registerGroup(deps, {
      group: channel,
      keys: [],
      addedBy: directory.identity('UOWNER'),
      at: now,
    });
    if (!registered.ok) throw new Error(registered.detail);
    const { group } = registered.value;

    directory.groups.get('CSYNC')!.members = ['UCO', 'USTAYS', 'UNEW'];
    directory.profiles.set('UOWNER', { ...directory.profiles.get('UOWNER')!, deleted: true });
    now = new Date(now.getTime() + 25 * 3600_000);
    await syncGroups(deps);
    const [owner, newcomer] = await Promise.all(
      ['UOWNER', 'UNEW'].map((id) => store.people.findByIdentity(tenant.id, directory.identity(id))),
    );
    expect(owner?.deactivatedAt).toEqual(now);
    // Kept here, a departed owner stops owning while another remains.
    expect((await store.groups.get(tenant.id, group.id))?.ownerIds).toEqual(await idsOf(tenant.id, directory, ['UCO']));
    expect((await store.memberships.get(tenant.id, group.id, newcomer!.id))?.joinedAt).toEqual(now);
    expect(await store.contributions.groupDays(tenant.id, group.id, range)).toMatchObject([{ joins: 1, leaves: 2 }]);
    expect((await store.audit.list(tenant.id, { subjectId: group.id, limit: 10 })).map((e) => e.action)).toContain(
      'group.owner_left',
    );

    // The last owner leaving stays the owner: the group is ownerless by coverage, not by an empty list.
    directory.groups.get('CSYNC')!.members = ['UNEW'];
    now = new Date(now.getTime() + 25 * 3600_000);
    await syncGroups(deps);
    expect((await store.groups.get(tenant.id, group.id))?.ownerIds).toEqual(await idsOf(tenant.id, directory, ['UCO']));
    expect((await store.contributions.groupDays(tenant.id, group.id, range)).reduce((n, d) => n + d.leaves, 0)).toBe(4);
  });

  it('makes a Teams team one group owned by the team’s owners, found by its thread id too, owners refreshed daily', async () => {
    const { tenant, directory, deps } = await installed('teams');
    for (const id of ['aad-owner', 'aad-member', 'aad-installer', 'aad-next']) directory.addPerson(id);
    const team = directory.addGroup('group-guid', ['aad-owner', 'aad-member', 'aad-installer'], {
      name: 'Design',
      owners: [directory.identity('aad-owner')],
    });
    const thread = '19:design-general@thread.tacv2';

    const registered = await registerGroup(deps, {
      group: team,
      keys: [thread],
      addedBy: directory.identity('aad-installer'),
      at: now,
    });
    if (!registered.ok) throw new Error(registered.detail);
    expect(registered.value.owners.map((o) => o.displayName)).toEqual(['aad-owner']);
    expect(await store.groups.findByPlatformRef(tenant.id, directory.ref(thread))).toEqual(registered.value.group);

    const described = directory.groups.get('group-guid')!;
    described.description = { ...described.description, owners: [directory.identity('aad-next')] };
    now = new Date(now.getTime() + 25 * 3600_000);
    await syncGroups(deps);
    expect((await store.groups.get(tenant.id, registered.value.group.id))?.ownerIds).toEqual(
      await idsOf(tenant.id, directory, ['aad-next']),
    );
  });

  it('follows renames, archives and deletions, keeping the data; an archived group is nobody’s and is not synced', async () => {
    const { tenant, directory, deps } = await installed();
    directory.addPerson('UOWNER');
    const channel = directory.addGroup('CLIFE', ['UOWNER']);
    const registered = await registerGroup(deps, {
      group: channel,
      keys: [],
      addedBy: directory.identity('UOWNER'),
      at: now,
    });
    if (!registered.ok) throw new Error(registered.detail);
    const ownerId = registered.value.group.ownerIds[0]!;

    expect(await changeGroup(deps, { group: channel, change: 'renamed', name: '#life', at: now })).toMatchObject({
      name: '#life',
      state: 'active',
    });
    expect(await changeGroup(deps, { group: channel, change: 'archived', at: now })).toMatchObject({
      state: 'archived',
    });
    expect(await store.groups.listOwnedBy(tenant.id, ownerId)).toEqual([]);
    now = new Date(now.getTime() + 25 * 3600_000);
    const syncBefore = await store.groupSyncs.get(tenant.id, registered.value.group.id);
    await syncGroups(deps, { groups: 1000, pages: 10 });
    expect(directory.calls.listMembers).toHaveLength(1);
    expect(await store.groupSyncs.get(tenant.id, registered.value.group.id)).toEqual(syncBefore);
    expect(await changeGroup(deps, { group: channel, change: 'unarchived', at: now })).toMatchObject({
      state: 'active',
    });
    expect(await changeGroup(deps, { group: channel, change: 'deleted', at: now })).toMatchObject({ state: 'retired' });
    expect(await changeGroup(deps, { group: channel, change: 'unarchived', at: now })).toMatchObject({
      state: 'retired',
    });
    expect(await store.memberships.countMembers(tenant.id, registered.value.group.id)).toBe(1);
    expect(await changeGroup(deps, { group: directory.ref('CNOGROUP'), change: 'deleted', at: now })).toBeNull();
    const actions = (await store.audit.list(tenant.id, { subjectId: registered.value.group.id, limit: 10 })).map(
      (e) => e.action,
    );
    expect(actions.sort()).toEqual([
      'group.archived',
      'group.deleted',
      'group.registered',
      'group.renamed',
      'group.unarchived',
    ]);
  });

  it('lets an owner share and hand over ownership, never leaving the group without one', async () => {
    const { tenant, directory, deps } = await installed();
    for (const id of ['UOWNER', 'UCO', 'USTRANGER']) directory.addPerson(id);
    directory.addPerson('UBOT', { isBot: true });
    const channel = directory.addGroup('COWNERS', ['UOWNER', 'UCO', 'USTRANGER']);
    await registerGroup(deps, { group: channel, keys: [], addedBy: directory.identity('UOWNER'), at: now });
    const [owner, co, stranger] = await Promise.all(
      ['UOWNER', 'UCO', 'USTRANGER'].map(
        async (id) => (await store.people.findByIdentity(tenant.id, directory.identity(id)))!,
      ),
    );
    const people = (...ids: string[]) => ({ group: channel, people: ids.map((id) => directory.identity(id)) });

    expect(await shareOwnership(deps, stranger!, people('USTRANGER'))).toMatchObject({
      ok: false,
      code: ErrorCode.NotAnOwner,
    });
    expect(await shareOwnership(deps, owner!, people('UBOT'))).toMatchObject({ ok: false, code: ErrorCode.NotAPerson });
    expect(await handOverOwnership(deps, owner!, people('UOWNER'))).toMatchObject({
      ok: false,
      code: ErrorCode.LastOwner,
    });
    const shared = await shareOwnership(deps, owner!, people('UCO'));
    expect(shared.ok && shared.value.owners.map((o) => o.id)).toEqual([owner!.id, co!.id]);
    const handedOver = await handOverOwnership(deps, owner!, people('UOWNER'));
    expect(handedOver.ok && handedOver.value.group.ownerIds).toEqual([co!.id]);
    expect(await handOverOwnership(deps, owner!, people('UCO'))).toMatchObject({
      ok: false,
      code: ErrorCode.NotAnOwner,
    });
    expect((await store.audit.list(tenant.id, { limit: 10 })).map((e) => e.action)).toEqual(
      expect.arrayContaining(['group.owners_removed', 'group.owners_added']),
    );
  });
});
