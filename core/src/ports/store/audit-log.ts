import type { AuditEntry } from '../../domain/audit-entry.ts';

export interface AuditLog {
  append(entry: AuditEntry): Promise<void>;
  /** Newest first. */
  list(tenantId: string, filter: { subjectId?: string; limit: number }): Promise<AuditEntry[]>;
}
