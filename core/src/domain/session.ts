import { createHash, randomBytes } from 'node:crypto';

/**
 * How long a dashboard sign-in lasts: it ends after `idleMs` without a request, and in any case
 * `absoluteMs` after it began (a stolen cookie is not good for ever; a working day is not cut).
 */
export interface SessionPolicy {
  readonly idleMs: number;
  readonly absoluteMs: number;
}

const HOUR_MS = 3_600_000;

/** 8 hours idle, 7 days at most: a working day without signing in again, a week at most. */
export const DEFAULT_SESSION_POLICY: SessionPolicy = { idleMs: 8 * HOUR_MS, absoluteMs: 7 * 24 * HOUR_MS };

/**
 * A signed-in browser. The store keeps only a hash of the id the cookie carries, so that a read of
 * the database (a backup, a dump) signs nobody in.
 */
export interface Session {
  /** `hashSessionId` of the cookie's id. */
  readonly idHash: string;
  readonly tenantId: string;
  readonly personId: string;
  readonly createdAt: Date;
  /** Moves forward as the browser is used, never past `expiresAt`. */
  readonly idleExpiresAt: Date;
  /** The absolute end. */
  readonly expiresAt: Date;
}

/** 256 random bits, URL-safe: unguessable, and fit for a cookie as it is. */
function newSessionId(): string {
  return randomBytes(32).toString('base64url');
}

/** SHA-256 suffices: the id is random and long, nothing to slow a guess down for. */
export function hashSessionId(id: string): string {
  return createHash('sha256').update(id).digest('hex');
}

/** A new session for a person: the id for the cookie, and what the store keeps. */
export function openSession(
  tenantId: string,
  personId: string,
  now: Date,
  policy: SessionPolicy,
): { id: string; session: Session } {
  const id = newSessionId();
  const expiresAt = new Date(now.getTime() + policy.absoluteMs);
  const idleExpiresAt = new Date(Math.min(expiresAt.getTime(), now.getTime() + policy.idleMs));
  return { id, session: { idHash: hashSessionId(id), tenantId, personId, createdAt: now, idleExpiresAt, expiresAt } };
}

export function isSessionLive(session: Session, now: Date): boolean {
  return session.idleExpiresAt > now && session.expiresAt > now;
}

/** A session's idle end is moved at most this often: not one write per request. */
const RENEW_AFTER_MS = 60_000;

/** The idle end to store after a request at `now`, or null when the stored one is recent enough. */
export function sessionRenewal(session: Session, now: Date, policy: SessionPolicy): Date | null {
  const idleExpiresAt = Math.min(session.expiresAt.getTime(), now.getTime() + policy.idleMs);
  return idleExpiresAt - session.idleExpiresAt.getTime() >= RENEW_AFTER_MS ? new Date(idleExpiresAt) : null;
}
