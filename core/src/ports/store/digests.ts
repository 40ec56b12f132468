import type { IsoWeek } from '../../domain/iso-week.ts';

/** A community manager's weekly digest, claimed for the ISO week (of their own time zone). */
export interface DigestClaim {
  readonly tenantId: string;
  readonly personId: string;
  readonly week: IsoWeek;
  readonly claimedAt: Date;
  /** When the digest was handed to the outbox; null while claimed and not yet sent. */
  readonly sentAt: Date | null;
}

/**
 * One digest per community manager and week, by a unique key: however many jobs race, each
 * manager's claim is created once, and a claim not marked sent (a job that died) is sent again
 * under the same outbox dedupe key.
 */
export interface DigestRepository {
  /**
   * Creates these managers' claims for the week unless they exist; returns the stored claim of
   * each, created or already there (sent or not), in no particular order.
   */
  claimMany(tenantId: string, personIds: readonly string[], week: IsoWeek, at: Date): Promise<DigestClaim[]>;
  /** Marks these claims sent (those already sent keep their time). */
  markSent(tenantId: string, personIds: readonly string[], week: IsoWeek, at: Date): Promise<void>;
}
