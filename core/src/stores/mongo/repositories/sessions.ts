import type { mongo } from 'mongoose';
import type { Session } from '../../../domain/session.ts';
import type { SessionRepository } from '../../../ports/store/sessions.ts';
import type { SessionDocument } from '../models.ts';

function toSession(doc: SessionDocument): Session {
  return {
    idHash: doc._id,
    tenantId: doc.tenantId,
    personId: doc.personId,
    createdAt: doc.createdAt,
    idleExpiresAt: doc.idleExpiresAt,
    expiresAt: doc.expiresAt,
  };
}

export class MongoSessions implements SessionRepository {
  readonly #sessions: mongo.Collection<SessionDocument>;
  constructor(sessions: mongo.Collection<SessionDocument>) {
    this.#sessions = sessions;
  }

  async create(session: Session): Promise<void> {
    await this.#sessions.insertOne({
      _id: session.idHash,
      tenantId: session.tenantId,
      personId: session.personId,
      createdAt: session.createdAt,
      idleExpiresAt: session.idleExpiresAt,
      expiresAt: session.expiresAt,
    });
  }

  async find(idHash: string, now: Date): Promise<Session | null> {
    const doc = await this.#sessions.findOne({ _id: idHash, idleExpiresAt: { $gt: now }, expiresAt: { $gt: now } });
    return doc ? toSession(doc) : null;
  }

  async touch(idHash: string, idleExpiresAt: Date): Promise<void> {
    // Never past the absolute end: the pipeline update reads it in the same command.
    await this.#sessions.updateOne({ _id: idHash }, [
      { $set: { idleExpiresAt: { $min: [idleExpiresAt, '$expiresAt'] } } },
    ]);
  }

  async delete(idHash: string): Promise<boolean> {
    const { deletedCount } = await this.#sessions.deleteOne({ _id: idHash });
    return deletedCount > 0;
  }

  async deleteExpired(now: Date): Promise<number> {
    // The idle end is never past the absolute one: it alone says whether either has passed.
    const { deletedCount } = await this.#sessions.deleteMany({ idleExpiresAt: { $lte: now } });
    return deletedCount;
  }
}
