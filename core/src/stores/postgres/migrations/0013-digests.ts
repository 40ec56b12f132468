import type { Migration } from '../migrate.ts';

// Released: never edit. Change the schema with a new migration.
//
// The community managers' weekly digests: one row per manager and ISO week, its key the claim
// that makes the digest go once however many jobs race. `sent_at` stays null until the digest is
// in the outbox, so a job that died between the two sends it again (the outbox's dedupe key keeps
// it one message). Deferrable like every person key since 0007, for tenant merges.
export const digests: Migration = {
  version: 13,
  name: 'digests',
  sql: /* sql */ `
CREATE TABLE digests (
  tenant_id uuid NOT NULL,
  person_id uuid NOT NULL,
  week text NOT NULL,
  claimed_at timestamptz NOT NULL,
  sent_at timestamptz,
  PRIMARY KEY (tenant_id, person_id, week),
  FOREIGN KEY (tenant_id, person_id) REFERENCES people (tenant_id, id) ON DELETE CASCADE DEFERRABLE INITIALLY IMMEDIATE
);
`,
};
