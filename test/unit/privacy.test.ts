import { describe, expect, it } from 'vitest';
import { rawEventsCutoff } from '../../core/src/domain/privacy.ts';
import { erasedEmailHash, personErasure } from '../../core/src/use-cases/privacy/erase-person.ts';
import { aPerson } from '../support/factories.ts';

describe('raw event retention cut-off', () => {
  it('is the same instant the given number of calendar months before, in UTC', () => {
    expect(rawEventsCutoff(new Date('2026-12-06T05:00:00Z'), 13)).toEqual(new Date('2025-11-06T05:00:00Z'));
    expect(rawEventsCutoff(new Date('2026-03-20T15:00:00Z'), 1)).toEqual(new Date('2026-02-20T15:00:00Z'));
  });

  it('takes the last day of a shorter month when the day does not exist', () => {
    expect(rawEventsCutoff(new Date('2026-03-31T12:00:00Z'), 1)).toEqual(new Date('2026-02-28T12:00:00Z'));
    expect(rawEventsCutoff(new Date('2025-03-29T00:00:00Z'), 13)).toEqual(new Date('2024-02-29T00:00:00Z'));
  });
});

describe('a person’s erasure', () => {
  it('audits by the e-mail’s hash with the tenant, and names neither the person nor the anonymous id', () => {
    const person = aPerson('tenant-1', { email: 'Alice.Martin@Example.com', displayName: 'Alice Martin' });
    const erasure = personErasure(person, new Date('2026-12-06T05:00:00Z'), null);
    const audit = JSON.stringify(erasure.audit);
    for (const value of [
      'alice.martin@example.com',
      'Alice.Martin@Example.com',
      'Alice Martin',
      person.id,
      erasure.anonymousId,
      person.identities[0]!.userId,
    ]) {
      expect(audit).not.toContain(value);
    }
    expect(erasure.audit.details['emailSha256']).toBe(erasedEmailHash('tenant-1', 'alice.martin@example.com'));
    expect(erasedEmailHash('tenant-2', 'alice.martin@example.com')).not.toBe(
      erasedEmailHash('tenant-1', 'alice.martin@example.com'),
    );
  });

  it('scrubs the e-mail, name and every platform id, under a fresh anonymous id', () => {
    const person = aPerson('tenant-1', {
      identities: [
        { platform: 'slack', workspaceId: 'T1', userId: 'U1' },
        { platform: 'teams', workspaceId: 'aad', userId: 'aad-1' },
      ],
    });
    const erasure = personErasure(person, new Date(), null);
    expect(erasure.scrub).toEqual([person.email, person.displayName, 'U1', 'aad-1']);
    expect(erasure.anonymousId).not.toBe(person.id);
    expect(personErasure(person, new Date(), null).anonymousId).not.toBe(erasure.anonymousId);
  });
});
