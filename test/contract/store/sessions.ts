import { describe, expect, it } from 'vitest';
import { hashSessionId, openSession, type SessionPolicy } from '../../../core/src/domain/session.ts';
import { aPerson, aTenant } from '../../support/factories.ts';
import type { GetStore } from './context.ts';

const HOUR = 3_600_000;
const policy: SessionPolicy = { idleMs: 8 * HOUR, absoluteMs: 7 * 24 * HOUR };
const later = (at: Date, ms: number) => new Date(at.getTime() + ms);

export function sessionsContract(store: GetStore) {
  describe('sessions', () => {
    async function aSignedInPerson() {
      const tenant = aTenant();
      await store().tenants.save(tenant);
      const person = aPerson(tenant.id);
      await store().people.save(person);
      return person;
    }

    it('finds a session by the hash of its id only while neither end has passed', async () => {
      const person = await aSignedInPerson();
      const at = new Date('2026-05-04T08:00:00Z');
      const { id, session } = openSession(person.tenantId, person.id, at, policy);
      await store().sessions.create(session);

      expect(await store().sessions.find(session.idHash, later(at, HOUR))).toEqual(session);
      expect(session.idHash).toBe(hashSessionId(id));
      // The id the cookie carries is no key: only its hash is.
      expect(await store().sessions.find(id, later(at, HOUR))).toBeNull();
      expect(await store().sessions.find(session.idHash, later(at, 8 * HOUR))).toBeNull();
      expect(await store().sessions.find(hashSessionId('no such id'), at)).toBeNull();
    });

    it('moves the idle end when touched, never past the absolute end', async () => {
      const person = await aSignedInPerson();
      const at = new Date('2026-05-04T08:00:00Z');
      const { session } = openSession(person.tenantId, person.id, at, policy);
      await store().sessions.create(session);

      await store().sessions.touch(session.idHash, later(at, 12 * HOUR));
      expect(await store().sessions.find(session.idHash, later(at, 10 * HOUR))).toEqual({
        ...session,
        idleExpiresAt: later(at, 12 * HOUR),
      });
      await store().sessions.touch(session.idHash, later(at, 9 * 24 * HOUR));
      expect((await store().sessions.find(session.idHash, later(at, 10 * HOUR)))?.idleExpiresAt).toEqual(
        session.expiresAt,
      );
      expect(await store().sessions.find(session.idHash, session.expiresAt)).toBeNull();
    });

    it('deletes one session, and every expired one but no live one', async () => {
      const person = await aSignedInPerson();
      const at = new Date('2026-05-04T08:00:00Z');
      const signedOut = openSession(person.tenantId, person.id, at, policy).session;
      const idle = openSession(person.tenantId, person.id, later(at, -10 * HOUR), policy).session;
      const old = openSession(person.tenantId, person.id, later(at, -8 * 24 * HOUR), policy).session;
      const live = openSession(person.tenantId, person.id, later(at, -HOUR), policy).session;
      for (const session of [signedOut, idle, old, live]) await store().sessions.create(session);

      expect(await store().sessions.delete(signedOut.idHash)).toBe(true);
      expect(await store().sessions.delete(signedOut.idHash)).toBe(false);
      expect(await store().sessions.find(signedOut.idHash, at)).toBeNull();

      // Other tests' sessions may expire too: count at least ours, and look each of ours up.
      expect(await store().sessions.deleteExpired(at)).toBeGreaterThanOrEqual(2);
      const early = later(at, -10 * 24 * HOUR);
      expect(await store().sessions.find(idle.idHash, early)).toBeNull();
      expect(await store().sessions.find(old.idHash, early)).toBeNull();
      expect(await store().sessions.find(live.idHash, at)).toEqual(live);
    });
  });
}
