import type { mongo } from 'mongoose';
import type { AuditEntry } from '../../../domain/audit-entry.ts';
import type { AuditLog } from '../../../ports/store/audit-log.ts';
import type { AuditEntryDocument } from '../models.ts';

function toEntry(doc: AuditEntryDocument): AuditEntry {
  return {
    id: doc._id,
    tenantId: doc.tenantId,
    at: doc.at,
    actorId: doc.actorId,
    action: doc.action,
    subjectKind: doc.subjectKind,
    subjectId: doc.subjectId,
    details: doc.details,
  };
}

export class MongoAuditLog implements AuditLog {
  readonly #entries: mongo.Collection<AuditEntryDocument>;
  constructor(entries: mongo.Collection<AuditEntryDocument>) {
    this.#entries = entries;
  }

  async append(entry: AuditEntry): Promise<void> {
    await this.#entries.insertOne({
      _id: entry.id,
      tenantId: entry.tenantId,
      at: entry.at,
      actorId: entry.actorId,
      action: entry.action,
      subjectKind: entry.subjectKind,
      subjectId: entry.subjectId,
      details: entry.details,
    });
  }

  async list(tenantId: string, filter: { subjectId?: string; limit: number }): Promise<AuditEntry[]> {
    // To MongoDB a limit of 0 means none at all.
    if (filter.limit === 0) return [];
    const docs = await this.#entries
      .find({ tenantId, ...(filter.subjectId === undefined ? {} : { subjectId: filter.subjectId }) })
      .sort({ at: -1, _id: 1 })
      .limit(filter.limit)
      .toArray();
    return docs.map(toEntry);
  }
}
