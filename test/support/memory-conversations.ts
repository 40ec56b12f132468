import type { ConversationReference, ConversationRepository, Platform } from '../../core/src/index.ts';

/** The ConversationRepository port in memory: what the stores do, for tests of a platform alone. */
export class MemoryConversations implements ConversationRepository {
  readonly #references = new Map<string, ConversationReference>();

  async save(reference: ConversationReference): Promise<void> {
    this.#references.set(`${reference.platform} ${reference.workspaceId} ${reference.key}`, reference);
  }

  async find(platform: Platform, workspaceId: string, key: string): Promise<ConversationReference | null> {
    return this.#references.get(`${platform} ${workspaceId} ${key}`) ?? null;
  }

  async remove(platform: Platform, workspaceId: string, key: string): Promise<boolean> {
    return this.#references.delete(`${platform} ${workspaceId} ${key}`);
  }
}
