import type { Migration } from '../migrate.ts';

// Released: never edit. Change the schema with a new migration.
//
// Membership requests with deadlines: the group's target for deciding one, the tenant's limit
// after which it expires, and on each request the last deadline step taken and when the job looks
// at it next. The job reads only pending requests whose time has come, by that time, so each run
// reads what is due and no more, however many requests wait. Pending requests already there are
// looked at once the default target has passed since they were made.
export const requestDeadlines: Migration = {
  version: 14,
  name: 'request-deadlines',
  sql: /* sql */ `
ALTER TABLE tenants
  ADD COLUMN request_expiry_days integer NOT NULL DEFAULT 14 CHECK (request_expiry_days > 0);
ALTER TABLE groups
  ADD COLUMN request_deadline_hours integer NOT NULL DEFAULT 48 CHECK (request_deadline_hours > 0);
ALTER TABLE membership_requests
  ADD COLUMN deadline_step text CHECK (deadline_step IN ('remind', 'co_owners', 'managers', 'expire')),
  ADD COLUMN deadline_at timestamptz;
UPDATE membership_requests SET deadline_at = requested_at + interval '48 hours' WHERE status = 'pending';
CREATE INDEX membership_requests_deadline ON membership_requests (deadline_at) WHERE status = 'pending';
`,
};
