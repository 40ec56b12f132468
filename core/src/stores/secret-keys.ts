import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** One AES-256 key and the name it is stored under, so that a sealed value says which key opens it. */
export interface SecretKey {
  readonly id: string;
  readonly key: Buffer;
}

const FORMAT = 'v1';
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
const IV_BYTES = 12;

/**
 * Seals what the platforms hand over (tokens) before it reaches the database, with AES-256-GCM.
 * The first key seals; every key opens, so that a key is rotated by putting the new one first and
 * keeping the old one until `reseal` has run. `context` (the row's identity) is authenticated with
 * each value, so that a sealed token copied onto another row does not open there.
 */
export class SecretKeyRing {
  readonly #keys: ReadonlyMap<string, Buffer>;
  readonly #current: SecretKey;

  constructor(keys: readonly SecretKey[]) {
    const [current] = keys;
    if (!current) throw new Error('a secret key ring needs at least one key');
    for (const { id, key } of keys) {
      if (!KEY_ID.test(id)) throw new Error(`secret key id "${id}": letters, digits, _ and - only, at most 32`);
      if (key.length !== 32) throw new Error(`secret key "${id}" is ${key.length} bytes; AES-256 needs 32`);
    }
    this.#keys = new Map(keys.map(({ id, key }) => [id, key]));
    if (this.#keys.size !== keys.length) throw new Error('two secret keys share an id');
    this.#current = current;
  }

  /** A new random key, for a store that has none yet. */
  static generateKey(id: string): SecretKey {
    return { id, key: randomBytes(32) };
  }

  seal(secrets: Readonly<Record<string, unknown>>, context: string): SealedSecrets {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#current.key, iv).setAAD(Buffer.from(context));
    const sealed = Buffer.concat([cipher.update(JSON.stringify(secrets), 'utf8'), cipher.final()]);
    const parts = [FORMAT, this.#current.id, iv, cipher.getAuthTag(), sealed].map((part) =>
      typeof part === 'string' ? part : part.toString('base64url'),
    );
    return { sealed: parts.join('.') };
  }

  /** What `seal` sealed; a value stored before sealing existed is read as it is (and `needsReseal`). */
  open(stored: Readonly<Record<string, unknown>>, context: string): Readonly<Record<string, unknown>> {
    const sealed = sealedOf(stored);
    if (sealed === null) return stored;
    const [format, keyId, iv, tag, data] = sealed.split('.');
    const key = keyId === undefined ? undefined : this.#keys.get(keyId);
    if (format !== FORMAT || !key || !iv || !tag || data === undefined) {
      throw new Error(`secrets sealed with key "${keyId}", which is not configured (STEWARD_SECRET_KEYS)`);
    }
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url')).setAAD(Buffer.from(context));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    const plain = Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]);
    return JSON.parse(plain.toString('utf8')) as Record<string, unknown>;
  }

  /** Stored in clear, or under a key that is no longer the first. */
  needsReseal(stored: Readonly<Record<string, unknown>>): boolean {
    const sealed = sealedOf(stored);
    return sealed === null || sealed.split('.')[1] !== this.#current.id;
  }
}

// A type, not an interface: it is one of the records an installation's secrets may be.
export type SealedSecrets = { readonly sealed: string };

function sealedOf(stored: Readonly<Record<string, unknown>>): string | null {
  const keys = Object.keys(stored);
  return keys.length === 1 && typeof stored['sealed'] === 'string' ? stored['sealed'] : null;
}

/** What a ring-less store does: nothing (only tests and tools that hold no token open one so). */
export type MaybeKeyRing = SecretKeyRing | null;

/** An installation's secrets are bound to its platform and workspace. */
const installationContext = (platform: string, workspaceId: string) => `installation:${platform}:${workspaceId}`;

export function sealInstallationSecrets(
  ring: MaybeKeyRing,
  platform: string,
  workspaceId: string,
  secrets: Readonly<Record<string, unknown>>,
): Readonly<Record<string, unknown>> {
  return ring ? ring.seal(secrets, installationContext(platform, workspaceId)) : secrets;
}

export function openInstallationSecrets(
  ring: MaybeKeyRing,
  platform: string,
  workspaceId: string,
  stored: Readonly<Record<string, unknown>>,
): Readonly<Record<string, unknown>> {
  return ring ? ring.open(stored, installationContext(platform, workspaceId)) : stored;
}
