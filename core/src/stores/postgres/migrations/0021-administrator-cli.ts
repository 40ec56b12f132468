import type { Migration } from '../migrate.ts';

// Released: never edit. Change the schema with a new migration.
//
// The command line lists cancelled messages newest first (`steward outbox list --status cancelled`):
// without this partial index that would read every message ever sent. Pending and failed messages
// have theirs (outbox_due, outbox_failed).
export const administratorCli: Migration = {
  version: 21,
  name: 'administrator-cli',
  sql: /* sql */ `
CREATE INDEX outbox_cancelled ON outbox (done_at DESC) WHERE status = 'cancelled';
`,
};
