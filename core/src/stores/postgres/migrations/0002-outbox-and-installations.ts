import type { Migration } from '../migrate.ts';

// Released: never edit. Change the schema with a new migration.
//
// The outbox keeps every platform call until it is done. Workers claim due messages across all
// tenants, so the claim index is global: a partial index on pending messages only, which stays
// small however many sent ones pile up. Payloads and results are JSON (jsonb).
//
// Also: memberships by person (a person's own groups).
//
// Installations are the one table keyed by platform and workspace rather than by tenant: an
// incoming request names only its workspace, and that is what finds the tenant.
export const outboxAndInstallations: Migration = {
  version: 2,
  name: 'outbox-and-installations',
  sql: /* sql */ `
CREATE TABLE outbox (
  tenant_id uuid NOT NULL REFERENCES tenants (id),
  id uuid NOT NULL,
  platform text NOT NULL,
  operation text NOT NULL,
  payload jsonb NOT NULL,
  dedupe_key text COLLATE "C",
  status text NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
  attempts integer NOT NULL CHECK (attempts >= 0),
  created_at timestamptz NOT NULL,
  not_before timestamptz NOT NULL,
  locked_until timestamptz,
  done_at timestamptz,
  result jsonb,
  last_error text,
  PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX outbox_dedupe ON outbox (tenant_id, dedupe_key) WHERE dedupe_key IS NOT NULL;
CREATE INDEX outbox_due ON outbox (not_before, created_at) WHERE status = 'pending';
CREATE INDEX outbox_failed ON outbox (tenant_id, done_at DESC) WHERE status = 'failed';

CREATE TABLE installations (
  platform text COLLATE "C" NOT NULL,
  workspace_id text COLLATE "C" NOT NULL,
  tenant_id uuid NOT NULL REFERENCES tenants (id),
  enterprise_install boolean NOT NULL,
  installed_at timestamptz NOT NULL,
  secrets jsonb NOT NULL,
  PRIMARY KEY (platform, workspace_id)
);
CREATE INDEX installations_tenant ON installations (tenant_id);

-- A person's groups, for the groups command and the App Home.
CREATE INDEX memberships_person ON memberships (tenant_id, person_id) WHERE left_at IS NULL;
`,
};
