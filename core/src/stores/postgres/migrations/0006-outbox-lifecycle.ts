import type { Migration } from '../migrate.ts';

// Released: never edit. Change the schema with a new migration.
//
// The platforms' lifecycle: an uninstall or a revoked token cancels what was waiting for that
// workspace, and an app removed from a Teams team cancels what was waiting for that team. Each
// outbox message therefore names its workspace and, when it concerns one, its group's platform id
// (the core fills both at enqueue); older rows get them from their payload here. The partial index
// finds a workspace's pending messages, which are few whatever the sent ones pile up to.
//
// Installations are kept when revoked (revoked_at), so that a reinstall finds its tenant and a
// single-workspace app knows its token is dead without asking Slack.
export const outboxLifecycle: Migration = {
  version: 6,
  name: 'outbox-lifecycle',
  sql: /* sql */ `
ALTER TABLE outbox DROP CONSTRAINT outbox_status_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_status_check CHECK (status IN ('pending', 'sent', 'failed', 'cancelled'));

ALTER TABLE outbox ADD COLUMN workspace_id text COLLATE "C", ADD COLUMN group_id text COLLATE "C";
-- Every operation's payload names its workspace in one of these; '' would be a message no uninstall cancels.
UPDATE outbox SET
  workspace_id = COALESCE(payload #>> '{to,workspaceId}', payload #>> '{group,workspaceId}', payload #>> '{sent,workspaceId}', ''),
  group_id = payload #>> '{group,id}';
ALTER TABLE outbox ALTER COLUMN workspace_id SET NOT NULL;
CREATE INDEX outbox_pending_workspace ON outbox (tenant_id, platform, workspace_id, group_id) WHERE status = 'pending';

ALTER TABLE installations ADD COLUMN revoked_at timestamptz;
`,
};
