import { describe, expect, it } from 'vitest';
import { newId } from '../../../core/src/domain/ids.ts';
import type { OwnershipOffer } from '../../../core/src/domain/take-over.ts';
import type { Store } from '../../../core/src/ports/store/index.ts';
import { aGroup, aPerson, aSmallTenant } from '../../support/factories.ts';
import { type GetStore, inParallel } from './context.ts';

const OPENED = new Date('2026-03-02T09:00:00Z');
const EXPIRES = new Date('2026-03-09T09:00:00Z');
const at = (minutes: number) => new Date(OPENED.getTime() + minutes * 60_000);

function anOffer(
  tenantId: string,
  groupId: string,
  candidateIds: readonly string[],
  overrides: Partial<OwnershipOffer> = {},
): OwnershipOffer {
  return {
    tenantId,
    id: newId(),
    groupId,
    status: 'open',
    openedAt: OPENED,
    expiresAt: EXPIRES,
    takenBy: null,
    closedAt: null,
    candidates: candidateIds.map((personId) => ({ personId, answer: null, answeredAt: null })),
    ...overrides,
  };
}

/** A small tenant whose group has `count` members who may be asked. */
async function withCandidates(store: Store, count: number) {
  const small = await aSmallTenant(store);
  const people = Array.from({ length: count }, () => aPerson(small.tenant.id));
  for (const person of people) await store.people.save(person);
  return { ...small, candidates: people.map((p) => p.id) };
}

