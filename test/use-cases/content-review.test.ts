// Content review through the use cases on a real store (PostgreSQL when TEST_DATABASE_URL is set,
// else embedded PGlite): who may flag, name a verifier, re-time, keep and ask for an update, and
// what each tells whom. The end-to-end path through both platforms is test/server/content-review.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Card } from '../../core/src/cards/card.ts';
import { ErrorCode } from '../../core/src/errors.ts';
import type { Store } from '../../core/src/ports/store/index.ts';
import {
  askToUpdateContentItem,
  flagContentItem,
  setContentReviewInterval,
  setContentVerifier,
} from '../../core/src/use-cases/content-review.ts';
import { keepContentItem } from '../../core/src/use-cases/weekly-hour/group-actions.ts';
import { openTemporaryEmbeddedStore } from '../support/embedded-store.ts';
import { aContentItem, aGroup, aPerson, aTenant } from '../support/factories.ts';
import { openTemporaryPostgresStore } from '../support/temporary-postgres.ts';

const serverUrl = process.env['TEST_DATABASE_URL'];
const LINK = 'https://example.com/handbook';

describe(`content review use cases (${serverUrl ? 'PostgreSQL' : 'embedded PGlite'})`, () => {
  let store: Store;
  let dispose: () => Promise<void>;
  const now = new Date('2026-03-02T10:00:00Z');
  const deps = () => ({ store, clock: { now: () => now } });
  beforeAll(
    async () =>
      ({ store, dispose } = serverUrl
        ? await openTemporaryPostgresStore(serverUrl)
        : await openTemporaryEmbeddedStore()),
  );
  afterAll(() => dispose());

  /** A group owned by Owen, with Mia a member and Sam not; one item, linked, changed long ago. */
  async function aGroupWithContent() {
    const tenant = aTenant();
    await store.tenants.save(tenant);
    const [owen, mia, sam] = ['Owen', 'Mia', 'Sam'].map((name) => aPerson(tenant.id, { displayName: name }));
    for (const p of [owen!, mia!, sam!]) await store.people.save(p);
    const group = aGroup(tenant.id, [owen!.id]);
    await store.groups.save(group);
    await store.memberships.recordJoin(tenant.id, group.id, mia!.id, new Date('2026-01-01T00:00:00Z'));
    const item = await store.contentItems.save(
      aContentItem(tenant.id, group.id, { link: LINK, lastChangedAt: new Date('2026-02-20T00:00:00Z') }),
    );
    return { tenant, owen: owen!, mia: mia!, sam: sam!, group, item };
  }
  const where = { refs: [], links: [LINK] };
  const sentTo = async (tenantId: string, userId: string) =>
    (await store.outbox.claimDue(new Date('2100-01-01T00:00:00Z'), 1_000, 60_000)).filter(
      (m) => m.tenantId === tenantId && (m.payload as { to?: { userId?: string } }).to?.userId === userId,
    );

  it('lets a member flag an item, and nobody outside the group', async () => {
    const { mia, sam, item, tenant } = await aGroupWithContent();
    const refused = await flagContentItem(deps(), sam, where, null);
    expect(refused.ok ? 'flagged' : refused.code).toBe(ErrorCode.InvalidInput);
    expect((await store.contentItems.get(tenant.id, item.id))?.flag).toBeNull();

    const flagged = await flagContentItem(deps(), mia, where, '  New office address  ');
    expect(flagged.ok).toBe(true);
    expect((await store.contentItems.get(tenant.id, item.id))?.flag).toEqual({
      byId: mia.id,
      at: now,
      note: 'New office address',
    });
    const unknown = await flagContentItem(deps(), mia, { refs: [], links: ['https://example.com/nothing'] }, null);
    expect(unknown.ok ? 'flagged' : unknown.code).toBe(ErrorCode.InvalidInput);
  });

  it('tells a verifier who owns nothing there at once, since no weekly card of theirs will', async () => {
    const { owen, mia, sam, item, tenant, group } = await aGroupWithContent();
    const outsider = await setContentVerifier(deps(), owen, where, { identity: sam.identities[0]! });
    expect(outsider.ok ? 'set' : outsider.code).toBe(ErrorCode.InvalidInput);
    const byMember = await setContentVerifier(deps(), mia, where, { identity: mia.identities[0]! });
    expect(byMember.ok ? 'set' : byMember.code).toBe(ErrorCode.NotAnOwner);

    expect((await setContentVerifier(deps(), owen, where, { email: mia.email! })).ok).toBe(true);
    await store.memberships.recordJoin(tenant.id, group.id, sam.id, now);
    expect((await flagContentItem(deps(), sam, where, null)).ok).toBe(true);
    const told = await sentTo(tenant.id, mia.identities[0]!.userId);
    expect(told).toHaveLength(1);
    expect(JSON.stringify((told[0]!.payload as { card: Card }).card)).toContain(`${sam.displayName} says`);
    // The verifier keeps it: the flag is gone and the clock restarts.
    expect((await keepContentItem(deps(), mia, item.id)).ok).toBe(true);
    expect(await store.contentItems.get(tenant.id, item.id)).toMatchObject({ flag: null, lastReviewedAt: now });
  });

  it('asks the verifier to update an item whose author is unknown, once a week', async () => {
    const { owen, mia, item, tenant } = await aGroupWithContent();
    await store.contentItems.setVerifier(tenant.id, item.id, mia.id);
    expect((await askToUpdateContentItem(deps(), owen, item.id, '2026-W10')).ok).toBe(true);
    const again = await askToUpdateContentItem(deps(), owen, item.id, '2026-W10');
    expect(again.ok ? 'asked' : again.code).toBe(ErrorCode.AlreadyActed);
    expect((await askToUpdateContentItem(deps(), owen, item.id, '2026-W11')).ok).toBe(true);
    const asked = await sentTo(tenant.id, mia.identities[0]!.userId);
    expect(asked).toHaveLength(2);
    expect(JSON.stringify(asked[0]!.payload)).toContain(LINK);
  });

  it('re-times an item for its owners only, within the bounds', async () => {
    const { owen, sam, item, tenant } = await aGroupWithContent();
    const stranger = await setContentReviewInterval(deps(), sam, item.id, '30');
    expect(stranger.ok ? 'set' : stranger.code).toBe(ErrorCode.NotAnOwner);
    for (const bad of ['0', '3651', 'soon']) {
      const refused = await setContentReviewInterval(deps(), owen, item.id, bad);
      expect(refused.ok ? 'set' : refused.code).toBe(ErrorCode.InvalidInput);
    }
    expect((await setContentReviewInterval(deps(), owen, item.id, '30')).ok).toBe(true);
    expect((await store.contentItems.get(tenant.id, item.id))?.reviewIntervalDays).toBe(30);
  });
});
