// The ownership check and the take-over offer, through the use cases on a real store (PostgreSQL
// when TEST_DATABASE_URL is set, else embedded PGlite): each moment that can leave a group without
// an owner (a leave, a deactivation, the daily sync) opens one offer; a single active owner opens
// none; answers, expiry and "nobody to ask" tell the community managers once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Card } from '../../core/src/cards/card.ts';
import { newId } from '../../core/src/domain/ids.ts';
import type { Platform } from '../../core/src/domain/platform.ts';
import { TAKE_OVER_OFFER_MS } from '../../core/src/domain/take-over.ts';
import { ErrorCode } from '../../core/src/errors.ts';
import type { OutboxMessage, Store } from '../../core/src/ports/store/index.ts';
import { performCardAction } from '../../core/src/use-cases/card-actions.ts';
import type { DirectoryDeps } from '../../core/src/use-cases/groups/directory.ts';
import { registerGroup } from '../../core/src/use-cases/groups/register-group.ts';
import { syncGroups } from '../../core/src/use-cases/groups/sync-groups.ts';
import { checkOwnership, closeExpiredTakeOvers } from '../../core/src/use-cases/groups/take-over.ts';
import { recordActivities, updatePersonProfile } from '../../core/src/use-cases/record-platform-activity.ts';
import { openTemporaryEmbeddedStore } from '../support/embedded-store.ts';
import { anEvent, anInstallation, aTenant } from '../support/factories.ts';
import { FakeDirectory } from '../support/fake-directory.ts';
import { openTemporaryPostgresStore } from '../support/temporary-postgres.ts';

const serverUrl = process.env['TEST_DATABASE_URL'];
const DAY_MS = 86_400_000;

