import type { mongo } from 'mongoose';
import type { OutboxMessage, OutboxRepository } from '../../../ports/store/outbox.ts';
import { isDuplicateKey } from '../duplicate-key.ts';
import type { OutboxMessageDocument } from '../models.ts';
import { asJson } from '../json.ts';

function toMessage(doc: OutboxMessageDocument): OutboxMessage {
  return {
    id: doc._id,
    tenantId: doc.tenantId,
    platform: doc.platform,
    operation: doc.operation,
    payload: doc.payload,
    dedupeKey: doc.dedupeKey,
    status: doc.status,
    attempts: doc.attempts,
    createdAt: doc.createdAt,
    notBefore: doc.notBefore,
    lockedUntil: doc.lockedUntil,
    doneAt: doc.doneAt,
    result: doc.result,
    lastError: doc.lastError,
  };
}

/** Oldest first, as claimed. */
const CLAIM_ORDER = { notBefore: 1, createdAt: 1, _id: 1 } as const;

function claimOrder(a: OutboxMessage, b: OutboxMessage): number {
  return (
    a.notBefore.getTime() - b.notBefore.getTime() ||
    a.createdAt.getTime() - b.createdAt.getTime() ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

export class MongoOutbox implements OutboxRepository {
  readonly #messages: mongo.Collection<OutboxMessageDocument>;
  constructor(messages: mongo.Collection<OutboxMessageDocument>) {
    this.#messages = messages;
  }

  async enqueue(message: OutboxMessage): Promise<{ created: boolean; message: OutboxMessage }> {
    const doc: OutboxMessageDocument = {
      _id: message.id,
      tenantId: message.tenantId,
      platform: message.platform,
      operation: message.operation,
      payload: asJson(message.payload),
      dedupeKey: message.dedupeKey,
      status: message.status,
      attempts: message.attempts,
      createdAt: message.createdAt,
      notBefore: message.notBefore,
      lockedUntil: message.lockedUntil,
      doneAt: message.doneAt,
      result: message.result === null ? null : asJson(message.result),
      lastError: message.lastError,
    };
    try {
      await this.#messages.insertOne(doc);
      return { created: true, message: toMessage(doc) };
    } catch (error) {
      // The partial unique index keeps the first message of a dedupe key; a repeated id is an error.
      if (!isDuplicateKey(error) || message.dedupeKey === null) throw error;
      const first = await this.#messages.findOne({ tenantId: message.tenantId, dedupeKey: message.dedupeKey });
      if (!first) throw error;
      return { created: false, message: toMessage(first) };
    }
  }

  async claimDue(now: Date, limit: number, lockMs: number): Promise<OutboxMessage[]> {
    const due = {
      status: 'pending' as const,
      notBefore: { $lte: now },
      $or: [{ lockedUntil: null }, { lockedUntil: { $lt: now } }],
    };
    const lock = { $set: { lockedUntil: new Date(now.getTime() + lockMs) }, $inc: { attempts: 1 } };
    // No transaction: each findOneAndUpdate matches, locks and returns one message atomically, and
    // a claimer that races for the same message finds it locked when the server re-checks the
    // filter, so it takes the next one instead.
    const claimed: OutboxMessage[] = [];
    while (claimed.length < limit) {
      const doc = await this.#messages.findOneAndUpdate(due, lock, { sort: CLAIM_ORDER, returnDocument: 'after' });
      if (!doc) break;
      claimed.push(toMessage(doc));
    }
    // Messages that became due while claiming (a retry, a fresh one) may be older than those before.
    return claimed.sort(claimOrder);
  }

  // The three outcomes below change pending messages only: a worker whose lock expired and whose
  // message another worker has since finished must not send it again (retryLater) or rewrite it.

  async markSent(tenantId: string, id: string, at: Date, result: Record<string, unknown>): Promise<void> {
    await this.#messages.updateOne(
      { _id: id, tenantId, status: 'pending' },
      { $set: { status: 'sent', doneAt: at, result: asJson(result), lockedUntil: null } },
    );
  }

  async retryLater(tenantId: string, id: string, notBefore: Date, error: string): Promise<void> {
    await this.#messages.updateOne(
      { _id: id, tenantId, status: 'pending' },
      { $set: { notBefore, lastError: error, lockedUntil: null } },
    );
  }

  async markFailed(tenantId: string, id: string, at: Date, error: string): Promise<void> {
    await this.#messages.updateOne(
      { _id: id, tenantId, status: 'pending' },
      { $set: { status: 'failed', doneAt: at, lastError: error, lockedUntil: null } },
    );
  }

  async get(tenantId: string, id: string): Promise<OutboxMessage | null> {
    const doc = await this.#messages.findOne({ _id: id, tenantId });
    return doc ? toMessage(doc) : null;
  }

  async listFailed(tenantId: string, limit: number): Promise<OutboxMessage[]> {
    // To MongoDB a limit of 0 means none at all.
    if (limit === 0) return [];
    const docs = await this.#messages
      .find({ tenantId, status: 'failed' })
      .sort({ doneAt: -1, _id: 1 })
      .limit(limit)
      .toArray();
    return docs.map(toMessage);
  }
}
