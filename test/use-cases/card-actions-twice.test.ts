import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Person } from '../../core/src/domain/person.ts';
import type { Store } from '../../core/src/ports/store/index.ts';
import { type PressedAction, performCardAction } from '../../core/src/use-cases/card-actions.ts';
import type { CoreDeps } from '../../core/src/use-cases/deps.ts';
import { checkOwnership } from '../../core/src/use-cases/groups/take-over.ts';
import { requestMembership } from '../../core/src/use-cases/request-membership.ts';
import { saveSettings } from '../../core/src/use-cases/settings.ts';
import { sendDueWeeklyHours } from '../../core/src/use-cases/weekly-hour/send-due-cards.ts';
import { openTemporaryEmbeddedStore } from '../support/embedded-store.ts';
import { aContentItem, aGroup, anEvent, aPerson, aTenant } from '../support/factories.ts';
import { WallClock } from '../support/wall-clock.ts';

// Issue "A real install works from day one", item 8: Teams may deliver an invoke again (same
// activity id) when its answer was late or lost. Every button of every card, pressed a second time
// by the same person, must not act again: no second decision, invitation, post, message, audit entry
// or change. (The Teams edge also answers a redelivered invoke from memory; this is what holds
// without it, e.g. when the redelivery reaches another process.)

const WEEK = '2026-W48';