describe(`ownerless groups are offered to their most active members (${serverUrl ? 'PostgreSQL' : 'embedded PGlite'})`, () => {
  let store: Store;
  let dispose: () => Promise<void>;
  let now = new Date('2026-03-02T10:00:00Z');
  const clock = { now: () => now };
  beforeAll(
    async () =>
      ({ store, dispose } = serverUrl
        ? await openTemporaryPostgresStore(serverUrl)
        : await openTemporaryEmbeddedStore()),
  );
  afterAll(() => dispose());

  /**
   * A channel (or team) owned by UOWNER, with UACTIVE contributing on 3 of the last 7 days (a
   * participant), UQUIET once (an observer), and UMANAGER, a community manager.
   */
  async function aGroup(platform: Platform = 'slack', owners: string[] = ['UOWNER']) {
    now = new Date('2026-03-02T10:00:00Z');
    const tenant = aTenant();
    await store.tenants.save(tenant);
    const directory = new FakeDirectory(platform, `W${newId().slice(0, 8)}`);
    await store.installations.save(anInstallation(tenant.id, platform, directory.workspaceId, now));
    const deps: DirectoryDeps = {
      store,
      clock,
      profiles: { [platform]: directory },
      directories: { [platform]: directory },
    };
    const everyone = [...owners, 'UACTIVE', 'UQUIET', 'UMANAGER'];
    for (const id of everyone) directory.addPerson(id);
    const ref = directory.addGroup('CGROUP', everyone, { owners: owners.map((id) => directory.identity(id)) });
    const registered = await registerGroup(deps, {
      group: ref,
      keys: [],
      addedBy: directory.identity(owners[0]!),
      at: now,
    });
    if (!registered.ok) throw new Error(registered.detail);
    const group = registered.value.group;
    const person = async (userId: string) =>
      (await store.people.findByIdentity(tenant.id, directory.identity(userId)))!;
    const manager = await person('UMANAGER');
    await store.people.save({ ...manager, roles: ['community_manager'] });
    const active = await person('UACTIVE');
    const quiet = await person('UQUIET');
    const days = [1, 2, 4].map((d) =>
      anEvent(tenant.id, group.id, active.id, { occurredAt: new Date(now.getTime() - d * DAY_MS), platform }),
    );
    await store.contributions.record(tenant.id, [
      ...days,
      anEvent(tenant.id, group.id, quiet.id, { occurredAt: new Date(now.getTime() - DAY_MS), platform }),
    ]);
    return { tenant, directory, deps, group, ref, person, active };
  }
  /** What the outbox was given, kept as it is taken out (marked sent so that it is taken once). */
  const sent: OutboxMessage[] = [];
  const outbox = async (tenantId: string) => {
    for (const message of await store.outbox.claimDue(new Date('2100-01-01T00:00:00Z'), 1_000, 60_000)) {
      await store.outbox.markSent(message.tenantId, message.id, now, {});
      sent.push(message);
    }
    return sent.filter((m) => m.tenantId === tenantId);
  };
  const cardsTo = async (tenantId: string, userId: string) =>
    (await outbox(tenantId))
      .filter((m) => (m.payload as { to?: { userId: string } }).to?.userId === userId)
      .map((m) => (m.payload as { card: Card }).card);

  it('offers a group whose last owner left, once, to its participants and never to observers', async () => {
    const { tenant, directory, deps, group, ref, active } = await aGroup();
    const leave = {
      kind: 'leave' as const,
      group: ref,
      actor: directory.identity('UOWNER'),
      occurredAt: now,
      platformEventId: 'EvLEAVE',
      threadId: null,
      asksQuestion: false,
    };
    expect(await recordActivities(deps, [leave])).toEqual([{ result: 'done' }]);

    const offer = await store.ownershipOffers.findOpen(tenant.id, group.id);
    expect(offer?.candidates.map((c) => c.personId)).toEqual([active.id]);
    expect(offer?.expiresAt).toEqual(new Date(now.getTime() + TAKE_OVER_OFFER_MS));
    // The leave delivered again, and another check, open nothing more.
    await recordActivities(deps, [leave]);
    expect(await checkOwnership(deps, tenant.id, [group.id])).toBe(0);
    const audit = await store.audit.list(tenant.id, { subjectId: group.id, limit: 20 });
    expect(audit.filter((e) => e.action === 'group.take_over_offered')).toHaveLength(1);
    const cards = await outbox(tenant.id);
    expect(cards.map((m) => (m.payload as { to: { userId: string } }).to.userId)).toEqual(['UACTIVE']);
  });

  it('offers nothing while one active owner remains, and offers once the last is deactivated', async () => {
    const { tenant, directory, deps, group } = await aGroup('slack', ['UOWNER', 'UCOOWNER']);
    await updatePersonProfile(deps, directory.identity('UOWNER'), {
      ...directory.profiles.get('UOWNER')!,
      deleted: true,
    });
    expect(await store.ownershipOffers.findOpen(tenant.id, group.id)).toBeNull();
    await updatePersonProfile(deps, directory.identity('UCOOWNER'), {
      ...directory.profiles.get('UCOOWNER')!,
      deleted: true,
    });
    expect(await store.ownershipOffers.findOpen(tenant.id, group.id)).not.toBeNull();
  });

  it('offers a group whose owner the daily sync finds gone', async () => {
    const { tenant, directory, deps, group } = await aGroup();
    directory.groups.get('CGROUP')!.members = ['UACTIVE', 'UQUIET', 'UMANAGER'];
    now = new Date(now.getTime() + 2 * DAY_MS);
    await syncGroups(deps);
    expect(
      (
        await store.memberships.get(
          tenant.id,
          group.id,
          (await store.people.findByIdentity(tenant.id, directory.identity('UOWNER')))!.id,
        )
      )?.leftAt,
    ).not.toBeNull();
    expect(await store.ownershipOffers.findOpen(tenant.id, group.id)).not.toBeNull();
  });

  it('makes the candidate who accepts the owner and tells the managers; anyone else is not a candidate', async () => {
    const { tenant, directory, deps, group, person, active } = await aGroup();
    await updatePersonProfile(deps, directory.identity('UOWNER'), {
      ...directory.profiles.get('UOWNER')!,
      deleted: true,
    });
    const offer = (await store.ownershipOffers.findOpen(tenant.id, group.id))!;

    const quiet = await person('UQUIET');
    expect(await performCardAction(deps, quiet, { id: 'take_over.accept', value: offer.id })).toMatchObject({
      ok: false,
      code: ErrorCode.NotFound,
    });
    const accepted = await performCardAction(deps, active, { id: 'take_over.accept', value: offer.id });
    expect(accepted).toMatchObject({
      ok: true,
      value: { summary: `You are now an owner of ${group.name}. It will be on your weekly-hour card.` },
    });
    expect((await store.groups.get(tenant.id, group.id))?.ownerIds).toEqual([active.id]);
    // Pressing again changes nothing and says the same.
    expect(await performCardAction(deps, active, { id: 'take_over.accept', value: offer.id })).toEqual(accepted);
    const told = await cardsTo(tenant.id, 'UMANAGER');
    expect(told.map((c) => c.summary)).toEqual([
      `${active.displayName} took over ${group.name}, which had no owner left.`,
    ]);
  });

  it('records a decline, and tells the managers once when nobody accepted in time', async () => {
    const { tenant, directory, deps, group, active } = await aGroup();
    await updatePersonProfile(deps, directory.identity('UOWNER'), {
      ...directory.profiles.get('UOWNER')!,
      deleted: true,
    });
    const offer = (await store.ownershipOffers.findOpen(tenant.id, group.id))!;
    const declined = await performCardAction(deps, active, { id: 'take_over.decline', value: offer.id });
    expect(declined).toMatchObject({
      ok: true,
      value: { summary: `Noted: you will not take over ${group.name}. Thank you for answering.` },
    });
    expect((await store.ownershipOffers.get(tenant.id, offer.id))?.candidates).toMatchObject([
      { personId: active.id, answer: 'declined' },
    ]);

    // (Offers of the other tests of this store expire too: only this tenant's are looked at.)
    now = new Date(now.getTime() + TAKE_OVER_OFFER_MS - 1);
    await closeExpiredTakeOvers(deps);
    expect((await store.ownershipOffers.get(tenant.id, offer.id))?.status).toBe('open');
    now = new Date(now.getTime() + 1);
    expect(await closeExpiredTakeOvers(deps)).toBeGreaterThanOrEqual(1);
    expect(await closeExpiredTakeOvers(deps)).toBe(0);
    expect((await store.ownershipOffers.get(tenant.id, offer.id))?.status).toBe('expired');
    expect((await cardsTo(tenant.id, 'UMANAGER')).map((c) => c.summary)).toEqual([
      `Nobody took over ${group.name}: it has no owner left, and the 1 member asked did not accept within 7 days.`,
    ]);
    // Too late to accept now.
    expect(await performCardAction(deps, active, { id: 'take_over.accept', value: offer.id })).toMatchObject({
      ok: true,
      value: { summary: `The offer to take over ${group.name} has closed.` },
    });
  });

  it('tells the managers at once when no member is active enough to be asked', async () => {
    const { tenant, directory, deps, group, active } = await aGroup();
    await store.memberships.recordLeave(tenant.id, group.id, active.id, now);
    await updatePersonProfile(deps, directory.identity('UOWNER'), {
      ...directory.profiles.get('UOWNER')!,
      deleted: true,
    });
    expect(await store.ownershipOffers.findOpen(tenant.id, group.id)).toBeNull();
    expect((await cardsTo(tenant.id, 'UMANAGER')).map((c) => c.summary)).toEqual([
      `${group.name} has no owner left, and none of its members is active enough to be asked to take it over. It needs a new owner.`,
    ]);
  });

  it('keeps on Teams who took a team over in Steward through the daily sync', async () => {
    const { tenant, directory, deps, group, active } = await aGroup('teams');
    directory.groups.get('CGROUP')!.members = ['UACTIVE', 'UQUIET', 'UMANAGER'];
    now = new Date(now.getTime() + 2 * DAY_MS);
    await syncGroups(deps);
    const offer = (await store.ownershipOffers.findOpen(tenant.id, group.id))!;
    expect((await performCardAction(deps, active, { id: 'take_over.accept', value: offer.id })).ok).toBe(true);
    // Graph still lists the one who left as the team's owner; the next day's sync keeps both.
    now = new Date(now.getTime() + 2 * DAY_MS);
    await syncGroups(deps);
    expect((await store.groups.get(tenant.id, group.id))?.ownerIds).toContain(active.id);
  });
});
