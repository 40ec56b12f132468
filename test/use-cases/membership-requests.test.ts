import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../core/src/errors.ts';
import type { Clock } from '../../core/src/ports/clock.ts';
import type { Store } from '../../core/src/ports/store/index.ts';
import { decideMembershipRequest } from '../../core/src/use-cases/decide-membership-request.ts';
import { requestMembership } from '../../core/src/use-cases/request-membership.ts';
import { openTemporaryEmbeddedStore } from '../support/embedded-store.ts';
import { aGroup, aSmallTenant } from '../support/factories.ts';

const clock: Clock = { now: () => new Date('2026-03-02T10:00:00Z') };

describe('membership request use cases', () => {
  let store: Store;
  let dispose: () => Promise<void>;
  beforeAll(async () => ({ store, dispose } = await openTemporaryEmbeddedStore()));
  afterAll(() => dispose());

  it('creates a request for an approval group and audits it', async () => {
    const { tenant, member, group } = await aSmallTenant(store);
    const outcome = await requestMembership(
      { store, clock },
      { tenantId: tenant.id, groupId: group.id, requesterId: member.id, note: 'hello' },
    );
    expect(outcome).toMatchObject({
      ok: true,
      value: { status: 'pending', requesterId: member.id, requestedAt: clock.now() },
    });
    const [entry] = await store.audit.list(tenant.id, { limit: 5 });
    expect(entry).toMatchObject({
      action: 'membership_request.created',
      actorId: member.id,
      details: { groupId: group.id },
    });
  });

  it('says an open group needs no request and a member needs none either', async () => {
    const { tenant, owner, member, group } = await aSmallTenant(store);
    const open = aGroup(tenant.id, [owner.id], { membershipPolicy: 'open' });
    await store.groups.save(open);
    expect(
      await requestMembership(
        { store, clock },
        { tenantId: tenant.id, groupId: open.id, requesterId: member.id, note: null },
      ),
    ).toMatchObject({ ok: false, code: ErrorCode.GroupIsOpen });

    await store.memberships.recordJoin(tenant.id, group.id, member.id, clock.now());
    expect(
      await requestMembership(
        { store, clock },
        { tenantId: tenant.id, groupId: group.id, requesterId: member.id, note: null },
      ),
    ).toMatchObject({ ok: false, code: ErrorCode.AlreadyMember });
    expect(await store.membershipRequests.listPending(tenant.id)).toEqual([]);
  });

  it('lets only an owner decide, checked again whatever the card said', async () => {
    const { tenant, owner, member, group } = await aSmallTenant(store);
    const created = await requestMembership(
      { store, clock },
      { tenantId: tenant.id, groupId: group.id, requesterId: member.id, note: null },
    );
    if (!created.ok) throw new Error(created.detail);

    const byMember = await decideMembershipRequest(
      { store, clock },
      {
        tenantId: tenant.id,
        requestId: created.value.id,
        deciderId: member.id,
        decision: 'approved',
        reason: null,
      },
    );
    expect(byMember).toMatchObject({ ok: false, code: ErrorCode.NotAnOwner });
    expect((await store.membershipRequests.get(tenant.id, created.value.id))?.status).toBe('pending');

    const byOwner = await decideMembershipRequest(
      { store, clock },
      {
        tenantId: tenant.id,
        requestId: created.value.id,
        deciderId: owner.id,
        decision: 'denied',
        reason: 'Project members only',
      },
    );
    expect(byOwner).toMatchObject({
      ok: true,
      value: { request: { status: 'denied', decidedBy: owner.id, reason: 'Project members only' } },
    });
    const trail = await store.audit.list(tenant.id, { subjectId: created.value.id, limit: 10 });
    expect(trail.map((e) => [e.action, e.actorId]).sort()).toEqual([
      ['membership_request.created', member.id],
      ['membership_request.denied', owner.id],
    ]);
  });
});
