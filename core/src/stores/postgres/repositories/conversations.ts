import type { Platform } from '../../../domain/platform.ts';
import type { ConversationReference, ConversationRepository } from '../../../ports/store/conversations.ts';
import type { Sql } from '../sql.ts';

interface ConversationRow {
  [column: string]: unknown;
  platform: string;
  workspace_id: string;
  key: string;
  conversation_id: string;
  service_url: string;
  updated_at: Date;
}

function toReference(row: ConversationRow): ConversationReference {
  return {
    platform: row.platform as Platform,
    workspaceId: row.workspace_id,
    key: row.key,
    conversationId: row.conversation_id,
    serviceUrl: row.service_url,
    updatedAt: row.updated_at,
  };
}

export class PostgresConversations implements ConversationRepository {
  readonly #sql: Sql;
  constructor(sql: Sql) {
    this.#sql = sql;
  }

  async save(reference: ConversationReference): Promise<void> {
    // The latest reference wins: Teams may move a tenant to another service URL.
    await this.#sql.query(
      `INSERT INTO conversations (platform, workspace_id, key, conversation_id, service_url, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (platform, workspace_id, key) DO UPDATE SET conversation_id = excluded.conversation_id,
         service_url = excluded.service_url, updated_at = excluded.updated_at`,
      [
        reference.platform,
        reference.workspaceId,
        reference.key,
        reference.conversationId,
        reference.serviceUrl,
        reference.updatedAt,
      ],
    );
  }

  async find(platform: Platform, workspaceId: string, key: string): Promise<ConversationReference | null> {
    const { rows } = await this.#sql.query<ConversationRow>(
      'SELECT * FROM conversations WHERE platform = $1 AND workspace_id = $2 AND key = $3',
      [platform, workspaceId, key],
    );
    return rows[0] ? toReference(rows[0]) : null;
  }

  async remove(platform: Platform, workspaceId: string, key: string): Promise<boolean> {
    const { rowCount } = await this.#sql.query(
      'DELETE FROM conversations WHERE platform = $1 AND workspace_id = $2 AND key = $3',
      [platform, workspaceId, key],
    );
    return rowCount > 0;
  }
}
