import type { mongo } from 'mongoose';
import type { Platform } from '../../../domain/platform.ts';
import type { ConversationReference, ConversationRepository } from '../../../ports/store/conversations.ts';
import { upsertRetryingRace } from '../duplicate-key.ts';
import type { ConversationDocument } from '../models.ts';

function toReference(doc: ConversationDocument): ConversationReference {
  return {
    platform: doc.platform,
    workspaceId: doc.workspaceId,
    key: doc.key,
    conversationId: doc.conversationId,
    serviceUrl: doc.serviceUrl,
    updatedAt: doc.updatedAt,
  };
}

export class MongoConversations implements ConversationRepository {
  readonly #conversations: mongo.Collection<ConversationDocument>;
  constructor(conversations: mongo.Collection<ConversationDocument>) {
    this.#conversations = conversations;
  }

  async save(reference: ConversationReference): Promise<void> {
    // The latest reference wins: Teams may move a tenant to another service URL.
    await upsertRetryingRace(() =>
      this.#conversations.updateOne(
        { platform: reference.platform, workspaceId: reference.workspaceId, key: reference.key },
        {
          $set: {
            conversationId: reference.conversationId,
            serviceUrl: reference.serviceUrl,
            updatedAt: reference.updatedAt,
          },
        },
        { upsert: true },
      ),
    );
  }

  async find(platform: Platform, workspaceId: string, key: string): Promise<ConversationReference | null> {
    const doc = await this.#conversations.findOne({ platform, workspaceId, key });
    return doc ? toReference(doc) : null;
  }

  async remove(platform: Platform, workspaceId: string, key: string): Promise<boolean> {
    const { deletedCount } = await this.#conversations.deleteOne({ platform, workspaceId, key });
    return deletedCount > 0;
  }
}
