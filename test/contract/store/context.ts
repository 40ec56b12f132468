import type { Store } from '../../../core/src/ports/store/index.ts';
import { SecretKeyRing } from '../../../core/src/stores/secret-keys.ts';

/** Each contract file receives this and reads the store lazily, once the adapter has opened it. */
export type GetStore = () => Store;

/**
 * Runs `count` calls at once, as a race's warm-up: a store with a pool of connections opens them
 * now, so that the racers start together instead of one by one, as their connections open.
 */
export async function inParallel(count: number, call: () => Promise<unknown>): Promise<void> {
  await Promise.all(Array.from({ length: count }, call));
}

/** Every store runs the contract with its tokens sealed, as the server opens it. */
export const contractSecretKeys = () => new SecretKeyRing([{ id: 'contract', key: Buffer.alloc(32, 9) }]);
