import type { Migration } from '../migrate.ts';

// Released: never edit. Change the schema with a new migration.
//
// One row per group whose history `steward backfill` has read or is reading: the window, the
// platform's cursor of the next page and the counts, saved after each page.
export const groupBackfills: Migration = {
  version: 22,
  name: 'group-backfills',
  sql: /* sql */ `
CREATE TABLE group_backfills (
  tenant_id uuid NOT NULL,
  group_id uuid NOT NULL,
  since timestamptz NOT NULL,
  until timestamptz NOT NULL,
  cursor text,
  read_back_to timestamptz NOT NULL,
  pages integer NOT NULL,
  found integer NOT NULL,
  recorded integer NOT NULL,
  started_at timestamptz NOT NULL,
  finished_at timestamptz,
  PRIMARY KEY (tenant_id, group_id),
  FOREIGN KEY (tenant_id, group_id) REFERENCES groups (tenant_id, id) ON DELETE CASCADE
);
`,
};
