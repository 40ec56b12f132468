import type { Migration } from '../migrate.ts';

// Released: never edit. Change the schema with a new migration.
//
// The weekly hour: each tenant's escalation policy, each person's preferred platform, each group's
// response target and welcome text, with defaults so existing rows need no backfill.
//
// The schedule holds one row per owner: when their next card (or snoozed card) is due. Workers
// pick due rows across all tenants, so that index is global, as the outbox's is.
//
// Also: a person's contributor spans (the platform they used last), the records delegated to a
// person, and each group's unanswered questions by time asked (the card's overdue questions would
// otherwise read every question the group ever had). No index is added to the events or the
// member days: ingest throughput is measured, and every index there costs on every event.
export const weeklyHour: Migration = {
  version: 4,
  name: 'weekly-hour',
  sql: /* sql */ `
ALTER TABLE tenants
  ADD COLUMN escalation_co_owners_after_weeks integer NOT NULL DEFAULT 2,
  ADD COLUMN escalation_managers_after_weeks integer NOT NULL DEFAULT 3;

ALTER TABLE people ADD COLUMN preferred_platform text CHECK (preferred_platform IN ('slack', 'teams'));
-- Few people hold a role: this finds a tenant's community managers without reading everyone.
CREATE INDEX people_with_roles ON people (tenant_id, display_name, id) WHERE roles <> '{}';

ALTER TABLE groups
  ADD COLUMN response_target_hours integer NOT NULL DEFAULT 24 CHECK (response_target_hours > 0),
  ADD COLUMN welcome_text text;

CREATE TABLE weekly_hour_schedule (
  tenant_id uuid NOT NULL,
  owner_id uuid NOT NULL,
  due_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, owner_id),
  FOREIGN KEY (tenant_id, owner_id) REFERENCES people (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX weekly_hour_schedule_due ON weekly_hour_schedule (due_at, tenant_id, owner_id);

-- Of columns a span never changes, so span updates stay HOT (off the indexes).
CREATE INDEX contributor_spans_person ON contributor_spans (tenant_id, person_id);

-- Partial: a question leaves it when answered, so it holds only the few open ones.
CREATE INDEX questions_open ON questions (tenant_id, group_id, asked_at) WHERE first_response_at IS NULL;

CREATE INDEX weekly_hours_delegate ON weekly_hours (tenant_id, delegate_id, week) WHERE delegate_id IS NOT NULL;

-- Each platform's outbox lane claims its own due messages, at its own pace.
DROP INDEX outbox_due;
CREATE INDEX outbox_due ON outbox (platform, not_before, created_at) WHERE status = 'pending';
`,
};
