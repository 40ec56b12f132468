import { openTemporaryEmbeddedStore } from '../support/embedded-store.ts';
import { organisationSuite } from './organisation/suite.ts';

organisationSuite('PGlite', openTemporaryEmbeddedStore);
