import type { Migration } from '../migrate.ts';

// Released: never edit. Change the schema with a new migration.
//
// A tenant merge moves a group and the rows that refer to it in separate statements, checking
// foreign keys at commit (see 0007). The foreign keys made since 0007 (a group's keys and its sync
// state, 0008) become deferrable like the others; INITIALLY IMMEDIATE, so everything else is
// checked as before.
export const deferrableGroupKeys: Migration = {
  version: 9,
  name: 'deferrable-group-keys',
  sql: /* sql */ `
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
