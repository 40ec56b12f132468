import { describe, expect, it } from 'vitest';
import { SecretKeyRing } from '../../core/src/stores/secret-keys.ts';

const key = (id: string, fill: number) => ({ id, key: Buffer.alloc(32, fill) });
const TOKENS = { botToken: 'xoxb-1234-secret', botUserId: 'U0BOT' };
const CONTEXT = 'installation:slack:T0NORTH';

describe('secret key ring (AES-256-GCM)', () => {
  it('seals so that nothing of the token shows, and opens what it sealed', () => {
    const ring = new SecretKeyRing([key('k1', 1)]);
    const sealed = ring.seal(TOKENS, CONTEXT);
    expect(Object.keys(sealed)).toEqual(['sealed']);
    expect(sealed.sealed).toMatch(/^v1\.k1\.[\w-]{16}\.[\w-]{22}\.[\w-]+$/);
    expect(JSON.stringify(sealed)).not.toContain('xoxb');
    expect(ring.open(sealed, CONTEXT)).toEqual(TOKENS);
    // A fresh IV each time: the same tokens never seal the same way twice.
    expect(ring.seal(TOKENS, CONTEXT).sealed).not.toBe(sealed.sealed);
  });

  it('refuses a sealed value moved to another row, or changed by one character', () => {
    const ring = new SecretKeyRing([key('k1', 1)]);
    const { sealed } = ring.seal(TOKENS, CONTEXT);
    expect(() => ring.open({ sealed }, 'installation:slack:T0OTHER')).toThrow();
    const last = sealed.at(-1) === 'A' ? 'B' : 'A';
    expect(() => ring.open({ sealed: `${sealed.slice(0, -1)}${last}` }, CONTEXT)).toThrow();
  });

  it('rotates: the first key seals, every key opens, and what an older key sealed needs resealing', () => {
    const old = new SecretKeyRing([key('k1', 1)]);
    const sealedByOld = old.seal(TOKENS, CONTEXT);
    const rotating = new SecretKeyRing([key('k2', 2), key('k1', 1)]);
    expect(rotating.open(sealedByOld, CONTEXT)).toEqual(TOKENS);
    expect(rotating.needsReseal(sealedByOld)).toBe(true);
    const resealed = rotating.seal(rotating.open(sealedByOld, CONTEXT), CONTEXT);
    expect(rotating.needsReseal(resealed)).toBe(false);
    expect(new SecretKeyRing([key('k2', 2)]).open(resealed, CONTEXT)).toEqual(TOKENS);
    expect(() => new SecretKeyRing([key('k2', 2)]).open(sealedByOld, CONTEXT)).toThrow(
      'secrets sealed with key "k1", which is not configured (STEWARD_SECRET_KEYS)',
    );
  });

  it('reads tokens stored before sealing as they are, and says they need sealing', () => {
    const ring = new SecretKeyRing([key('k1', 1)]);
    expect(ring.open(TOKENS, CONTEXT)).toEqual(TOKENS);
    expect(ring.needsReseal(TOKENS)).toBe(true);
  });

  it('refuses a ring with no key, a key that is not 32 bytes, a bad id, or two keys of one id', () => {
    expect(() => new SecretKeyRing([])).toThrow('at least one key');
    expect(() => new SecretKeyRing([{ id: 'k1', key: Buffer.alloc(16) }])).toThrow('AES-256 needs 32');
    expect(() => new SecretKeyRing([key('k 1', 1)])).toThrow('letters, digits');
    expect(() => new SecretKeyRing([key('k1', 1), key('k1', 2)])).toThrow('share an id');
  });
});
