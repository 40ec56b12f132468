import type { AuditEntry } from '../../domain/audit-entry.ts';

/**
 * Every stored row that names one person, by where it is kept (a table or a collection), each row
 * as its columns or fields; the person's profile and identities come from `people.get`.
 */
export type PersonRecords = Readonly<Record<string, readonly Readonly<Record<string, unknown>>[]>>;

/** What the core decided to erase; the store carries it out. */
export interface PersonErasure {
  readonly tenantId: string;
  readonly personId: string;
  /**
   * A fresh id, unrelated to the person's, that every figure-bearing row (memberships, member
   * days, contributor spans, questions, weekly hours, owners…) names instead: the rollups keep
   * counting the same contributions of one anonymous member, so group figures do not change.
   */
  readonly anonymousId: string;
  /**
   * The values that name the person (e-mail, display name, platform user ids): wherever an audit
   * entry's detail or an outbox message holds one, it is replaced by `replacement`.
   */
  readonly scrub: readonly string[];
  readonly replacement: string;
  /** Written in the same transaction; it must not hold the e-mail or name in clear. */
  readonly audit: AuditEntry;
}

export interface PersonErasureOutcome {
  /** Rows that named the person and now name the anonymous id. */
  readonly rowsAnonymised: number;
  /** Rows removed: the profile, identities, sessions, role grants by e-mail, conversations with them. */
  readonly rowsRemoved: number;
}

export interface RawEventRetention {
  readonly tenantId: string;
  /** Raw contribution events older than this many months are deleted; rollups are kept. */
  readonly months: number;
}

export interface PrivacyRepository {
  /** Every row that names the person in the tenant (see `PersonRecords`), for an export. */
  personRecords(tenantId: string, personId: string): Promise<PersonRecords>;
  /**
   * Erases the person in one go (PostgreSQL: one transaction): the profile, identities, sessions,
   * the role grants of their e-mail and the Teams conversations with them go; every other row
   * that names them names `anonymousId`; texts they wrote (a request's note, a skip reason, a
   * flag note) and reasons given about their requests are removed, a skip reason kept as empty
   * (it still counts as given); `scrub` values are replaced in audit details and outbox messages;
   * messages still waiting for them are cancelled. Null when the person is not there.
   */
  erasePerson(erasure: PersonErasure): Promise<PersonErasureOutcome | null>;
  /** Each tenant's raw event retention (default 13 months). */
  rawEventRetentions(): Promise<RawEventRetention[]>;
  setRawEventRetention(tenantId: string, months: number): Promise<void>;
  /**
   * Deletes at most `limit` of the tenant's raw contribution events that occurred before `before`
   * (oldest first); returns how many. Rollups, spans and questions are untouched.
   */
  deleteRawEventsBefore(tenantId: string, before: Date, limit: number): Promise<number>;
}
