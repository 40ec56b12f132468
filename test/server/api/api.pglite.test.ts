import { openTemporaryEmbeddedStore } from '../../support/embedded-store.ts';
import { apiSuite } from './suite.ts';

apiSuite('embedded PGlite', openTemporaryEmbeddedStore);
