import type { Migration } from '../migrate.ts';

// Released: never edit. Change the schema with a new migration.
//
// Every row carries tenant_id, and every key starts with it, so a query that forgets the tenant
// finds nothing rather than another tenant's rows. The high-volume tables (events and rollups)
// have no foreign keys: each would cost a lookup per ingested event. Opaque platform ids compare
// byte-wise (COLLATE "C"), not by language rules. Rollup rows are updated many times a day: room
// left on their pages keeps those updates off the indexes (HOT updates, fillfactor).
export const initial: Migration = {
  version: 1,
  name: 'initial',
  sql: /* sql */ `
CREATE TABLE tenants (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  default_weekday smallint NOT NULL CHECK (default_weekday BETWEEN 1 AND 7),
  default_time text NOT NULL,
  default_time_zone text NOT NULL,
  default_locale text NOT NULL,
  created_at timestamptz NOT NULL
);

CREATE TABLE people (
  tenant_id uuid NOT NULL REFERENCES tenants (id),
  id uuid NOT NULL,
  display_name text NOT NULL,
  email text,
  time_zone text NOT NULL,
  locale text NOT NULL,
  roles text[] NOT NULL DEFAULT '{}',
  weekly_hour_weekday smallint CHECK (weekly_hour_weekday BETWEEN 1 AND 7),
  weekly_hour_time text,
  deactivated_at timestamptz,
  PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX people_email ON people (tenant_id, lower(email)) WHERE email IS NOT NULL;
CREATE INDEX people_name ON people (tenant_id, display_name, id);

CREATE TABLE person_identities (
  tenant_id uuid NOT NULL,
  platform text NOT NULL,
  workspace_id text NOT NULL,
  user_id text NOT NULL,
  person_id uuid NOT NULL,
  PRIMARY KEY (tenant_id, platform, workspace_id, user_id),
  FOREIGN KEY (tenant_id, person_id) REFERENCES people (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX person_identities_person ON person_identities (tenant_id, person_id);

CREATE TABLE groups (
  tenant_id uuid NOT NULL REFERENCES tenants (id),
  id uuid NOT NULL,
  name text NOT NULL,
  platform text NOT NULL,
  workspace_id text NOT NULL,
  platform_id text NOT NULL,
  purpose text,
  owner_ids uuid[] NOT NULL CHECK (cardinality(owner_ids) > 0),
  membership_policy text NOT NULL CHECK (membership_policy IN ('open', 'approval')),
  review_interval_days integer NOT NULL CHECK (review_interval_days > 0),
  created_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, platform, workspace_id, platform_id)
);
CREATE INDEX groups_owners ON groups USING gin (owner_ids);
CREATE INDEX groups_name ON groups (tenant_id, name, id);

CREATE TABLE memberships (
  tenant_id uuid NOT NULL,
  group_id uuid NOT NULL,
  person_id uuid NOT NULL,
  joined_at timestamptz NOT NULL,
  left_at timestamptz,
  PRIMARY KEY (tenant_id, group_id, person_id),
  FOREIGN KEY (tenant_id, group_id) REFERENCES groups (tenant_id, id) ON DELETE CASCADE
);

CREATE TABLE membership_requests (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL,
  group_id uuid NOT NULL,
  requester_id uuid NOT NULL,
  requested_at timestamptz NOT NULL,
  note text,
  status text NOT NULL CHECK (status IN ('pending', 'approved', 'denied', 'expired', 'cancelled')),
  decided_by uuid,
  decided_at timestamptz,
  reason text,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, group_id) REFERENCES groups (tenant_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX membership_requests_one_pending
  ON membership_requests (tenant_id, group_id, requester_id) WHERE status = 'pending';
CREATE INDEX membership_requests_pending
  ON membership_requests (tenant_id, requested_at) WHERE status = 'pending';

CREATE TABLE content_items (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL,
  group_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('pinned_message', 'bookmark', 'file', 'canvas', 'tab')),
  platform text NOT NULL,
  workspace_id text NOT NULL,
  platform_id text NOT NULL,
  title text NOT NULL,
  link text,
  last_changed_at timestamptz NOT NULL,
  last_reviewed_at timestamptz,
  review_interval_days integer CHECK (review_interval_days > 0),
  state text NOT NULL CHECK (state IN ('active', 'archived')),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, platform, workspace_id, platform_id),
  FOREIGN KEY (tenant_id, group_id) REFERENCES groups (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX content_items_group ON content_items (tenant_id, group_id, last_changed_at);

CREATE TABLE contribution_events (
  tenant_id uuid NOT NULL,
  platform text COLLATE "C" NOT NULL,
  platform_event_id text COLLATE "C" NOT NULL,
  group_id uuid NOT NULL,
  person_id uuid NOT NULL,
  kind text NOT NULL,
  occurred_at timestamptz NOT NULL,
  thread_id text COLLATE "C",
  asks_question boolean NOT NULL,
  PRIMARY KEY (tenant_id, platform, platform_event_id)
);

CREATE TABLE group_days (
  tenant_id uuid NOT NULL,
  group_id uuid NOT NULL,
  day date NOT NULL,
  joins integer NOT NULL DEFAULT 0,
  leaves integer NOT NULL DEFAULT 0,
  posts integer NOT NULL DEFAULT 0,
  replies integer NOT NULL DEFAULT 0,
  reactions integer NOT NULL DEFAULT 0,
  files integer NOT NULL DEFAULT 0,
  answers integer NOT NULL DEFAULT 0,
  questions_asked integer NOT NULL DEFAULT 0,
  questions_answered integer NOT NULL DEFAULT 0,
  distinct_contributors integer NOT NULL DEFAULT 0,
  PRIMARY KEY (tenant_id, group_id, day)
) WITH (fillfactor = 70);

CREATE TABLE member_days (
  tenant_id uuid NOT NULL,
  group_id uuid NOT NULL,
  day date NOT NULL,
  person_id uuid NOT NULL,
  posts integer NOT NULL DEFAULT 0,
  replies integer NOT NULL DEFAULT 0,
  reactions integer NOT NULL DEFAULT 0,
  files integer NOT NULL DEFAULT 0,
  answers integer NOT NULL DEFAULT 0,
  PRIMARY KEY (tenant_id, group_id, day, person_id)
) WITH (fillfactor = 70);

CREATE TABLE contributor_spans (
  tenant_id uuid NOT NULL,
  group_id uuid NOT NULL,
  person_id uuid NOT NULL,
  first_day date NOT NULL,
  last_day date NOT NULL,
  PRIMARY KEY (tenant_id, group_id, person_id)
) WITH (fillfactor = 70);

CREATE TABLE questions (
  tenant_id uuid NOT NULL,
  group_id uuid NOT NULL,
  thread_id text COLLATE "C" NOT NULL,
  asker_id uuid NOT NULL,
  asked_at timestamptz NOT NULL,
  first_response_at timestamptz,
  PRIMARY KEY (tenant_id, group_id, thread_id)
);

CREATE TABLE weekly_hours (
  tenant_id uuid NOT NULL,
  owner_id uuid NOT NULL,
  week text NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'done', 'snoozed', 'skipped', 'delegated')),
  created_at timestamptz NOT NULL,
  card_sent_at timestamptz,
  first_action_at timestamptz,
  done_at timestamptz,
  snoozed_until timestamptz,
  skip_reason text,
  delegate_id uuid,
  PRIMARY KEY (tenant_id, owner_id, week),
  FOREIGN KEY (tenant_id, owner_id) REFERENCES people (tenant_id, id) ON DELETE CASCADE
);

CREATE TABLE audit_entries (
  tenant_id uuid NOT NULL REFERENCES tenants (id),
  id uuid NOT NULL,
  at timestamptz NOT NULL,
  actor_id uuid,
  action text NOT NULL,
  subject_kind text NOT NULL,
  subject_id text NOT NULL,
  details jsonb NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX audit_entries_at ON audit_entries (tenant_id, at DESC);
CREATE INDEX audit_entries_subject ON audit_entries (tenant_id, subject_id, at DESC);
`,
};
