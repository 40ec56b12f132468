import type { Migration } from '../migrate.ts';

// Released: never edit. Change the schema with a new migration.
//
// Idle groups (SharePoint's inactive-site policy, destalinator's warnings):
// - the tenant's policy, a column of its row (null: the documented defaults), so that a tenant
//   merge keeps the kept tenant's, as it keeps its other settings;
// - one row of idle checks per group: the round (each answer opens the next), its warnings and
//   proposal, and when the checks resume. Warnings and answers are conditional updates of it.
// The proposals are read per tenant, oldest first, by the community managers' digest.
export const idleGroups: Migration = {
  version: 18,
  name: 'idle-groups',
  sql: /* sql */ `
ALTER TABLE tenants ADD COLUMN idle_group_policy jsonb;

CREATE TABLE group_idle_checks (
  tenant_id uuid NOT NULL,
  group_id uuid NOT NULL,
  round integer NOT NULL CHECK (round >= 0),
  warnings integer NOT NULL CHECK (warnings >= 0),
  last_warned_at timestamptz,
  proposed_at timestamptz,
  checks_from timestamptz,
  certified_until timestamptz,
  PRIMARY KEY (tenant_id, group_id),
  FOREIGN KEY (tenant_id, group_id) REFERENCES groups (tenant_id, id) ON DELETE CASCADE DEFERRABLE INITIALLY IMMEDIATE
);
CREATE INDEX group_idle_checks_proposed ON group_idle_checks (tenant_id, proposed_at, group_id) WHERE proposed_at IS NOT NULL;
`,
};
