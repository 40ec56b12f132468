import type { Migration } from '../migrate.ts';

// Released: never edit. Change the schema with a new migration.
//
// An owner's time off: days on their own calendar (both included) and the co-owner covering.
// The cover is a plain column, not a key: a cover who leaves the company is simply not sent the
// card (the use case checks they still co-own a group). A weekly-hour record says whether its week
// fell in time off, so escalation and the owner figures leave those weeks out; existing records
// were none.
export const timeOff: Migration = {
  version: 19,
  name: 'time-off',
  sql: /* sql */ `
ALTER TABLE people
  ADD COLUMN time_off_from date,
  ADD COLUMN time_off_until date,
  ADD COLUMN time_off_cover_id uuid,
  ADD CONSTRAINT people_time_off CHECK ((time_off_from IS NULL) = (time_off_until IS NULL) AND time_off_from <= time_off_until);

ALTER TABLE weekly_hours ADD COLUMN time_off boolean NOT NULL DEFAULT false;
`,
};
