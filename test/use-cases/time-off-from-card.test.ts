import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionValue } from '../../core/src/cards/action-value.ts';
import { formInputOf } from '../../core/src/cards/card.ts';
import { newWeeklyHourRecord } from '../../core/src/domain/weekly-hour.ts';
import type { Store } from '../../core/src/ports/store/index.ts';
import { cardActionForm } from '../../core/src/use-cases/card-action-form.ts';
import { performCardAction } from '../../core/src/use-cases/card-actions.ts';
import { openTemporaryEmbeddedStore } from '../support/embedded-store.ts';
import { aGroup, aPerson, aTenant } from '../support/factories.ts';
import { WallClock } from '../support/wall-clock.ts';

// "Time off…" on the weekly card, in the core: the card's form brings the last day and the
// co-owner picked, taken through take-time-off.ts for the owner who pressed, on their own card.

describe('time off from the weekly card', () => {
  let store: Store;
  let dispose: () => Promise<void>;
  const clock = new WallClock('2026-07-01T08:00:00Z');
  const week = '2026-W27' as const;
  beforeAll(async () => {
    ({ store, dispose } = await openTemporaryEmbeddedStore());
  }, 60_000);
  afterAll(async () => dispose?.());

  async function anOwnersWeek(locale: 'en' | 'ru' = 'en') {
    const tenant = aTenant();
    await store.tenants.save(tenant);
    const owner = aPerson(tenant.id, { locale, timeZone: 'Europe/London' });
    const cover = aPerson(tenant.id, { displayName: 'Cleo Cover' });
    const gone = aPerson(tenant.id, { displayName: 'Gone Owner', deactivatedAt: new Date('2026-06-01T00:00:00Z') });
    const stranger = aPerson(tenant.id, { displayName: 'Sam Stranger' });
    for (const p of [owner, cover, gone, stranger]) await store.people.save(p);
    await store.groups.save(aGroup(tenant.id, [owner.id, cover.id, gone.id]));
    await store.weeklyHours.claim(newWeeklyHourRecord(tenant.id, owner.id, week, clock.now()));
    const press = (input: string | null, by = owner) =>
      performCardAction({ store, clock }, by, {
        id: 'weekly_hour.time_off',
        value: actionValue([owner.id], { ownerId: owner.id, week }),
        input,
      });
    return { owner, cover, stranger, press };
  }

  it('saves the last day and the co-owner picked, and shows the card with the confirmation on top', async () => {
    const { owner, cover, press } = await anOwnersWeek();
    const card = await press(formInputOf('2026-07-20', cover.id));
    expect(card.ok).toBe(true);
    expect(JSON.stringify(card.ok && card.value.blocks)).toContain(
      'Time off saved: no weekly card until 2026-07-20 included; Cleo Cover gets your weekly card meanwhile.',
    );
    expect((await store.people.get(owner.tenantId, owner.id))?.timeOff).toEqual({
      from: '2026-07-01',
      until: '2026-07-20',
      coverId: cover.id,
    });
    expect((await store.audit.list(owner.tenantId, { subjectId: owner.id, limit: 1 }))[0]).toMatchObject({
      action: 'person.time_off_changed',
      actorId: owner.id,
    });
  });

  it('saves time off covered by nobody when nobody is picked, in the owner’s language', async () => {
    const { owner, press } = await anOwnersWeek('ru');
    const card = await press('2026-07-10');
    expect(JSON.stringify(card.ok && card.value.blocks)).toContain('Отсутствие сохранено');
    expect((await store.people.get(owner.tenantId, owner.id))?.timeOff).toEqual({
      from: '2026-07-01',
      until: '2026-07-10',
      coverId: null,
    });
  });

  it('says what is wrong on the card, and saves nothing: no day, a day past, a cover who co-owns nothing, a forged pick', async () => {
    const { owner, stranger, press } = await anOwnersWeek();
    const notices: string[] = [];
    for (const input of [null, '2026-06-01', formInputOf('2026-07-20', stranger.id), '2026-07-20 not-an-id']) {
      const card = await press(input);
      expect(card.ok).toBe(true);
      notices.push(JSON.stringify(card.ok && card.value.blocks));
    }
    expect(notices[0]).toContain('Pick the last day of your time off');
    expect(notices[1]).toContain('Pick the last day of your time off');
    expect(notices[2]).toContain('Pick a co-owner of one of your groups, or nobody.');
    expect(notices[3]).toContain('Pick a co-owner of one of your groups, or nobody.');
    expect((await store.people.get(owner.tenantId, owner.id))?.timeOff ?? null).toBeNull();
  });

  it('takes time off for nobody else: pressed by another on the owner’s card, it is not found and changes nothing', async () => {
    const { owner, cover, press } = await anOwnersWeek();
    const refused = await press('2026-07-20', cover);
    expect(refused).toMatchObject({ ok: false, code: 'not_found' });
    expect((await store.people.get(owner.tenantId, cover.id))?.timeOff ?? null).toBeNull();
    expect((await store.people.get(owner.tenantId, owner.id))?.timeOff ?? null).toBeNull();
  });

  it('gives Slack the form as it now stands: the active co-owners, for the owner alone', async () => {
    const { owner, cover, stranger } = await anOwnersWeek();
    const value = actionValue([owner.id], { ownerId: owner.id, week });
    const form = await cardActionForm({ store, clock }, owner, { id: 'weekly_hour.time_off', value });
    expect(form.ok && form.value.pick.options).toEqual([{ label: 'Cleo Cover', value: cover.id }]);
    expect(form.ok && form.value.title).toBe('Time off');
    expect(await cardActionForm({ store, clock }, stranger, { id: 'weekly_hour.time_off', value })).toMatchObject({
      ok: false,
      code: 'not_found',
    });
    expect(await cardActionForm({ store, clock }, owner, { id: 'weekly_hour.done', value })).toMatchObject({
      ok: false,
      code: 'not_found',
    });
  });
});
