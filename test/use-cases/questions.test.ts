import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoWeekOf } from '../../core/src/domain/iso-week.ts';
import { newWeeklyHourRecord } from '../../core/src/domain/weekly-hour.ts';
import type { Store } from '../../core/src/ports/store/index.ts';
import { type SettingsInput, saveSettings } from '../../core/src/use-cases/settings.ts';
import { composeWeeklyHourCards } from '../../core/src/use-cases/weekly-hour/compose-cards.ts';
import { openTemporaryEmbeddedStore } from '../support/embedded-store.ts';
import { anEvent, aSmallTenant } from '../support/factories.ts';

const at = (iso: string) => new Date(iso);

describe('questions: the response target in the settings, time to first response on the weekly card', () => {
  let store: Store;
  let dispose: () => Promise<void>;
  const clock = { now: () => at('2026-11-23T09:00:00Z') };
  beforeAll(async () => ({ store, dispose } = await openTemporaryEmbeddedStore()));
  afterAll(() => dispose());

  const form = (groupId: string, responseTargetHours?: string): SettingsInput => ({
    weekday: '1',
    time: '09:00',
    groupId,
    purpose: 'Design reviews',
    reviewIntervalDays: '90',
    membershipPolicy: 'approval',
    ...(responseTargetHours === undefined ? {} : { responseTargetHours }),
  });

  it('saves the group’s response target in whole hours from 1 to 168, and changes nothing on a wrong one', async () => {
    const { owner, group } = await aSmallTenant(store);
    expect((await saveSettings({ store, clock }, owner, form(group.id, '8'))).ok).toBe(true);
    expect((await store.groups.get(group.tenantId, group.id))?.responseTargetHours).toBe(8);
    for (const wrong of ['0', '169', '2.5', '', 'soon']) {
      const saved = await saveSettings({ store, clock }, owner, { ...form(group.id, wrong), purpose: 'Changed' });
      expect(saved).toMatchObject({ ok: false, code: 'invalid_input', params: { field: 'response_target' } });
    }
    const kept = await store.groups.get(group.tenantId, group.id);
    expect(kept).toMatchObject({ responseTargetHours: 8, purpose: 'Design reviews' });
    // A form without the field (an older client) keeps the target as it is.
    expect((await saveSettings({ store, clock }, owner, { ...form(group.id), purpose: 'Other' })).ok).toBe(true);
    expect(await store.groups.get(group.tenantId, group.id)).toMatchObject({
      responseTargetHours: 8,
      purpose: 'Other',
    });
  });

  it('shows each group’s median and 90th percentile time to first response of the week on the owner’s card', async () => {
    const { tenant, owner, member, group } = await aSmallTenant(store);
    const ask = (thread: string, iso: string) =>
      anEvent(tenant.id, group.id, member.id, { threadId: thread, asksQuestion: true, occurredAt: at(iso) });
    const reply = (thread: string, iso: string) =>
      anEvent(tenant.id, group.id, owner.id, { kind: 'reply', threadId: thread, occurredAt: at(iso) });
    // Answered after 30 min, 2 h and 10 h; one unanswered; one asked before the week (not counted).
    await store.contributions.record(tenant.id, [
      ask('a', '2026-11-17T10:00:00Z'),
      reply('a', '2026-11-17T10:30:00Z'),
      ask('b', '2026-11-18T10:00:00Z'),
      reply('b', '2026-11-18T12:00:00Z'),
      ask('c', '2026-11-19T08:00:00Z'),
      reply('c', '2026-11-19T18:00:00Z'),
      ask('d', '2026-11-20T08:00:00Z'),
      ask('old', '2026-11-10T08:00:00Z'),
      reply('old', '2026-11-13T08:00:00Z'),
    ]);
    const tenantRow = (await store.tenants.get(tenant.id))!;
    const record = newWeeklyHourRecord(tenant.id, owner.id, isoWeekOf(clock.now(), owner.timeZone), clock.now());
    const [card] = await composeWeeklyHourCards({ store, clock }, tenantRow, [{ record, viewerId: owner.id }]);
    const lines = card!.blocks.filter((b) => b.kind === 'context').map((b) => (b as { text: string }).text);
    // Of 30 min, 2 h and 10 h: the median is 2 h; the 90th percentile, interpolated, 2 h + 0.8 × 8 h = 8.4 h.
    expect(lines).toContain('Time to first response this week: median 2 h, 90th percentile 8 h.');

    const quiet = await aSmallTenant(store);
    const quietRecord = newWeeklyHourRecord(
      quiet.tenant.id,
      quiet.owner.id,
      isoWeekOf(clock.now(), quiet.owner.timeZone),
      clock.now(),
    );
    const [quietCard] = await composeWeeklyHourCards({ store, clock }, (await store.tenants.get(quiet.tenant.id))!, [
      { record: quietRecord, viewerId: quiet.owner.id },
    ]);
    expect(JSON.stringify(quietCard!.blocks)).not.toContain('Time to first response');
  });
});
