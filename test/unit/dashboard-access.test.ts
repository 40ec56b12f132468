import { describe, expect, it } from 'vitest';
import {
  canSeeGroup,
  DEFAULT_SESSION_POLICY,
  hashSessionId,
  isSessionLive,
  localeFromAcceptLanguage,
  openSession,
  sessionRenewal,
  viewerOf,
} from '../../core/src/index.ts';
import { aGroup, aPerson, aTenant } from '../support/factories.ts';

const HOUR = 3_600_000;

describe('who a person is to the dashboard', () => {
  const tenant = aTenant();
  const person = aPerson(tenant.id, { displayName: 'Ana', locale: 'ru' });
  const owned = aGroup(tenant.id, [person.id]);

  it('is a community manager with the community_manager or administrator role, groups or not', () => {
    for (const role of ['community_manager', 'administrator'] as const) {
      expect(viewerOf({ ...person, roles: [role] }, [])).toEqual({
        ok: true,
        value: {
          personId: person.id,
          tenantId: tenant.id,
          role: 'community_manager',
          locale: 'ru',
          displayName: 'Ana',
        },
      });
    }
    expect(viewerOf({ ...person, roles: ['community_manager'] }, [owned])).toMatchObject({
      ok: true,
      value: { role: 'community_manager' },
    });
  });

  it('is an owner when they own an active group of their tenant', () => {
    expect(viewerOf(person, [owned])).toMatchObject({ ok: true, value: { role: 'owner' } });
  });

  it('is refused otherwise: no group, only archived or retired ones, another tenant’s, someone else’s, or having left', () => {
    const refused = { ok: false, code: 'not_a_viewer' };
    expect(viewerOf(person, [])).toMatchObject(refused);
    expect(
      viewerOf(person, [
        { ...owned, state: 'archived' },
        { ...owned, state: 'retired' },
      ]),
    ).toMatchObject(refused);
    expect(viewerOf(person, [aGroup(aTenant().id, [person.id])])).toMatchObject(refused);
    expect(viewerOf(person, [aGroup(tenant.id, [aPerson(tenant.id).id])])).toMatchObject(refused);
    expect(
      viewerOf({ ...person, roles: ['community_manager'], deactivatedAt: new Date('2026-01-01T00:00:00Z') }, [owned]),
    ).toMatchObject(refused);
  });

  it('sees a group when the scope is the tenant, or names the group', () => {
    expect(canSeeGroup({ kind: 'tenant', tenantId: tenant.id }, owned.id)).toBe(true);
    expect(canSeeGroup({ kind: 'groups', tenantId: tenant.id, groupIds: [owned.id] }, owned.id)).toBe(true);
    expect(
      canSeeGroup({ kind: 'groups', tenantId: tenant.id, groupIds: [owned.id] }, aGroup(tenant.id, [person.id]).id),
    ).toBe(false);
    expect(canSeeGroup({ kind: 'groups', tenantId: tenant.id, groupIds: [] }, owned.id)).toBe(false);
  });
});

describe('sessions', () => {
  const at = new Date('2026-05-04T08:00:00Z');
  const later = (ms: number) => new Date(at.getTime() + ms);

  it('opens with a random id whose hash alone is kept, idle for 8 hours and 7 days at most', () => {
    const first = openSession('t', 'p', at, DEFAULT_SESSION_POLICY);
    const second = openSession('t', 'p', at, DEFAULT_SESSION_POLICY);
    expect(first.id).not.toBe(second.id);
    expect(first.id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(first.session).toEqual({
      idHash: hashSessionId(first.id),
      tenantId: 't',
      personId: 'p',
      createdAt: at,
      idleExpiresAt: later(8 * HOUR),
      expiresAt: later(7 * 24 * HOUR),
    });
    expect(first.session.idHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(first.session)).not.toContain(first.id);
  });

  it('is live until either end, and moves its idle end at most once a minute, never past its absolute end', () => {
    const { session } = openSession('t', 'p', at, DEFAULT_SESSION_POLICY);
    expect(isSessionLive(session, later(8 * HOUR - 1))).toBe(true);
    expect(isSessionLive(session, later(8 * HOUR))).toBe(false);
    expect(sessionRenewal(session, later(30_000), DEFAULT_SESSION_POLICY)).toBeNull();
    expect(sessionRenewal(session, later(2 * HOUR), DEFAULT_SESSION_POLICY)).toEqual(later(10 * HOUR));
    const lastDay = { ...session, idleExpiresAt: later(7 * 24 * HOUR - HOUR) };
    expect(sessionRenewal(lastDay, later(7 * 24 * HOUR - 2 * HOUR), DEFAULT_SESSION_POLICY)).toEqual(session.expiresAt);
    expect(
      sessionRenewal(
        { ...session, idleExpiresAt: session.expiresAt },
        later(7 * 24 * HOUR - HOUR),
        DEFAULT_SESSION_POLICY,
      ),
    ).toBeNull();
  });
});

describe('the browser’s language', () => {
  it.each([
    [undefined, 'en'],
    ['', 'en'],
    ['fr-FR,fr;q=0.9,en;q=0.8', 'fr'],
    ['de-DE, ru;q=0.7, fr;q=0.6', 'ru'],
    ['en;q=0.5, fr;q=0.8', 'fr'],
    ['ru;q=0, fr;q=0.1', 'fr'],
    ['frr, de', 'en'],
    ['*', 'en'],
    ['FR-ca', 'fr'],
    ['ja, zh;q=0.9', 'en'],
  ] as const)('reads %j as %s', (header, locale) => {
    expect(localeFromAcceptLanguage(header)).toBe(locale);
  });
});
