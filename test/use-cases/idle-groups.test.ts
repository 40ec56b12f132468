// The idle-group job through the use case on a real store of its own (PostgreSQL when
// TEST_DATABASE_URL is set, else embedded PGlite): a run takes every tenant in turn and makes at
// most its budget of steps, the next run going on; a group without an active owner is warned all
// the same, so that it reaches the community managers; the policy falls back to its defaults.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_IDLE_GROUP_POLICY } from '../../core/src/domain/idle-group.ts';
import type { Store } from '../../core/src/ports/store/index.ts';
import { checkIdleGroups, idleGroupPolicyOf } from '../../core/src/use-cases/groups/idle-groups.ts';
import { openTemporaryEmbeddedStore } from '../support/embedded-store.ts';
import { aGroup, aPerson, aTenant } from '../support/factories.ts';
import { openTemporaryPostgresStore } from '../support/temporary-postgres.ts';

const serverUrl = process.env['TEST_DATABASE_URL'];
const LONG_AGO = new Date('2025-06-01T00:00:00Z');

describe(`the idle-group job (${serverUrl ? 'PostgreSQL' : 'embedded PGlite'})`, () => {
  let store: Store;
  let dispose: () => Promise<void>;
  const now = new Date('2026-03-02T10:00:00Z');
  const deps = () => ({ store, clock: { now: () => now } });

  beforeAll(
    async () =>
      ({ store, dispose } = serverUrl
        ? await openTemporaryPostgresStore(serverUrl)
        : await openTemporaryEmbeddedStore()),
    60_000,
  );
  afterAll(() => dispose());

  it('makes at most its budget of steps a run, over every tenant, and the next run goes on', async () => {
    const tenants: { id: string; groupIds: string[] }[] = [];
    for (let t = 0; t < 2; t += 1) {
      const tenant = aTenant();
      await store.tenants.save(tenant);
      // Owners gone from the company: nobody to send a card to, and the groups are warned anyway.
      const owner = aPerson(tenant.id, { deactivatedAt: LONG_AGO });
      await store.people.save(owner);
      const groupIds: string[] = [];
      tenants.push({ id: tenant.id, groupIds });
      for (let g = 0; g < 3; g += 1) {
        const group = aGroup(tenant.id, [owner.id], { createdAt: LONG_AGO });
        await store.groups.save(group);
        groupIds.push(group.id);
      }
      expect(await idleGroupPolicyOf(deps(), tenant.id)).toEqual(DEFAULT_IDLE_GROUP_POLICY);
    }
    expect(await checkIdleGroups(deps(), 4)).toEqual({ warned: 4, proposed: 0 });
    expect(await checkIdleGroups(deps(), 4)).toEqual({ warned: 2, proposed: 0 });
    expect(await checkIdleGroups(deps(), 4)).toEqual({ warned: 0, proposed: 0 });
    for (const { id, groupIds } of tenants) {
      const checks = await store.idleGroups.getChecks(id, groupIds);
      expect(checks.map((c) => [c.round, c.warnings])).toEqual(groupIds.map(() => [0, 1]));
      expect(
        (await store.audit.list(id, { limit: 20 }))
          .filter((e) => e.action === 'group.idle_warned')
          .map((e) => e.details['owners']),
      ).toEqual(['0', '0', '0']);
    }
    // Nothing was queued: no owner could be reached.
    expect(await store.outbox.claimDue(now, 10, 1_000)).toEqual([]);
  });
});
