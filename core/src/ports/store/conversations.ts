import type { Platform } from '../../domain/platform.ts';

/**
 * How to reach a person's 1:1 chat or a team's channel proactively: Teams needs the conversation
 * id and the service URL of the tenant's region, learnt from install, first contact or a
 * conversation update, or made by creating the conversation.
 */
export interface ConversationReference {
  readonly platform: Platform;
  /** The Teams tenant id (or Slack team id). */
  readonly workspaceId: string;
  /** Whose conversation: "user:<platform user id>" or "team:<team id>". */
  readonly key: string;
  readonly conversationId: string;
  readonly serviceUrl: string;
  readonly updatedAt: Date;
}

export interface ConversationRepository {
  /** Inserts or replaces the reference for (platform, workspaceId, key). */
  save(reference: ConversationReference): Promise<void>;
  find(platform: Platform, workspaceId: string, key: string): Promise<ConversationReference | null>;
  /** The app was removed from the chat or team; true when one was there. */
  remove(platform: Platform, workspaceId: string, key: string): Promise<boolean>;
}
