import type { Migration } from '../migrate.ts';

// Released: never edit. Change the schema with a new migration.
//
// Content review: each item's verifier (null: its owners), its author when the platform said, and
// a member's "outdated" flag (who, when, an optional note), cleared when the item is kept. Person
// ids without foreign keys, like weekly_hours.delegate_id's readers: a person erased leaves a name
// shown as "—"; tenant merges repoint them (PERSON_COLUMNS). A flag is whole or absent.
// The link index answers "/steward outdated <link>" and the message shortcut without a scan.
export const contentReview: Migration = {
  version: 16,
  name: 'content-review',
  sql: /* sql */ `
ALTER TABLE content_items
  ADD COLUMN verifier_id uuid,
  ADD COLUMN author_id uuid,
  ADD COLUMN flagged_by uuid,
  ADD COLUMN flagged_at timestamptz,
  ADD COLUMN flag_note text,
  ADD CONSTRAINT content_items_flag_whole CHECK ((flagged_by IS NULL) = (flagged_at IS NULL));
CREATE INDEX content_items_link ON content_items (tenant_id, link) WHERE state = 'active' AND link IS NOT NULL;
`,
};
