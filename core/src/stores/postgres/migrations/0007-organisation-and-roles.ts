import type { Migration } from '../migrate.ts';

// Released: never edit. Change the schema with a new migration.
//
// Role grants: who holds a role by e-mail in a tenant, and which source (the configuration) gave
// it, so that taking an e-mail out of the configuration takes back only what it gave. A grant may
// wait for a person who has not appeared yet.
//
// Merging tenants (one organisation across Slack and Teams) moves every row to another tenant_id
// in one transaction. The foreign keys are checked at commit for that (SET CONSTRAINTS ALL
// DEFERRED): a row and the row it refers to move in two statements. Every foreign key of the
// schema so far becomes deferrable; INITIALLY IMMEDIATE, so everything else is checked as before.
export const organisationAndRoles: Migration = {
  version: 7,
  name: 'organisation-and-roles',
  sql: /* sql */ `
CREATE TABLE role_grants (
  tenant_id uuid NOT NULL REFERENCES tenants (id),
  email text NOT NULL CHECK (email = lower(email)),
  role text NOT NULL CHECK (role IN ('community_manager', 'administrator')),
  source text NOT NULL CHECK (source IN ('configuration')),
  granted_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, email, role, source)
);

DO $$
DECLARE
  fk record;
BEGIN
  FOR fk IN
    SELECT c.conrelid::regclass AS tbl, c.conname
    FROM pg_constraint c
    WHERE c.contype = 'f' AND NOT c.condeferrable AND c.connamespace = current_schema()::regnamespace
  LOOP
    EXECUTE format('ALTER TABLE %s ALTER CONSTRAINT %I DEFERRABLE INITIALLY IMMEDIATE', fk.tbl, fk.conname);
  END LOOP;
END $$;
`,
};
