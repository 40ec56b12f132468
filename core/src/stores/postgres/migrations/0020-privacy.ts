import type { Migration } from '../migrate.ts';

// Released: never edit. Change the schema with a new migration.
//
// Privacy (issue 12). Raw contribution events are kept for a tenant setting (months, default 13);
// the rollups, spans and questions, which every figure reads, are kept for good. The retention job
// deletes the oldest raw events in bounded batches, hence the index by occurrence.
// An erased person's weekly-hour records stay, under an anonymous id with no profile, so that the
// owner-engagement figure of their groups does not change: the records no longer need a person row.
export const privacy: Migration = {
  version: 20,
  name: 'privacy',
  sql: /* sql */ `
ALTER TABLE tenants ADD COLUMN raw_event_retention_months integer NOT NULL DEFAULT 13
  CHECK (raw_event_retention_months > 0);

CREATE INDEX contribution_events_occurred ON contribution_events (tenant_id, occurred_at);

ALTER TABLE weekly_hours DROP CONSTRAINT weekly_hours_tenant_id_owner_id_fkey;
`,
};
