import type { mongo } from 'mongoose';
import type { InboxItem, InboxKey, InboxRepository, InboxStatus, NewInboxItem } from '../../../ports/store/inbox.ts';
import { onlyDuplicates } from '../duplicate-key.ts';
import { asJson } from '../json.ts';
import type { InboxItemDocument } from '../models.ts';

function toItem(doc: InboxItemDocument): InboxItem {
  return {
    platform: doc.platform,
    workspaceId: doc.workspaceId,
    eventId: doc.eventId,
    kind: doc.kind,
    payload: doc.payload,
    receivedAt: doc.receivedAt,
    status: doc.status,
    attempts: doc.attempts,
    notBefore: doc.notBefore,
    lockedUntil: doc.lockedUntil,
    lastError: doc.lastError,
  };
}

const byKey = (key: InboxKey) => ({ platform: key.platform, workspaceId: key.workspaceId, eventId: key.eventId });

/** Arrival order, as claimed. */
const CLAIM_ORDER = { notBefore: 1, receivedAt: 1, _id: 1 } as const;

export class MongoInbox implements InboxRepository {
  readonly #items: mongo.Collection<InboxItemDocument>;
  constructor(items: mongo.Collection<InboxItemDocument>) {
    this.#items = items;
  }

  async accept(items: readonly NewInboxItem[]): Promise<number> {
    if (items.length === 0) return 0;
    const docs = items.map(
      (item): InboxItemDocument => ({
        ...byKey(item),
        kind: item.kind,
        payload: asJson(item.payload),
        receivedAt: item.receivedAt,
        status: item.problem === null ? 'pending' : 'parked',
        attempts: 0,
        notBefore: item.receivedAt,
        lockedUntil: null,
        lastError: item.problem,
      }),
    );
    // Unordered: a redelivery refused by the unique key stops no other item.
    try {
      const { insertedCount } = await this.#items.insertMany(docs, { ordered: false });
      return insertedCount;
    } catch (error) {
      if (!onlyDuplicates(error)) throw error;
      return error.result.insertedCount;
    }
  }

  async claimDue(now: Date, limit: number, lockMs: number): Promise<InboxItem[]> {
    const due = {
      status: 'pending' as const,
      notBefore: { $lte: now },
      $or: [{ lockedUntil: null }, { lockedUntil: { $lt: now } }],
    };
    const lock = { $set: { lockedUntil: new Date(now.getTime() + lockMs) }, $inc: { attempts: 1 } };
    // As the outbox's claim: each findOneAndUpdate matches, locks and returns one item atomically.
    const claimed: { doc: InboxItemDocument; id: string }[] = [];
    while (claimed.length < limit) {
      const doc = await this.#items.findOneAndUpdate(due, lock, { sort: CLAIM_ORDER, returnDocument: 'after' });
      if (!doc) break;
      claimed.push({ doc, id: String(doc._id) });
    }
    // Items that became due while claiming may have arrived before those claimed first.
    claimed.sort(
      (a, b) => a.doc.receivedAt.getTime() - b.doc.receivedAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
    return claimed.map(({ doc }) => toItem(doc));
  }

  async complete(keys: readonly InboxKey[]): Promise<void> {
    if (keys.length === 0) return;
    await this.#items.deleteMany({ $or: keys.map(byKey) });
  }

  async retryLater(key: InboxKey, notBefore: Date, error: string): Promise<void> {
    await this.#items.updateOne(
      { ...byKey(key), status: 'pending' },
      { $set: { notBefore, lastError: error, lockedUntil: null } },
    );
  }

  async park(key: InboxKey, error: string): Promise<void> {
    await this.#items.updateOne(byKey(key), { $set: { status: 'parked', lastError: error, lockedUntil: null } });
  }

  async listParked(limit: number): Promise<InboxItem[]> {
    // To MongoDB a limit of 0 means none at all.
    if (limit === 0) return [];
    const docs = await this.#items.find({ status: 'parked' }).sort({ receivedAt: 1, _id: 1 }).limit(limit).toArray();
    return docs.map(toItem);
  }

  async countByStatus(): Promise<Readonly<Record<InboxStatus, number>>> {
    const rows = await this.#items
      .aggregate<{ _id: InboxStatus; n: number }>([{ $group: { _id: '$status', n: { $sum: 1 } } }])
      .toArray();
    const counts: Record<InboxStatus, number> = { pending: 0, parked: 0 };
    for (const row of rows) counts[row._id] = row.n;
    return counts;
  }

  async oldestPendingAt(): Promise<Date | null> {
    const oldest = await this.#items
      .find({ status: 'pending' })
      .sort({ receivedAt: 1 })
      .limit(1)
      .project<{ receivedAt: Date }>({ receivedAt: 1 })
      .toArray();
    return oldest[0]?.receivedAt ?? null;
  }
}
