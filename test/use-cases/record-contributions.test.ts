import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../core/src/ports/store/index.ts';
import { systemClock } from '../../core/src/ports/clock.ts';
import { ErrorCode } from '../../core/src/errors.ts';
import { MAX_BATCH, recordContributions } from '../../core/src/use-cases/record-contributions.ts';
import { openTemporaryEmbeddedStore } from '../support/embedded-store.ts';
import { aSmallTenant, anEvent } from '../support/factories.ts';

describe('recording contributions', () => {
  let store: Store;
  let dispose: () => Promise<void>;
  beforeAll(async () => ({ store, dispose } = await openTemporaryEmbeddedStore()));
  afterAll(() => dispose());

  it('stores a valid batch and reports redeliveries', async () => {
    const { tenant, owner, group } = await aSmallTenant(store);
    const event = anEvent(tenant.id, group.id, owner.id);
    expect(await recordContributions({ store, clock: systemClock }, tenant.id, [event, event])).toEqual({
      ok: true,
      value: { stored: 1, duplicates: 1 },
    });
  });

  it('refuses the whole batch when one event is wrong, and stores none of it', async () => {
    const { tenant, owner, group } = await aSmallTenant(store);
    const good = anEvent(tenant.id, group.id, owner.id);
    const cases = [
      anEvent('another-tenant', group.id, owner.id),
      anEvent(tenant.id, group.id, owner.id, { kind: 'reaction', asksQuestion: true }),
      anEvent(tenant.id, group.id, owner.id, { occurredAt: new Date('not a date') }),
      anEvent(tenant.id, group.id, owner.id, { platformEventId: '' }),
    ];
    for (const bad of cases) {
      expect(await recordContributions({ store, clock: systemClock }, tenant.id, [good, bad])).toMatchObject({
        ok: false,
        code: ErrorCode.InvalidInput,
      });
    }
    const tooMany = Array.from({ length: MAX_BATCH + 1 }, () => good);
    expect(await recordContributions({ store, clock: systemClock }, tenant.id, tooMany)).toMatchObject({ ok: false });
    expect(await store.contributions.groupDays(tenant.id, group.id, { from: '2000-01-01', to: '2100-01-01' })).toEqual([]);
  });
});