describe('a card’s button pressed twice by the same person acts once', () => {
  let store: Store;
  let dispose: () => Promise<void>;
  let counter: pg.Client;
  const clock = new WallClock('2026-11-23T06:00:00Z');
  const deps = (): CoreDeps => ({ store, clock });

  beforeAll(async () => {
    const opened = await openTemporaryEmbeddedStore();
    ({ store, dispose } = opened);
    counter = new pg.Client({ connectionString: opened.connectionString });
    await counter.connect();
  });
  afterAll(async () => {
    await counter.end();
    await dispose();
  });

  /** What a second press could add or change, counted for a tenant. */
  const written = async (tenantId: string) => {
    const { rows } = await counter.query<Record<string, string>>(
      `SELECT (SELECT count(*) FROM audit_entries WHERE tenant_id = $1) AS audit,
              (SELECT count(*) FROM outbox WHERE tenant_id = $1) AS outbox,
              (SELECT string_agg(status || coalesce(decided_by::text, ''), ',') FROM membership_requests WHERE tenant_id = $1) AS requests,
              (SELECT string_agg(status || coalesce(snoozed_until::text, '') || coalesce(delegate_id::text, ''), ',') FROM weekly_hours WHERE tenant_id = $1) AS weeks,
              (SELECT string_agg(state || coalesce(last_reviewed_at::text, ''), ',') FROM content_items WHERE tenant_id = $1) AS items,
              (SELECT string_agg(array_to_string(owner_ids, ' '), ',' ORDER BY id) FROM groups WHERE tenant_id = $1) AS owners,
              (SELECT string_agg(status || coalesce(taken_by::text, '') || coalesce(closed_at::text, ''), ',') FROM ownership_offers WHERE tenant_id = $1) AS offers,
              (SELECT string_agg(coalesce(answer, '') || coalesce(answered_at::text, ''), ',') FROM ownership_offer_candidates WHERE tenant_id = $1) AS answers`,
      [tenantId],
    );
    return rows[0];
  };

  /**
   * A tenant as on a Monday morning: an owner in Paris whose weekly card just went, a co-owner, a
   * newcomer of the week, a contributor, a pending request and an item due for review.
   */
  async function aMonday() {
    clock.set('2026-11-23T06:00:00Z');
    const tenant = aTenant();
    await store.tenants.save(tenant);
    const [owner, coOwner, newcomer, requester] = [0, 1, 2, 3].map(() =>
      aPerson(tenant.id, { timeZone: 'Europe/Paris' }),
    ) as [Person, Person, Person, Person];
    for (const person of [owner, coOwner, newcomer, requester]) await store.people.save(person);
    await store.people.save({ ...coOwner, weeklyHour: { weekday: 7, time: '23:45' } });
    const group = aGroup(tenant.id, [owner.id, coOwner.id], { purpose: 'Design crits' });
    await store.groups.save(group);
    await store.memberships.recordJoin(tenant.id, group.id, newcomer.id, new Date('2026-11-22T10:00:00Z'));
    await store.contributions.record(tenant.id, [
      anEvent(tenant.id, group.id, newcomer.id, { occurredAt: new Date('2026-11-22T11:00:00Z') }),
    ]);
    const item = await store.contentItems.save(
      aContentItem(tenant.id, group.id, { lastChangedAt: new Date('2026-01-01T00:00:00Z') }),
    );
    const request = await requestMembership(deps(), {
      tenantId: tenant.id,
      groupId: group.id,
      requesterId: requester.id,
      note: null,
    });
    if (!request.ok) throw new Error(request.detail);
    clock.set('2026-11-23T08:00:00Z');
    await sendDueWeeklyHours(deps());
    clock.set('2026-11-23T09:30:00Z');
    const card = `${owner.id}:${WEEK}`;
    const offer = await anOwnerlessGroupOfferedTo(tenant.id, owner);
    return { tenant, owner, coOwner, newcomer, group, item, request: request.value, card, offer };
  }

  /** A group whose one owner left the company, offered to its one active member: the owner of the other. */
  async function anOwnerlessGroupOfferedTo(tenantId: string, member: Person): Promise<string> {
    const gone = aPerson(tenantId, { deactivatedAt: new Date('2026-11-01T00:00:00Z') });
    await store.people.save(gone);
    const ownerless = aGroup(tenantId, [gone.id]);
    await store.groups.save(ownerless);
    await store.memberships.recordJoin(tenantId, ownerless.id, member.id, new Date('2026-10-01T00:00:00Z'));
    const days = ['2026-11-20T10:00:00Z', '2026-11-22T10:00:00Z'].map((at) =>
      anEvent(tenantId, ownerless.id, member.id, { occurredAt: new Date(at) }),
    );
    await store.contributions.record(tenantId, days);
    await checkOwnership(deps(), tenantId, [ownerless.id]);
    return (await store.ownershipOffers.findOpen(tenantId, ownerless.id))!.id;
  }

  type Monday = Awaited<ReturnType<typeof aMonday>>;
  const presses: [string, (m: Monday) => PressedAction][] = [
    ['approve a request', (m) => ({ id: 'membership_request.approve', value: m.request.id })],
    ['deny a request', (m) => ({ id: 'membership_request.deny', value: m.request.id, input: 'Design reviewers only' })],
    ['mark the hour done', (m) => ({ id: 'weekly_hour.done', value: m.card })],
    ['snooze the card', (m) => ({ id: 'weekly_hour.snooze', value: m.card })],
    ['skip the week', (m) => ({ id: 'weekly_hour.skip', value: m.card, input: 'On holiday' })],
    ['hand the week over', (m) => ({ id: 'weekly_hour.delegate', value: `${m.card}:${m.coOwner.id}` })],
    ['keep an item', (m) => ({ id: 'content_item.keep', value: `${m.item.id}|${m.card}` })],
    ['archive an item', (m) => ({ id: 'content_item.archive', value: `${m.item.id}|${m.card}` })],
    ['welcome the newcomers', (m) => ({ id: 'member.welcome', value: `${m.group.id}|${m.card}` })],
    ['thank the contributors', (m) => ({ id: 'contributor.thank', value: `${m.group.id}|${m.card}` })],
    ['nudge a member', (m) => ({ id: 'member.nudge', value: `${m.group.id}:${m.newcomer.id}|${m.card}` })],
    ['take over an ownerless group', (m) => ({ id: 'take_over.accept', value: m.offer })],
    ['decline to take over an ownerless group', (m) => ({ id: 'take_over.decline', value: m.offer })],
  ];

  it.each(presses)('%s', async (_what, press) => {
    const monday = await aMonday();
    const first = await performCardAction(deps(), monday.owner, press(monday));
    expect(first).toMatchObject({ ok: true });
    const once = await written(monday.tenant.id);
    clock.set('2026-11-23T09:30:05Z');
    await performCardAction(deps(), monday.owner, press(monday));
    expect(await written(monday.tenant.id)).toEqual(once);
  });

  it('save the settings', async () => {
    const { tenant, owner, group } = await aMonday();
    const form = {
      weekday: '5',
      time: '17:00',
      groupId: group.id,
      purpose: 'Design reviews',
      reviewIntervalDays: '30',
      membershipPolicy: 'approval',
    };
    expect(await saveSettings(deps(), owner, form)).toMatchObject({ ok: true });
    const once = await written(tenant.id);
    const saved = (await store.people.get(tenant.id, owner.id))!;
    expect(await saveSettings(deps(), saved, form)).toMatchObject({ ok: true });
    expect(await written(tenant.id)).toEqual(once);
  });
});
