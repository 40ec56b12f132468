/** A decision or change someone made, kept for community managers and for compliance. */
export interface AuditEntry {
  readonly id: string;
  readonly tenantId: string;
  readonly at: Date;
  /** Null when the system acted (expiry, escalation). */
  readonly actorId: string | null;
  /** A stable verb such as "membership_request.approved". */
  readonly action: string;
  readonly subjectKind: string;
  readonly subjectId: string;
  readonly details: Readonly<Record<string, string | number | boolean | null>>;
}
