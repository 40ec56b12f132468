import type { mongo } from 'mongoose';
import { SENT_PAYLOAD_TEXTS } from '../../../domain/outbox-texts.ts';
import type { Platform } from '../../../domain/platform.ts';
import type {
  OutboxListing,
  OutboxMessage,
  OutboxRef,
  OutboxRepository,
  OutboxScope,
  OutboxSelection,
  OutboxWaiting,
  Retry,
} from '../../../ports/store/outbox.ts';
import { firstOfEach } from '../../first-of-each.ts';
import { onlyDuplicates } from '../duplicate-key.ts';
import { asJson } from '../json.ts';
import type { OutboxMessageDocument } from '../models.ts';

/** The paths of the payloads (use-cases/deliver-outbox.ts) that name a message's workspace and group. */
const PAYLOAD_WORKSPACE = ['payload.to.workspaceId', 'payload.group.workspaceId', 'payload.sent.workspaceId'] as const;
const PAYLOAD_GROUP = 'payload.group.id';

/** A message enqueued before the outbox kept its address has it in its payload only. */
function addressInPayload(payload: Record<string, unknown>): { workspaceId: string; groupId: string | null } {
  const at = (path: string): unknown =>
    path
      .split('.')
      .slice(1)
      .reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], payload);
  const workspaceId = PAYLOAD_WORKSPACE.map(at).find((value) => typeof value === 'string');
  const groupId = at(PAYLOAD_GROUP);
  return {
    workspaceId: (workspaceId as string | undefined) ?? '',
    groupId: typeof groupId === 'string' ? groupId : null,
  };
}

