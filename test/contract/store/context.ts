import type { Store } from '../../../core/src/ports/store/index.ts';

/** Each contract file receives this and reads the store lazily, once the adapter has opened it. */
export type GetStore = () => Store;
