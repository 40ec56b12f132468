import type { Migration } from '../migrate.ts';

// Released: never edit. Change the schema with a new migration.
//
// Groups register themselves and follow their platform:
// - each group's state (archived or retired groups keep their data but are nobody's active group);
// - other keys a group is known by on its platform (a Teams team's 19:… thread id beside its
//   Microsoft 365 group id), one row per key, so that any of them finds the group;
// - when the daily sync last saw each member, so that members gone unannounced are noticed;
// - each group's sync: the pass in progress and its cursor, so that a crash or the next run
//   continues it, and when the group is next due.
export const groupRegistration: Migration = {
  version: 8,
  name: 'group-registration',
  sql: /* sql */ `
ALTER TABLE groups
  ADD COLUMN state text NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'archived', 'retired'));

CREATE TABLE group_keys (
  tenant_id uuid NOT NULL,
  platform text COLLATE "C" NOT NULL,
  workspace_id text COLLATE "C" NOT NULL,
  key text COLLATE "C" NOT NULL,
  group_id uuid NOT NULL,
  PRIMARY KEY (tenant_id, platform, workspace_id, key),
  FOREIGN KEY (tenant_id, group_id) REFERENCES groups (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX group_keys_group ON group_keys (tenant_id, group_id);

ALTER TABLE memberships ADD COLUMN last_seen_at timestamptz;

CREATE TABLE group_syncs (
  tenant_id uuid NOT NULL,
  group_id uuid NOT NULL,
  pass_started_at timestamptz,
  cursor text,
  last_pass_at timestamptz,
  due_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, group_id),
  FOREIGN KEY (tenant_id, group_id) REFERENCES groups (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX group_syncs_due ON group_syncs (due_at);
`,
};
