import type { Migration } from '../migrate.ts';

// Released: never edit. Change the schema with a new migration.
//
// The inbox keeps what a platform told us from the moment before we acknowledge it until it is
// handled, so that nothing acknowledged lives only in memory. Like installations it is keyed by
// platform and workspace (an event names only its workspace); the platform's event id makes a
// redelivery a no-op. Handled items are deleted, so the table holds only the backlog and the parked
// items; `seq` keeps the order in which items arrived, which a timestamp shared by a batch cannot.
export const inbox: Migration = {
  version: 5,
  name: 'inbox',
  sql: /* sql */ `
CREATE TABLE inbox (
  platform text COLLATE "C" NOT NULL,
  workspace_id text COLLATE "C" NOT NULL,
  event_id text COLLATE "C" NOT NULL,
  seq bigint GENERATED ALWAYS AS IDENTITY,
  kind text NOT NULL,
  payload jsonb NOT NULL,
  received_at timestamptz NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'parked')),
  attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  not_before timestamptz NOT NULL,
  locked_until timestamptz,
  last_error text,
  PRIMARY KEY (platform, workspace_id, event_id)
);
CREATE INDEX inbox_due ON inbox (not_before, seq) WHERE status = 'pending';
CREATE INDEX inbox_parked ON inbox (seq) WHERE status = 'parked';
`,
};
