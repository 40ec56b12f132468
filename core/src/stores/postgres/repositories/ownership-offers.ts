import type { OfferAnswer, OfferStatus, OwnershipOffer } from '../../../domain/take-over.ts';
import type { OwnershipOfferRepository } from '../../../ports/store/ownership-offers.ts';
import type { Queryable, Sql } from '../sql.ts';

interface OfferRow {
  [column: string]: unknown;
  tenant_id: string;
  id: string;
  group_id: string;
  status: string;
  opened_at: Date;
  expires_at: Date;
  taken_by: string | null;
  closed_at: Date | null;
  candidates: { person_id: string; answer: string | null; answered_at: string | null }[];
}

// The offer with its candidates in the order they were picked, in one row.
const OFFERS = /* sql */ `
  SELECT o.*, COALESCE((
    SELECT json_agg(json_build_object('person_id', c.person_id, 'answer', c.answer, 'answered_at', c.answered_at) ORDER BY c.position)
    FROM ownership_offer_candidates c WHERE c.tenant_id = o.tenant_id AND c.offer_id = o.id), '[]') AS candidates
  FROM ownership_offers o`;

function toOffer(row: OfferRow): OwnershipOffer {
  return {
    tenantId: row.tenant_id,
    id: row.id,
    groupId: row.group_id,
    status: row.status as OfferStatus,
    openedAt: row.opened_at,
    expiresAt: row.expires_at,
    takenBy: row.taken_by,
    closedAt: row.closed_at,
    candidates: row.candidates.map((c) => ({
      personId: c.person_id,
      answer: c.answer as OfferAnswer | null,
      answeredAt: c.answered_at === null ? null : new Date(c.answered_at),
    })),
  };
}

export class PostgresOwnershipOffers implements OwnershipOfferRepository {
  readonly #sql: Sql;
  constructor(sql: Sql) {
    this.#sql = sql;
  }

  async open(offer: OwnershipOffer): Promise<{ created: boolean; offer: OwnershipOffer }> {
    const created = await this.#sql.transaction(async (tx) => {
      // The partial unique index lets one open offer per group through; a racing opener inserts nothing.
      const { rowCount } = await tx.query(
        `INSERT INTO ownership_offers (tenant_id, id, group_id, status, opened_at, expires_at, taken_by, closed_at)
         VALUES ($1, $2, $3, 'open', $4, $5, NULL, NULL)
         ON CONFLICT (tenant_id, group_id) WHERE status = 'open' DO NOTHING`,
        [offer.tenantId, offer.id, offer.groupId, offer.openedAt, offer.expiresAt],
      );
      if (rowCount === 0) return false;
      await tx.query(
        `INSERT INTO ownership_offer_candidates (tenant_id, offer_id, person_id, position)
         SELECT $1, $2, person_id, position - 1 FROM unnest($3::uuid[]) WITH ORDINALITY AS u (person_id, position)`,
        [offer.tenantId, offer.id, offer.candidates.map((c) => c.personId)],
      );
      return true;
    });
    const stored = await this.findOpen(offer.tenantId, offer.groupId);
    // Taken or expired between the insert and this read: the offer made is the one to report.
    return { created, offer: stored ?? (await this.get(offer.tenantId, offer.id)) ?? offer };
  }

  async get(tenantId: string, offerId: string): Promise<OwnershipOffer | null> {
    const { rows } = await this.#sql.query<OfferRow>(`${OFFERS} WHERE o.tenant_id = $1 AND o.id = $2`, [
      tenantId,
      offerId,
    ]);
    return rows[0] ? toOffer(rows[0]) : null;
  }

  async findOpen(tenantId: string, groupId: string): Promise<OwnershipOffer | null> {
    const { rows } = await this.#sql.query<OfferRow>(
      `${OFFERS} WHERE o.tenant_id = $1 AND o.group_id = $2 AND o.status = 'open'`,
      [tenantId, groupId],
    );
    return rows[0] ? toOffer(rows[0]) : null;
  }

  async accept(
    tenantId: string,
    offerId: string,
    personId: string,
    at: Date,
  ): Promise<{ taken: boolean; offer: OwnershipOffer } | null> {
    const taken = await this.#sql.transaction(async (tx) => {
      if (!(await answer(tx, tenantId, offerId, personId, 'accepted', at))) return null;
      // The status condition lets the first accept through; a racing one updates no row.
      const { rowCount } = await tx.query(
        `UPDATE ownership_offers SET status = 'taken', taken_by = $3, closed_at = $4
         WHERE tenant_id = $1 AND id = $2 AND status = 'open' AND expires_at > $4`,
        [tenantId, offerId, personId, at],
      );
      return rowCount === 1;
    });
    if (taken === null) return null;
    const offer = await this.get(tenantId, offerId);
    return offer ? { taken, offer } : null;
  }

  async decline(tenantId: string, offerId: string, personId: string, at: Date): Promise<OwnershipOffer | null> {
    const candidate = await answer(this.#sql, tenantId, offerId, personId, 'declined', at);
    return candidate ? this.get(tenantId, offerId) : null;
  }

  async listExpired(now: Date, limit: number): Promise<OwnershipOffer[]> {
    const { rows } = await this.#sql.query<OfferRow>(
      `${OFFERS} WHERE o.status = 'open' AND o.expires_at <= $1 ORDER BY o.expires_at, o.id LIMIT $2`,
      [now, limit],
    );
    return rows.map(toOffer);
  }

  async expire(tenantId: string, offerId: string, at: Date): Promise<boolean> {
    const { rowCount } = await this.#sql.query(
      `UPDATE ownership_offers SET status = 'expired', closed_at = $3 WHERE tenant_id = $1 AND id = $2 AND status = 'open'`,
      [tenantId, offerId, at],
    );
    return rowCount === 1;
  }

  async takenOver(tenantId: string, groupId: string): Promise<string[]> {
    const { rows } = await this.#sql.query<{ taken_by: string }>(
      `SELECT taken_by FROM ownership_offers WHERE tenant_id = $1 AND group_id = $2 AND status = 'taken' ORDER BY closed_at, id`,
      [tenantId, groupId],
    );
    return [...new Set(rows.map((row) => row.taken_by))];
  }
}

/**
 * Records a candidate's answer while the offer is open (a later answer replaces an earlier one);
 * false when the person is not a candidate of the offer. A closed offer keeps its answers.
 */
async function answer(
  db: Queryable,
  tenantId: string,
  offerId: string,
  personId: string,
  given: OfferAnswer,
  at: Date,
): Promise<boolean> {
  const { rows } = await db.query<{ candidate: boolean }>(
    `WITH answered AS (
       UPDATE ownership_offer_candidates c SET answer = $4, answered_at = $5
       FROM ownership_offers o
       WHERE c.tenant_id = $1 AND c.offer_id = $2 AND c.person_id = $3
         AND o.tenant_id = c.tenant_id AND o.id = c.offer_id AND o.status = 'open'
       RETURNING 1)
     SELECT EXISTS (SELECT 1 FROM answered) OR EXISTS (
       SELECT 1 FROM ownership_offer_candidates WHERE tenant_id = $1 AND offer_id = $2 AND person_id = $3) AS candidate`,
    [tenantId, offerId, personId, given, at],
  );
  return rows[0]?.candidate === true;
}