function toMessage(doc: OutboxMessageDocument): OutboxMessage {
  const legacy = doc.workspaceId === undefined ? addressInPayload(doc.payload) : null;
  return {
    id: doc._id,
    tenantId: doc.tenantId,
    platform: doc.platform,
    operation: doc.operation,
    payload: doc.payload,
    workspaceId: legacy?.workspaceId ?? doc.workspaceId ?? '',
    groupId: legacy ? legacy.groupId : (doc.groupId ?? null),
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

function toDocument(message: OutboxMessage): OutboxMessageDocument {
  return {
    _id: message.id,
    tenantId: message.tenantId,
    platform: message.platform,
    operation: message.operation,
    payload: asJson(message.payload),
    workspaceId: message.workspaceId,
    groupId: message.groupId,
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
    const doc = toDocument(message);
    const refused = await this.#insert([doc]);
    if (refused.length === 0) return { created: true, message: toMessage(doc) };
    // The partial unique index keeps the first message of a dedupe key; a repeated id is an error.
    const first =
      message.dedupeKey === null
        ? null
        : await this.#messages.findOne({ tenantId: message.tenantId, dedupeKey: message.dedupeKey });
    if (!first) throw refused[0]!.error;
    return { created: false, message: toMessage(first) };
  }

  async enqueueMany(tenantId: string, messages: readonly OutboxMessage[]): Promise<boolean[]> {
    if (messages.length === 0) return [];
    const stranger = messages.find((m) => m.tenantId !== tenantId);
    if (stranger)
      throw new Error(`outbox message ${stranger.id} belongs to tenant ${stranger.tenantId}, not ${tenantId}`);
    // Of messages sharing a dedupe key in this call only the first is sent: it is the one kept.
    const sent = firstOfEach(messages, (m) => m.dedupeKey);
    const refused = await this.#insert(sent.map(toDocument));
    const refusedIds = new Set(refused.map(({ doc }) => doc._id));
    if (refused.length > 0) {
      // Refused for a dedupe key that is taken, or else for a repeated id: that is an error.
      const refusedKeys = refused.map(({ doc }) => doc.dedupeKey).filter((key) => key !== null);
      const taken = await this.#messages
        .find({ tenantId, dedupeKey: { $in: refusedKeys } }, { projection: { dedupeKey: 1 } })
        .toArray();
      const takenKeys = new Set(taken.map((doc) => doc.dedupeKey));
      const repeated = refused.find(({ doc }) => doc.dedupeKey === null || !takenKeys.has(doc.dedupeKey));
      if (repeated) throw repeated.error;
    }
    const sentMessages = new Set(sent);
    return messages.map((m) => sentMessages.has(m) && !refusedIds.has(m.id));
  }

  /**
   * Inserts the documents, each on its own (unordered: a refused one stops no other), and returns
   * those a unique index refused, with the error to report should that not be the dedupe key.
   */
  async #insert(docs: readonly OutboxMessageDocument[]): Promise<{ doc: OutboxMessageDocument; error: unknown }[]> {
    try {
      await this.#messages.insertMany(docs.slice(), { ordered: false });
      return [];
    } catch (error) {
      if (!onlyDuplicates(error)) throw error;
      return error.result.getWriteErrors().map((writeError) => ({ doc: docs[writeError.index]!, error }));
    }
  }

  async claimDue(now: Date, limit: number, lockMs: number, platform?: Platform): Promise<OutboxMessage[]> {
    const due = {
      status: 'pending' as const,
      ...(platform ? { platform } : {}),
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
      {
        $set: { status: 'sent', doneAt: at, result: asJson(result), lockedUntil: null },
        $unset: Object.fromEntries(SENT_PAYLOAD_TEXTS.map((text) => [`payload.${text}`, ''])),
      },
    );
  }

  async retryLater(tenantId: string, id: string, retry: Retry): Promise<void> {
    // A pipeline, to give an attempt back without going below zero; $literal keeps a "$…" error a string.
    const attempts = retry.counted ? '$attempts' : { $max: [0, { $subtract: ['$attempts', 1] }] };
    await this.#messages.updateOne({ _id: id, tenantId, status: 'pending' }, [
      { $set: { notBefore: retry.notBefore, lastError: { $literal: retry.error }, lockedUntil: null, attempts } },
    ]);
  }

  async markFailed(tenantId: string, id: string, at: Date, error: string): Promise<void> {
    await this.#messages.updateOne(
      { _id: id, tenantId, status: 'pending' },
      { $set: { status: 'failed', doneAt: at, lastError: error, lockedUntil: null } },
    );
  }

  async cancelPending(tenantId: string, scope: OutboxScope, at: Date, reason: string): Promise<number> {
    const { workspaceId, groupId } = scope;
    const kept = groupId === undefined ? { workspaceId } : { workspaceId, groupId };
    const inPayload =
      groupId === undefined
        ? { $or: PAYLOAD_WORKSPACE.map((path) => ({ [path]: workspaceId })) }
        : { 'payload.group.workspaceId': workspaceId, [PAYLOAD_GROUP]: groupId };
    const { modifiedCount } = await this.#messages.updateMany(
      {
        tenantId,
        platform: scope.platform,
        status: 'pending',
        $or: [kept, { workspaceId: { $exists: false }, ...inPayload }],
      },
      { $set: { status: 'cancelled', doneAt: at, lastError: reason, lockedUntil: null } },
    );
    return modifiedCount;
  }

  async get(tenantId: string, id: string): Promise<OutboxMessage | null> {
    const doc = await this.#messages.findOne({ _id: id, tenantId });
    return doc ? toMessage(doc) : null;
  }

  async listByDedupeKeys(tenantId: string, keys: readonly string[]): Promise<OutboxMessage[]> {
    if (keys.length === 0) return [];
    const docs = await this.#messages.find({ tenantId, dedupeKey: { $in: [...keys] } }).toArray();
    return docs.map(toMessage);
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

  async countWaiting(): Promise<OutboxWaiting[]> {
    const rows = await this.#messages
      .aggregate<{ _id: { platform: Platform; status: OutboxWaiting['status'] }; n: number }>([
        { $match: { status: { $in: ['pending', 'failed'] } } },
        { $group: { _id: { platform: '$platform', status: '$status' }, n: { $sum: 1 } } },
        { $sort: { '_id.platform': 1, '_id.status': 1 } },
      ])
      .toArray();
    return rows.map((row) => ({ platform: row._id.platform, status: row._id.status, count: row.n }));
  }

  async listByStatus({ status, tenantId, limit }: OutboxListing): Promise<OutboxMessage[]> {
    // To MongoDB a limit of 0 means none at all.
    if (limit === 0) return [];
    const docs = await this.#messages
      .find({ status, ...(tenantId === undefined ? {} : { tenantId }) })
      .sort(status === 'pending' ? { createdAt: -1, _id: 1 } : { doneAt: -1, _id: 1 })
      .limit(limit)
      .toArray();
    return docs.map(toMessage);
  }

  async retryFailed(selection: OutboxSelection, at: Date): Promise<OutboxRef[]> {
    const which =
      'ids' in selection
        ? { _id: { $in: [...selection.ids] } }
        : selection.tenantId === undefined
          ? {}
          : { tenantId: selection.tenantId };
    return this.#moveIds(
      { status: 'failed', ...which },
      { status: 'pending', attempts: 0, notBefore: at, doneAt: null, lockedUntil: null },
    );
  }

  async cancel(ids: readonly string[], at: Date, reason: string): Promise<OutboxRef[]> {
    return this.#moveIds(
      { _id: { $in: [...ids] }, status: { $in: ['pending', 'failed'] } },
      { status: 'cancelled', doneAt: at, lastError: reason, lockedUntil: null },
    );
  }

  /**
   * Changes the messages matching `filter`, each only if it still matches (MongoDB has no UPDATE
   * … RETURNING): the ids read first, then updated under the same filter, then those now changed.
   */
  async #moveIds(
    filter: mongo.Filter<OutboxMessageDocument>,
    set: Partial<OutboxMessageDocument>,
  ): Promise<OutboxRef[]> {
    const candidates = (await this.#messages.find(filter, { projection: { _id: 1 } }).toArray()).map((doc) => doc._id);
    if (candidates.length === 0) return [];
    await this.#messages.updateMany({ ...filter, _id: { $in: candidates } }, { $set: set });
    const moved = await this.#messages
      .find({ _id: { $in: candidates }, status: set.status }, { projection: { _id: 1, tenantId: 1 } })
      .toArray();
    return moved.map((doc) => ({ tenantId: doc.tenantId, id: doc._id }));
  }
}
