import { openTemporaryEmbeddedStore } from '../support/embedded-store.ts';
import { digestSuite } from './digest/suite.ts';

digestSuite('PGlite', openTemporaryEmbeddedStore);