export function ownershipOffersContract(store: GetStore) {
  describe('ownership offers', () => {
    it('opens an offer with its candidates in order, and does not open a second while it is open', async () => {
      const { tenant, group, candidates } = await withCandidates(store(), 3);
      const offer = anOffer(tenant.id, group.id, candidates);
      expect(await store().ownershipOffers.open(offer)).toEqual({ created: true, offer });
      expect(await store().ownershipOffers.get(tenant.id, offer.id)).toEqual(offer);
      expect(await store().ownershipOffers.findOpen(tenant.id, group.id)).toEqual(offer);

      const again = await store().ownershipOffers.open(anOffer(tenant.id, group.id, candidates.slice(0, 1)));
      expect(again).toEqual({ created: false, offer });
    });

    it('lets exactly one of many openers racing for the same group open it', async () => {
      const { tenant, group, candidates } = await withCandidates(store(), 2);
      await inParallel(10, () => store().ownershipOffers.findOpen(tenant.id, group.id));
      const outcomes = await Promise.all(
        Array.from({ length: 10 }, () => store().ownershipOffers.open(anOffer(tenant.id, group.id, candidates))),
      );
      expect(outcomes.filter((o) => o.created)).toHaveLength(1);
      const open = await store().ownershipOffers.findOpen(tenant.id, group.id);
      expect(open?.candidates.map((c) => c.personId)).toEqual(candidates);
      for (const outcome of outcomes) expect(outcome.offer).toEqual(open);
    });

    it('gives the offer to the first candidate who accepts; a later one learns who took it', async () => {
      const { tenant, group, candidates, member } = await withCandidates(store(), 3);
      const offer = anOffer(tenant.id, group.id, candidates);
      await store().ownershipOffers.open(offer);
      const [first, second, third] = candidates as [string, string, string];

      expect(await store().ownershipOffers.decline(tenant.id, offer.id, third, at(1))).toMatchObject({
        status: 'open',
        candidates: [{ answer: null }, { answer: null }, { personId: third, answer: 'declined', answeredAt: at(1) }],
      });
      const won = await store().ownershipOffers.accept(tenant.id, offer.id, second, at(2));
      expect(won).toEqual({
        taken: true,
        offer: expect.objectContaining({ status: 'taken', takenBy: second, closedAt: at(2) }),
      });
      expect(won?.offer.candidates[1]).toEqual({ personId: second, answer: 'accepted', answeredAt: at(2) });

      const late = await store().ownershipOffers.accept(tenant.id, offer.id, first, at(3));
      expect(late).toMatchObject({ taken: false, offer: { status: 'taken', takenBy: second } });
      expect(await store().ownershipOffers.findOpen(tenant.id, group.id)).toBeNull();
      expect(await store().ownershipOffers.takenOver(tenant.id, group.id)).toEqual([second]);

      // Someone who was not asked, or an offer that does not exist, is no answer at all.
      expect(await store().ownershipOffers.accept(tenant.id, offer.id, member.id, at(4))).toBeNull();
      expect(await store().ownershipOffers.decline(tenant.id, offer.id, member.id, at(4))).toBeNull();
      expect(await store().ownershipOffers.accept(tenant.id, newId(), first, at(4))).toBeNull();
      expect(await store().ownershipOffers.get(crypto.randomUUID(), offer.id)).toBeNull();
    });

    it('makes exactly one of ten candidates accepting at once the taker', async () => {
      const { tenant, group, candidates } = await withCandidates(store(), 10);
      const offer = anOffer(tenant.id, group.id, candidates);
      await store().ownershipOffers.open(offer);
      await inParallel(10, () => store().ownershipOffers.get(tenant.id, offer.id));

      const outcomes = await Promise.all(
        candidates.map((personId, i) => store().ownershipOffers.accept(tenant.id, offer.id, personId, at(i))),
      );
      const winners = outcomes.filter((o) => o?.taken);
      expect(winners).toHaveLength(1);
      const taker = winners[0]!.offer.takenBy;
      expect(candidates).toContain(taker);
      for (const outcome of outcomes) expect(outcome?.offer.takenBy).toBe(taker);
      expect(await store().ownershipOffers.takenOver(tenant.id, group.id)).toEqual([taker]);
    });

    it('makes one candidate pressing accept ten times at once the taker once', async () => {
      const { tenant, group, candidates } = await withCandidates(store(), 1);
      const offer = anOffer(tenant.id, group.id, candidates);
      await store().ownershipOffers.open(offer);
      const outcomes = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          store().ownershipOffers.accept(tenant.id, offer.id, candidates[0]!, at(i)),
        ),
      );
      expect(outcomes.filter((o) => o?.taken)).toHaveLength(1);
    });

    it('lists open offers past their time across tenants, expires each once, and refuses accepts after the time', async () => {
      const a = await withCandidates(store(), 1);
      const b = await withCandidates(store(), 1);
      const due = anOffer(a.tenant.id, a.group.id, a.candidates, { expiresAt: new Date('2000-01-01T00:00:00Z') });
      const later = anOffer(b.tenant.id, b.group.id, b.candidates, { expiresAt: new Date('2000-01-02T00:00:00Z') });
      const notYet = anOffer(b.tenant.id, await anotherGroup(store(), b.tenant.id, b.owner.id), b.candidates, {
        expiresAt: new Date('2999-01-01T00:00:00Z'),
      });
      for (const offer of [later, due, notYet]) await store().ownershipOffers.open(offer);
      const now = new Date('2000-01-03T00:00:00Z');

      const expired = (await store().ownershipOffers.listExpired(now, 1_000)).filter((o) =>
        [due.id, later.id, notYet.id].includes(o.id),
      );
      expect(expired.map((o) => o.id)).toEqual([due.id, later.id]);
      expect(await store().ownershipOffers.accept(a.tenant.id, due.id, a.candidates[0]!, now)).toMatchObject({
        taken: false,
        offer: { status: 'open' },
      });

      const closing = await Promise.all([1, 2, 3].map(() => store().ownershipOffers.expire(a.tenant.id, due.id, now)));
      expect(closing.filter(Boolean)).toHaveLength(1);
      expect(await store().ownershipOffers.get(a.tenant.id, due.id)).toMatchObject({
        status: 'expired',
        closedAt: now,
        takenBy: null,
      });
      expect(await store().ownershipOffers.findOpen(a.tenant.id, a.group.id)).toBeNull();
      // A group whose offer expired may be offered again.
      expect((await store().ownershipOffers.open(anOffer(a.tenant.id, a.group.id, a.candidates))).created).toBe(true);
      expect(await store().ownershipOffers.expire(a.tenant.id, crypto.randomUUID(), now)).toBe(false);
    });

    it('keeps an offer without candidates (nobody could be asked)', async () => {
      const { tenant, group } = await aSmallTenant(store());
      const offer = anOffer(tenant.id, group.id, []);
      expect(await store().ownershipOffers.open(offer)).toEqual({ created: true, offer });
    });
  });
}

async function anotherGroup(store: Store, tenantId: string, ownerId: string): Promise<string> {
  const group = aGroup(tenantId, [ownerId]);
  await store.groups.save(group);
  return group.id;
}
