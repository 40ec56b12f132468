import type { mongo } from 'mongoose';
import { newId } from '../../../domain/ids.ts';
import type { OfferAnswer, OwnershipOffer } from '../../../domain/take-over.ts';
import type { OwnershipOfferRepository } from '../../../ports/store/ownership-offers.ts';
import { isDuplicateKey } from '../duplicate-key.ts';
import type { OwnershipOfferCandidateDocument, OwnershipOfferDocument } from '../models.ts';

/**
 * Offers and their candidates in two collections. Without transactions, an offer's candidates are
 * written before the offer: an opener that loses the race to another leaves candidates of no
 * offer, which it removes, and a crash in between leaves the same, read by nobody.
 */
export class MongoOwnershipOffers implements OwnershipOfferRepository {
  readonly #offers: mongo.Collection<OwnershipOfferDocument>;
  readonly #candidates: mongo.Collection<OwnershipOfferCandidateDocument>;
  constructor(
    offers: mongo.Collection<OwnershipOfferDocument>,
    candidates: mongo.Collection<OwnershipOfferCandidateDocument>,
  ) {
    this.#offers = offers;
    this.#candidates = candidates;
  }

  async open(offer: OwnershipOffer): Promise<{ created: boolean; offer: OwnershipOffer }> {
    const candidates = offer.candidates.map((c, position) => ({
      _id: newId(),
      tenantId: offer.tenantId,
      offerId: offer.id,
      personId: c.personId,
      position,
      answer: null,
      answeredAt: null,
    }));
    if (candidates.length > 0) await this.#candidates.insertMany(candidates);
    let created = true;
    try {
      // The partial unique index lets one open offer per group through.
      await this.#offers.insertOne({
        _id: offer.id,
        tenantId: offer.tenantId,
        groupId: offer.groupId,
        status: 'open',
        openedAt: offer.openedAt,
        expiresAt: offer.expiresAt,
        takenBy: null,
        closedAt: null,
      });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      created = false;
      await this.#candidates.deleteMany({ tenantId: offer.tenantId, offerId: offer.id });
    }
    const stored = await this.findOpen(offer.tenantId, offer.groupId);
    return { created, offer: stored ?? (await this.get(offer.tenantId, offer.id)) ?? offer };
  }

  async get(tenantId: string, offerId: string): Promise<OwnershipOffer | null> {
    const doc = await this.#offers.findOne({ _id: offerId, tenantId });
    return doc ? (await this.#withCandidates([doc]))[0]! : null;
  }

  async findOpen(tenantId: string, groupId: string): Promise<OwnershipOffer | null> {
    const doc = await this.#offers.findOne({ tenantId, groupId, status: 'open' });
    return doc ? (await this.#withCandidates([doc]))[0]! : null;
  }

  async accept(
    tenantId: string,
    offerId: string,
    personId: string,
    at: Date,
  ): Promise<{ taken: boolean; offer: OwnershipOffer } | null> {
    if (!(await this.#answer(tenantId, offerId, personId, 'accepted', at))) return null;
    // The status condition lets the first accept through; a racing one matches nothing.
    const taken = await this.#offers.findOneAndUpdate(
      { _id: offerId, tenantId, status: 'open', expiresAt: { $gt: at } },
      { $set: { status: 'taken', takenBy: personId, closedAt: at } },
    );
    const offer = await this.get(tenantId, offerId);
    return offer ? { taken: taken !== null, offer } : null;
  }

  async decline(tenantId: string, offerId: string, personId: string, at: Date): Promise<OwnershipOffer | null> {
    return (await this.#answer(tenantId, offerId, personId, 'declined', at)) ? this.get(tenantId, offerId) : null;
  }

  async listExpired(now: Date, limit: number): Promise<OwnershipOffer[]> {
    const docs = await this.#offers
      .find({ status: 'open', expiresAt: { $lte: now } })
      .sort({ expiresAt: 1, _id: 1 })
      .limit(limit)
      .toArray();
    return this.#withCandidates(docs);
  }

  async expire(tenantId: string, offerId: string, at: Date): Promise<boolean> {
    const { modifiedCount } = await this.#offers.updateOne(
      { _id: offerId, tenantId, status: 'open' },
      { $set: { status: 'expired', closedAt: at } },
    );
    return modifiedCount === 1;
  }

  async takenOver(tenantId: string, groupId: string): Promise<string[]> {
    const docs = await this.#offers
      .find({ tenantId, groupId, status: 'taken' })
      .sort({ closedAt: 1, _id: 1 })
      .toArray();
    return [...new Set(docs.flatMap((doc) => (doc.takenBy ? [doc.takenBy] : [])))];
  }

  /** Records the answer while the offer is open; false when the person is not a candidate of it. */
  async #answer(tenantId: string, offerId: string, personId: string, answer: OfferAnswer, at: Date): Promise<boolean> {
    const candidate = await this.#candidates.findOne({ tenantId, offerId, personId });
    if (!candidate) return false;
    const open = await this.#offers.countDocuments({ _id: offerId, tenantId, status: 'open' }, { limit: 1 });
    if (open > 0) await this.#candidates.updateOne({ _id: candidate._id }, { $set: { answer, answeredAt: at } });
    return true;
  }

  async #withCandidates(docs: readonly OwnershipOfferDocument[]): Promise<OwnershipOffer[]> {
    if (docs.length === 0) return [];
    const candidates = await this.#candidates
      .find({ tenantId: { $in: [...new Set(docs.map((d) => d.tenantId))] }, offerId: { $in: docs.map((d) => d._id) } })
      .sort({ position: 1 })
      .toArray();
    return docs.map((doc) => ({
      tenantId: doc.tenantId,
      id: doc._id,
      groupId: doc.groupId,
      status: doc.status,
      openedAt: doc.openedAt,
      expiresAt: doc.expiresAt,
      takenBy: doc.takenBy,
      closedAt: doc.closedAt,
      candidates: candidates
        .filter((c) => c.offerId === doc._id && c.tenantId === doc.tenantId)
        .map((c) => ({ personId: c.personId, answer: c.answer, answeredAt: c.answeredAt })),
    }));
  }
}
