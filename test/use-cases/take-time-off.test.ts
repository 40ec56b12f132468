import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCommand } from '../../core/src/commands/parse-command.ts';
import type { Store } from '../../core/src/ports/store/index.ts';
import { takeTimeOff } from '../../core/src/use-cases/take-time-off.ts';
import { openTemporaryEmbeddedStore } from '../support/embedded-store.ts';
import { aGroup, aPerson, aTenant } from '../support/factories.ts';
import { WallClock } from '../support/wall-clock.ts';

describe('/steward timeoff', () => {
  let store: Store;
  let dispose: () => Promise<void>;
  const clock = new WallClock('2026-07-01T08:00:00Z');
  beforeAll(async () => {
    ({ store, dispose } = await openTemporaryEmbeddedStore());
  }, 60_000);
  afterAll(async () => dispose?.());

  async function owners() {
    const tenant = aTenant();
    await store.tenants.save(tenant);
    const owner = aPerson(tenant.id, { locale: 'en' });
    const cover = aPerson(tenant.id, { displayName: 'Cleo Cover' });
    const stranger = aPerson(tenant.id);
    for (const p of [owner, cover, stranger]) await store.people.save(p);
    await store.groups.save(aGroup(tenant.id, [owner.id, cover.id]));
    return { owner, cover, stranger };
  }

  it('reads the last day and the cover from the command text', () => {
    expect(parseCommand('timeoff 2026-08-21 <@U0CLEO|cleo>')).toEqual({
      name: 'timeoff',
      until: '2026-08-21',
      people: ['U0CLEO'],
    });
    expect(parseCommand('timeoff off')).toEqual({ name: 'timeoff', until: 'off', people: [] });
    expect(parseCommand('timeoff')).toEqual({ name: 'timeoff', until: null, people: [] });
  });

  it('saves time off from today with the co-owner covering, and ends it with "off"', async () => {
    const { owner, cover } = await owners();
    const deps = { store, clock };
    expect(await takeTimeOff(deps, owner, '2026-07-20', cover.identities[0]!)).toBe(
      'Time off saved: no weekly card until 2026-07-20 included; Cleo Cover gets your weekly card meanwhile.',
    );
    expect((await store.people.get(owner.tenantId, owner.id))?.timeOff).toEqual({
      from: '2026-07-01',
      until: '2026-07-20',
      coverId: cover.id,
    });
    const saved = (await store.people.get(owner.tenantId, owner.id))!;
    expect(await takeTimeOff(deps, saved, 'off', null)).toBe('Your time off is over: your weekly card comes back.');
    expect((await store.people.get(owner.tenantId, owner.id))?.timeOff).toBeNull();
  });

  it('refuses a cover who co-owns nothing with the owner, a day in the past, and explains the command without a day', async () => {
    const { owner, stranger } = await owners();
    const deps = { store, clock };
    expect(await takeTimeOff(deps, owner, '2026-07-20', stranger.identities[0]!)).toBe(
      'Pick a co-owner of one of your groups, or nobody.',
    );
    expect(await takeTimeOff(deps, owner, '2026-06-20', null)).toContain('Pick the last day of your time off');
    expect(await takeTimeOff(deps, owner, null, null)).toContain('/steward timeoff YYYY-MM-DD');
    expect((await store.people.get(owner.tenantId, owner.id))?.timeOff).toBeNull();
  });
});
