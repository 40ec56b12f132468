import type { Migration } from '../migrate.ts';

// Released: never edit. Change the schema with a new migration.
//
// Ownerless groups are offered to their most active members:
// - one offer per round, at most one open per group (a partial unique index), so a group already
//   offered is not offered again while its offer is open;
// - its candidates and their answers, one row each; the first accept takes the offer by a
//   conditional update of its status, so exactly one taker wins a race.
// Foreign keys are deferrable, like every other (see 0009), for tenant merges.
export const ownershipOffers: Migration = {
  version: 12,
  name: 'ownership-offers',
  sql: /* sql */ `
CREATE TABLE ownership_offers (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL,
  group_id uuid NOT NULL,
  status text NOT NULL CHECK (status IN ('open', 'taken', 'expired')),
  opened_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  taken_by uuid,
  closed_at timestamptz,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, group_id) REFERENCES groups (tenant_id, id) ON DELETE CASCADE DEFERRABLE INITIALLY IMMEDIATE
);
CREATE UNIQUE INDEX ownership_offers_open ON ownership_offers (tenant_id, group_id) WHERE status = 'open';
CREATE INDEX ownership_offers_expiry ON ownership_offers (expires_at) WHERE status = 'open';
CREATE INDEX ownership_offers_taken ON ownership_offers (tenant_id, group_id, closed_at) WHERE status = 'taken';

CREATE TABLE ownership_offer_candidates (
  tenant_id uuid NOT NULL,
  offer_id uuid NOT NULL,
  person_id uuid NOT NULL,
  position smallint NOT NULL,
  answer text CHECK (answer IN ('accepted', 'declined')),
  answered_at timestamptz,
  PRIMARY KEY (tenant_id, offer_id, person_id),
  FOREIGN KEY (tenant_id, offer_id) REFERENCES ownership_offers (tenant_id, id) ON DELETE CASCADE DEFERRABLE INITIALLY IMMEDIATE
);
`,
};
