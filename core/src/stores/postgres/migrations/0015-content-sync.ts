import type { Migration } from '../migrate.ts';

// Released: never edit. Change the schema with a new migration.
//
// The content inventory's sync: when each group's content is next read from its platform (one
// row per group, none until its first sync, which comes first), and the scopes a Slack install
// granted, so that a card offers Archive only where the app may do it (null: not known).
export const contentSync: Migration = {
  version: 15,
  name: 'content-sync',
  sql: /* sql */ `
CREATE TABLE content_syncs (
  tenant_id uuid NOT NULL,
  group_id uuid NOT NULL,
  last_synced_at timestamptz,
  due_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, group_id),
  FOREIGN KEY (tenant_id, group_id) REFERENCES groups (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX content_syncs_due ON content_syncs (due_at);
ALTER TABLE installations ADD COLUMN granted_scopes text[];
`,
};
