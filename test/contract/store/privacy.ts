import { describe, expect, it } from 'vitest';
import { DEFAULT_RAW_EVENT_RETENTION_MONTHS } from '../../../core/src/domain/privacy.ts';
import { erasedEmailHash, erasePerson } from '../../../core/src/use-cases/privacy/erase-person.ts';
import { exportPerson } from '../../../core/src/use-cases/privacy/export-person.ts';
import { purgeRawEvents } from '../../../core/src/use-cases/privacy/purge-raw-events.ts';
import { anEvent, aSmallTenant } from '../../support/factories.ts';
import { aCardMessage, groupFigures, privacyClock, seedPersonToErase } from '../../support/privacy-scenario.ts';
import type { GetStore } from './context.ts';

export function privacyContract(store: GetStore) {
  const deps = () => ({ store: store(), clock: privacyClock });

  describe('privacy: export', () => {
    it('exports the profile, identities and every row naming the person, raw events counted by kind', async () => {
      const { patricia, group, closed } = await seedPersonToErase(store());
      const exported = await exportPerson(deps(), patricia.email!.toUpperCase());
      expect(exported.ok).toBe(true);
      if (!exported.ok) return;
      const { person, records } = exported.value;
      expect(person.identities).toEqual(patricia.identities);
      const rows = (name: string, snake: string) => records[name] ?? records[snake] ?? [];
      expect(rows('memberships', 'memberships').map((m) => m['group_id'] ?? m['groupId'])).toEqual([group.id]);
      expect(rows('membershipRequests', 'membership_requests').map((r) => r['group_id'] ?? r['groupId'])).toEqual([
        closed.id,
      ]);
      expect(rows('memberDays', 'member_days')).toHaveLength(5);
      expect(rows('contributorSpans', 'contributor_spans')).toHaveLength(1);
      expect(rows('questions', 'questions')).toHaveLength(1);
      expect(rows('sessions', 'sessions')).toHaveLength(1);
      expect(rows('roleGrants', 'role_grants')).toHaveLength(1);
      expect(rows('outbox', 'outbox')).toHaveLength(2);
      const byKind = rows('contributionEvents', 'contribution_events').map((k) => [k['kind'] ?? k['_id'], k['events']]);
      expect(byKind).toEqual([
        ['answer', 1],
        ['file', 1],
        ['post', 2],
        ['reaction', 1],
      ]);
    });

    it('refuses an e-mail nobody has, and one in two tenants until a tenant is named', async () => {
      expect(await exportPerson(deps(), 'nobody-at-all@example.com')).toMatchObject({ ok: false, code: 'not_found' });
      expect(await exportPerson(deps(), 'not an e-mail')).toMatchObject({ ok: false, code: 'invalid_input' });
      const first = await seedPersonToErase(store());
      const second = await aSmallTenant(store());
      await store().people.save({ ...second.member, email: first.patricia.email });
      expect(await exportPerson(deps(), first.patricia.email!)).toMatchObject({ ok: false, code: 'conflict' });
      const named = await exportPerson(deps(), first.patricia.email!, second.tenant.id);
      expect(named.ok && named.value.person.id).toBe(second.member.id);
    });
  });

  describe('privacy: erase', () => {
    it('keeps every figure of the group equal while the profile, identities and sign-ins go', async () => {
      const { tenant, patricia, group, sessionHash } = await seedPersonToErase(store());
      const before = await groupFigures(store(), tenant.id, group.id);

      const erased = await erasePerson(deps(), patricia.email!);
      expect(erased.ok).toBe(true);

      expect(await groupFigures(store(), tenant.id, group.id)).toEqual(before);
      expect(await store().people.get(tenant.id, patricia.id)).toBeNull();
      expect(await store().people.findByIdentity(tenant.id, patricia.identities[0]!)).toBeNull();
      expect(await store().people.findByEmail(tenant.id, patricia.email!)).toBeNull();
      expect(await store().sessions.find(sessionHash, privacyClock.now())).toBeNull();
      expect(await store().roleGrants.listForEmail(tenant.id, patricia.email!)).toEqual([]);
      // The memberships still count, under an id that is not hers.
      const members = await store().memberships.listMembers(tenant.id, group.id);
      expect(members).toHaveLength(3);
      expect(members.map((m) => m.personId)).not.toContain(patricia.id);
      expect(await store().memberships.listByPerson(tenant.id, patricia.id)).toEqual([]);
    });

    it('audits the erasure with the e-mail’s hash, and no audit detail or message keeps her e-mail, name or ids', async () => {
      const { tenant, patricia, closed, sentId, waitingId } = await seedPersonToErase(store());
      await erasePerson(deps(), patricia.email!, tenant.id);

      const entries = await store().audit.list(tenant.id, { limit: 100 });
      const erasure = entries.find((e) => e.action === 'person.erased');
      expect(erasure?.details['emailSha256']).toBe(erasedEmailHash(tenant.id, patricia.email!));
      const named = [patricia.email!, patricia.displayName, ...patricia.identities.map((i) => i.userId)];
      const texts =
        JSON.stringify(entries) +
        JSON.stringify([await store().outbox.get(tenant.id, sentId), await store().outbox.get(tenant.id, waitingId)]);
      for (const value of named) expect(texts).not.toContain(value);
      expect(texts).not.toContain('words for');
      const waiting = await store().outbox.get(tenant.id, waitingId);
      expect(waiting).toMatchObject({ status: 'cancelled', lastError: 'person_erased' });
      const [request] = await store().membershipRequests.listPending(tenant.id, closed.id);
      expect(request?.note).toBeNull();
      expect(request?.requesterId).not.toBe(patricia.id);
    });

    it('says not found for someone already erased, and changes nothing', async () => {
      const { patricia, tenant, group } = await seedPersonToErase(store());
      await erasePerson(deps(), patricia.email!);
      const after = await groupFigures(store(), tenant.id, group.id);
      expect(await erasePerson(deps(), patricia.email!)).toMatchObject({ ok: false, code: 'not_found' });
      expect(await groupFigures(store(), tenant.id, group.id)).toEqual(after);
    });
  });

  describe('privacy: raw event retention', () => {
    it('is 13 months unless the tenant says otherwise', async () => {
      const { tenant } = await aSmallTenant(store());
      const find = async () =>
        (await store().privacy.rawEventRetentions()).find((r) => r.tenantId === tenant.id)?.months;
      expect(await find()).toBe(DEFAULT_RAW_EVENT_RETENTION_MONTHS);
      await store().privacy.setRawEventRetention(tenant.id, 2);
      expect(await find()).toBe(2);
    });

    it('deletes raw events before the cut-off in bounded batches, oldest first, and keeps every rollup', async () => {
      const { tenant, group, member } = await aSmallTenant(store());
      const days = ['2025-01-10', '2025-01-11', '2025-01-12', '2025-02-01', '2026-03-01'];
      await store().contributions.record(
        tenant.id,
        days.map((day) => anEvent(tenant.id, group.id, member.id, { occurredAt: new Date(`${day}T12:00:00Z`) })),
      );
      const range = { from: '2025-01-01', to: '2026-03-31' };
      const rollups = async () => ({
        groupDays: await store().contributions.groupDays(tenant.id, group.id, range),
        memberDays: await store().contributions.memberDays(tenant.id, group.id, range),
        spans: await store().contributions.contributorSpans(tenant.id, group.id),
      });
      const before = await rollups();
      const cutoff = new Date('2025-02-01T00:00:00Z');
      expect(await store().privacy.deleteRawEventsBefore(tenant.id, cutoff, 2)).toBe(2);
      expect(await store().privacy.deleteRawEventsBefore(tenant.id, cutoff, 2)).toBe(1);
      expect(await store().privacy.deleteRawEventsBefore(tenant.id, cutoff, 2)).toBe(0);
      expect(await rollups()).toEqual(before);
      const exported = await store().privacy.personRecords(tenant.id, member.id);
      const events = exported['contribution_events'] ?? exported['contributionEvents'];
      expect(events?.map((k) => k['events'])).toEqual([2]);
    });

    it('purges each tenant by its own retention within a budget, the next run going on', async () => {
      const { tenant, group, member } = await aSmallTenant(store());
      await store().privacy.setRawEventRetention(tenant.id, 1);
      // 2026-03-20 less one month: events before 2026-02-20 go.
      const old = ['2026-01-01', '2026-01-02', '2026-01-03', '2026-02-19'];
      await store().contributions.record(
        tenant.id,
        [...old, '2026-02-21'].map((day) =>
          anEvent(tenant.id, group.id, member.id, { occurredAt: new Date(`${day}T12:00:00Z`) }),
        ),
      );
      const count = async () =>
        (await store().privacy.personRecords(tenant.id, member.id))['contribution_events']?.[0]?.['events'] ??
        (await store().privacy.personRecords(tenant.id, member.id))['contributionEvents']?.[0]?.['events'];
      // Other tenants' old events share the budget: run until this tenant's are gone.
      for (let run = 0; run < 50 && (await count()) !== 1; run += 1)
        await purgeRawEvents(deps(), { batch: 2, batches: 3 });
      expect(await count()).toBe(1);
    });
  });

  describe('privacy: the outbox forgets texts once delivered', () => {
    it('keeps where a sent card went, and nothing it said', async () => {
      const { tenant, member } = await aSmallTenant(store());
      const to = member.identities[0]!;
      const message = aCardMessage(tenant.id, to, 'Denied: you are not in the project (a reason)');
      await store().outbox.enqueue(message);
      expect(JSON.stringify((await store().outbox.get(tenant.id, message.id))?.payload)).toContain('a reason');
      const where = { platform: 'slack', workspaceId: to.workspaceId, conversationId: 'D1', messageId: '1.5' };
      await store().outbox.markSent(tenant.id, message.id, privacyClock.now(), where);
      const sent = await store().outbox.get(tenant.id, message.id);
      expect(sent?.payload).toEqual({ to: { platform: 'slack', workspaceId: to.workspaceId, userId: to.userId } });
      expect(sent?.result).toEqual(where);
    });
  });
}
