import { openTemporaryEmbeddedStore } from '../support/embedded-store.ts';
import { weeklyHourSuite } from './weekly-hour/suite.ts';

weeklyHourSuite('PGlite', openTemporaryEmbeddedStore);
