import type { Session } from '../../domain/session.ts';

/** Dashboard sign-ins, by the hash of their id (the id itself is never stored). */
export interface SessionRepository {
  create(session: Session): Promise<void>;
  /** The session when it exists and neither of its ends has passed at `now`. */
  find(idHash: string, now: Date): Promise<Session | null>;
  /** Moves the idle end of a session (never past its absolute end: the caller computes it). */
  touch(idHash: string, idleExpiresAt: Date): Promise<void>;
  /** True when there was such a session. */
  delete(idHash: string): Promise<boolean>;
  /** Removes every session one of whose ends passed before `now`; how many. */
  deleteExpired(now: Date): Promise<number>;
}
