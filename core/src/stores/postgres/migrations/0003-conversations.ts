import type { Migration } from '../migrate.ts';

// Released: never edit. Change the schema with a new migration.
//
// Conversation references tell the Teams edge where to post proactively (a person's 1:1 chat, a
// team's channel). Like installations they are keyed by platform and workspace rather than by
// tenant: the edge learns them from activities that name only their workspace. A saved reference
// replaces the previous one, so there is one row per key and no history.
export const conversations: Migration = {
  version: 3,
  name: 'conversations',
  sql: /* sql */ `
CREATE TABLE conversations (
  platform text COLLATE "C" NOT NULL,
  workspace_id text COLLATE "C" NOT NULL,
  key text COLLATE "C" NOT NULL,
  conversation_id text COLLATE "C" NOT NULL,
  service_url text NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (platform, workspace_id, key)
);
`,
};
