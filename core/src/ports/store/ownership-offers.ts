import type { OwnershipOffer } from '../../domain/take-over.ts';

export interface OwnershipOfferRepository {
  /**
   * Opens the offer unless its group has an open one already: `created` is true for exactly one of
   * racing openers, and everyone gets the group's open offer. Its candidates have not answered.
   */
  open(offer: OwnershipOffer): Promise<{ readonly created: boolean; readonly offer: OwnershipOffer }>;
  get(tenantId: string, offerId: string): Promise<OwnershipOffer | null>;
  findOpen(tenantId: string, groupId: string): Promise<OwnershipOffer | null>;
  /**
   * A candidate accepts at `at`: the first accept of an open offer before it expires takes it
   * (`taken` true for exactly one caller however many race), and every accept is recorded as the
   * candidate's answer. Null when there is no such offer or the person is not one of its candidates.
   */
  accept(
    tenantId: string,
    offerId: string,
    personId: string,
    at: Date,
  ): Promise<{ readonly taken: boolean; readonly offer: OwnershipOffer } | null>;
  /** A candidate declines: recorded while the offer is open. Null as for `accept`. */
  decline(tenantId: string, offerId: string, personId: string, at: Date): Promise<OwnershipOffer | null>;
  /** Open offers whose time is up at `now`, across tenants, oldest expiry first. */
  listExpired(now: Date, limit: number): Promise<OwnershipOffer[]>;
  /** Closes the offer as expired at `at` if it is still open; true for exactly one caller. */
  expire(tenantId: string, offerId: string, at: Date): Promise<boolean>;
  /** The people who took the group over through an offer, earliest first. */
  takenOver(tenantId: string, groupId: string): Promise<string[]>;
}
