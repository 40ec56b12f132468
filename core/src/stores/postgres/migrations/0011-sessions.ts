import type { Migration } from '../migrate.ts';

// Released: never edit. Change the schema with a new migration.
//
// Dashboard sign-ins. The key is the SHA-256 of the id the cookie carries, never the id. The idle
// end never passes the absolute one, so "either end has passed" is `idle_expires_at <= now`, which
// its index answers for the clean-up. A session goes with its person; like every foreign key
// since 0007 it is deferrable, for tenant merges.
export const sessions: Migration = {
  version: 11,
  name: 'sessions',
  sql: /* sql */ `
CREATE TABLE sessions (
  id_hash text PRIMARY KEY CHECK (id_hash ~ '^[0-9a-f]{64}$'),
  tenant_id uuid NOT NULL,
  person_id uuid NOT NULL,
  created_at timestamptz NOT NULL,
  idle_expires_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  CHECK (idle_expires_at <= expires_at),
  FOREIGN KEY (tenant_id, person_id) REFERENCES people (tenant_id, id) ON DELETE CASCADE DEFERRABLE INITIALLY IMMEDIATE
);
CREATE INDEX sessions_idle_expires_at ON sessions (idle_expires_at);
CREATE INDEX sessions_person ON sessions (tenant_id, person_id);
`,
};
