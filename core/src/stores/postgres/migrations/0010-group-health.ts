import type { Migration } from '../migrate.ts';

// Released: never edit. Change the schema with a new migration.
//
// Group health:
// - each tenant's weights of the health score's components (domain/health.ts), with the
//   documented defaults so existing tenants need no backfill;
// - the daily snapshot: one row per group and UTC day with its score, components and the figures
//   they stand on, so that trends and the cross-group table read rows instead of computing them.
//   No foreign key, as on the rollups: groups keep their data whatever their state. Read by group
//   and day range (the primary key) and by day across a tenant's groups (the second index);
// - the days of each tenant's snapshot that are completely written, final or refreshed through
//   today: what the snapshot job resumes from.
export const groupHealth: Migration = {
  version: 10,
  name: 'group-health',
  sql: /* sql */ `
ALTER TABLE tenants
  ADD COLUMN health_weight_activity integer NOT NULL DEFAULT 30 CHECK (health_weight_activity BETWEEN 0 AND 100),
  ADD COLUMN health_weight_growth integer NOT NULL DEFAULT 10 CHECK (health_weight_growth BETWEEN 0 AND 100),
  ADD COLUMN health_weight_responsiveness integer NOT NULL DEFAULT 15 CHECK (health_weight_responsiveness BETWEEN 0 AND 100),
  ADD COLUMN health_weight_freshness integer NOT NULL DEFAULT 10 CHECK (health_weight_freshness BETWEEN 0 AND 100),
  ADD COLUMN health_weight_owner_engagement integer NOT NULL DEFAULT 15 CHECK (health_weight_owner_engagement BETWEEN 0 AND 100),
  ADD COLUMN health_weight_ownership integer NOT NULL DEFAULT 15 CHECK (health_weight_ownership BETWEEN 0 AND 100),
  ADD COLUMN health_weight_purpose integer NOT NULL DEFAULT 5 CHECK (health_weight_purpose BETWEEN 0 AND 100),
  ADD CONSTRAINT tenants_health_weights_not_all_zero CHECK (health_weight_activity + health_weight_growth
    + health_weight_responsiveness + health_weight_freshness + health_weight_owner_engagement + health_weight_ownership
    + health_weight_purpose > 0);

CREATE TABLE group_health_days (
  tenant_id uuid NOT NULL,
  group_id uuid NOT NULL,
  day date NOT NULL,
  measured_at timestamptz NOT NULL,
  score smallint CHECK (score BETWEEN 0 AND 100),
  activity smallint,
  growth smallint,
  responsiveness smallint,
  freshness smallint,
  owner_engagement smallint,
  ownership smallint,
  purpose smallint,
  members integer NOT NULL,
  weekly_active integer NOT NULL,
  monthly_active integer NOT NULL,
  active_ratio double precision,
  joins integer NOT NULL,
  leaves integer NOT NULL,
  questions_waiting integer NOT NULL,
  requests_waiting integer NOT NULL,
  content_due integer NOT NULL,
  active_owners integer NOT NULL,
  flags text[] NOT NULL,
  PRIMARY KEY (tenant_id, group_id, day)
);
CREATE INDEX group_health_days_day ON group_health_days (tenant_id, day);

CREATE TABLE health_snapshot_days (
  tenant_id uuid NOT NULL REFERENCES tenants (id) DEFERRABLE INITIALLY IMMEDIATE,
  day date NOT NULL,
  final boolean NOT NULL,
  measured_at timestamptz NOT NULL,
  groups integer NOT NULL,
  PRIMARY KEY (tenant_id, day)
);
`,
};
